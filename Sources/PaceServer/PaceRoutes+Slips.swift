import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

extension PaceRoutes {
    /// `GET /v1/slips?since=DATE&team=T`: slips since a day (default: 7 days ago, UTC).
    /// A salesperson sees their own; a manager also their teams' and members'; an
    /// admin everyone's. `team=` narrows to one team (its managers and admins).
    func slips(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let q = request.uri.queryParameters
        let since = try q.get("since").map { try Self.day($0, "since") } ?? today().adding(days: -7)
        let team = q.get("team")
        if let team {
            guard access.org.teams[team] != nil else { throw Self.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw APIError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its slips.") }
        } else if !access.caller.isAdmin {
            try access.requireTeam()
        }
        let managed = Set(access.org.teamsManaged(by: access.name))
        var rows: [SlipList.Row] = []
        let from = FixedOffsetZone.utc.instant(of: LocalDateTime(date: since, hour: 0, minute: 0))
        for e in try store.slips(since: from) {
            guard case .slip(let s)? = try e.payload() else { continue }
            if let team, s.team != team { continue }
            guard access.caller.isAdmin || e.subject == access.name || managed.contains(s.team) else { continue }
            rows.append(.init(seq: e.seq, subject: e.subject, at: e.occurredAt, slip: s, message: s.message(subject: e.subject)))
        }
        return try JSONResponse.make(SlipList(slips: rows))
    }

    /// `POST /v1/test/clock` `{"now": RFC 3339}` (admins; only with `paced --test-clock`):
    /// moves the clock forward, runs the slip checks now due, and answers when they are done.
    func moveTestClock(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.caller.isAdmin else { throw APIError(.forbidden, "forbidden", "Only an admin may move the test clock.") }
        let body = try await decode(ClockRequest.self, from: request)
        guard daemonClock.advance(to: body.now) else {
            throw APIError(.conflict, "clock_backwards", "The test clock reads \(daemonClock.now()); it only moves forward.")
        }
        let n = await slipScheduler.check()
        return try JSONResponse.make(ClockResponse(now: daemonClock.now(), slips: n))
    }
}
