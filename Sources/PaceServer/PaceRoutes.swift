import Foundation
import HTTPTypes
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
    /// When each token was last used (written to the store at most once a minute).
    let tokenUse: TokenUse

    /// One route of the `/v1` API: its method, its path under `/v1/` (`{name}` matches one
    /// segment) and its handler.
    struct Route: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let handler: @Sendable (PaceRoutes, Request, PaceRequestContext) async throws -> Response
    }

    /// Every route, in one table: registered from it, and answered 405 (with `Allow`)
    /// for another method on one of its paths.
    static func routes(testClock: Bool) -> [Route] {
        var list: [Route] = [
            Route(method: .post, path: "events") { try await $0.append($1, $2) },
            Route(method: .get, path: "events") { try await $0.list($1, $2) },
            Route(method: .get, path: "events/{id}") { try await $0.one($1, $2) },
            Route(method: .get, path: "status") { try await $0.status($1, $2) },
            Route(method: .get, path: "verify") { try await $0.verify($1, $2) },
            Route(method: .get, path: "teams") { try await $0.listTeams($1, $2) },
            Route(method: .get, path: "teams/{team}") { try await $0.showTeam($1, $2) },
            Route(method: .get, path: "teams/{team}/calendar") { try await $0.showCalendar($1, $2) },
            Route(method: .get, path: "targets") { try await $0.showTarget($1, $2) },
            Route(method: .get, path: "progress") { try await $0.progress($1, $2) },
            Route(method: .post, path: "rebuild") { try await $0.rebuild($1, $2) },
            Route(method: .get, path: "report") { try await $0.report($1, $2) },
            Route(method: .get, path: "customers") { try await $0.customers($1, $2) },
            Route(method: .get, path: "slips") { try await $0.slips($1, $2) },
            Route(method: .get, path: "plan") { try await $0.plan($1, $2) },
            Route(method: .get, path: "review/week") { try await $0.reviewWeek($1, $2) },
            Route(method: .get, path: "review/month") { try await $0.reviewMonth($1, $2) },
            Route(method: .get, path: "goals") { try await $0.goal($1, $2) },
            Route(method: .get, path: "users") { try await $0.listUsers($1, $2) },
            Route(method: .get, path: "users/{name}") { try await $0.showUser($1, $2) },
            Route(method: .post, path: "tokens") { try await $0.createToken($1, $2) },
            Route(method: .get, path: "tokens") { try await $0.listTokens($1, $2) },
            Route(method: .post, path: "tokens/{id}/revoke") { try await $0.revokeToken($1, $2) },
        ]
        if testClock { list.append(Route(method: .post, path: "test/clock") { try await $0.moveTestClock($1, $2) }) }
        return list
    }

    /// Registers every route on `router`, behind the error middleware and then the
    /// identity middleware with `identity`: the same API on every listener.
    func register(on router: Router<PaceRequestContext>, identity: any IdentitySource) {
        let routes = Self.routes(testClock: daemonClock.isTest)
        router.add(middleware: ErrorMiddleware(maxBodyBytes: config.maxBodyBytes, routes: routes.map { ($0.method, "v1/" + $0.path) }))
        router.add(middleware: IdentityMiddleware(source: identity))
        for route in routes {
            let handler = route.handler
            router.on(RouterPath("v1/" + route.path), method: route.method) { request, context in
                try await blocking.run { try await handler(self, request, context) }
            }
        }
    }

    /// The caller, as the listener's identity middleware set it.
    func caller(_ context: PaceRequestContext) async throws -> Caller {
        guard let caller = context.caller else {
            throw APIError(.internalServerError, "no_identity", "paced could not tell who is calling.")
        }
        return caller
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
