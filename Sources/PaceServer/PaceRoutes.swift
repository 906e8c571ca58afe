import Foundation
import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

/// The `/v1` HTTP API (described in schema/openapi.yaml). Each handler learns the
/// caller from the socket, checks what they may do, and talks to the store.
struct PaceRoutes: Sendable {
    let config: ServerConfiguration
    let store: EventStore
    let recorder: EventRecorder
    let users: UserDirectory
    let org: OrganizationService
    let snapshot: OrganizationSnapshot
    let startedAt: Timestamp
    let clock: @Sendable () -> Timestamp
    let daemonClock: DaemonClock
    let slipScheduler: SlipScheduler
    /// Per-user append rate limit (429 with Retry-After).
    let appendLimiter: AppendRateLimiter
    /// Where handlers run: their blocking calls stay off the cooperative pool.
    let blocking: BlockingExecutor

    func register(on router: Router<PaceRequestContext>) {
        router.add(middleware: ErrorMiddleware(maxBodyBytes: config.maxBodyBytes))
        let v1 = router.group("v1")
        v1.post("events") { request, context in try await blocking.run { try await append(request, context) } }
        v1.get("events") { request, context in try await blocking.run { try await list(request, context) } }
        v1.get("events/{id}") { request, context in try await blocking.run { try await one(request, context) } }
        v1.get("status") { request, context in try await blocking.run { try await status(request, context) } }
        v1.get("verify") { request, context in try await blocking.run { try await verify(request, context) } }
        v1.get("teams") { request, context in try await blocking.run { try await listTeams(request, context) } }
        v1.get("teams/{team}") { request, context in try await blocking.run { try await showTeam(request, context) } }
        v1.get("teams/{team}/calendar") { request, context in try await blocking.run { try await showCalendar(request, context) } }
        v1.get("targets") { request, context in try await blocking.run { try await showTarget(request, context) } }
        v1.get("progress") { request, context in try await blocking.run { try await progress(request, context) } }
        v1.post("rebuild") { request, context in try await blocking.run { try await rebuild(request, context) } }
        v1.get("report") { request, context in try await blocking.run { try await report(request, context) } }
        v1.get("customers") { request, context in try await blocking.run { try await customers(request, context) } }
        v1.get("slips") { request, context in try await blocking.run { try await slips(request, context) } }
        v1.get("plan") { request, context in try await blocking.run { try await plan(request, context) } }
        v1.get("review/week") { request, context in try await blocking.run { try await reviewWeek(request, context) } }
        v1.get("review/month") { request, context in try await blocking.run { try await reviewMonth(request, context) } }
        v1.get("goals") { request, context in try await blocking.run { try await goal(request, context) } }
        if daemonClock.isTest {
            v1.post("test/clock") { request, context in try await blocking.run { try await moveTestClock(request, context) } }
        }
    }

    /// The caller, from the socket's peer credentials.
    func caller(_ context: PaceRequestContext) async throws -> Caller {
        let peer = try await PeerCredentials.of(context.channel)
        return try users.caller(uid: peer.uid, gid: peer.gid)
    }

    /// The caller and what they may do in the organisation as it is now.
    func access(_ context: PaceRequestContext) async throws -> Access {
        Access(caller: try await caller(context), org: snapshot.organization)
    }

    /// Today's date in UTC: only a starting point to find whose calendar applies; the
    /// days that rules and figures compare against are local to a team's zone.
    func today() -> CivilDate { FixedOffsetZone.utc.local(clock()).date }

    /// A `YYYY-MM-DD` query value, or a 400 naming the parameter.
    static func day(_ text: String, _ key: String) throws -> CivilDate {
        guard let d = CivilDate(iso: Substring(text)) else { throw APIError(.badRequest, "bad_date", "\(key)=\(text) is not a date like 2026-12-01.") }
        return d
    }

    /// Reads a JSON body of at most `maxBodyBytes` into `T`.
    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var body = try await request.body.collect(upTo: config.maxBodyBytes)
        guard let bytes = body.readBytes(length: body.readableBytes), !bytes.isEmpty else {
            throw APIError(.badRequest, "bad_json", "The request body is empty. Send one JSON object.")
        }
        return try JSONDecoder().decode(T.self, from: Data(bytes))
    }
}

extension EventRecord {
    /// The API form of a stored event.
    init(_ e: StoredEvent, payload: EventPayload? = nil) throws {
        let type = try EventType(recorded: e.type)
        self.init(seq: e.seq, id: e.id, subject: e.subject, recordedBy: e.recordedBy, occurredAt: e.occurredAt,
                  recordedAt: e.recordedAt, payload: try payload ?? EventPayload(type: type, json: e.data), voidedBy: e.voidedBy)
    }
}
