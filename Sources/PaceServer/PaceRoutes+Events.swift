import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

extension PaceRoutes {
    /// Events before this are refused as typing mistakes: 2000-01-01T00:00:00Z.
    static let earliest = Timestamp(milliseconds: 946_684_800_000)

    /// `POST /v1/events`: append one event; 201 when stored, 200 when the same id and
    /// content were stored before (a retry), 409 when the id was used for other content.
    func append(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        if !access.caller.isAdmin, let wait = appendLimiter.take(access.name) {
            throw APIError(.tooManyRequests, "rate_limited",
                           "You (\(access.name)) are logging faster than \(config.appendsPerMinute) events a minute; nothing was recorded. Retry in \(wait) s with the same command.",
                           retryAfter: wait)
        }
        let req = try await decode(AppendRequest.self, from: request)
        let now = clock()
        let occurredAt = req.occurredAt ?? now
        if occurredAt > now.adding(seconds: config.futureToleranceSeconds) {
            throw APIError(.unprocessableContent, "in_future",
                           "The time \(occurredAt) is more than \(config.futureToleranceSeconds / 60) minutes after paced's clock (\(now)). "
                           + "Log events when they have happened; if your machine's clock is ahead of paced's, leave out --at.")
        }
        if occurredAt < Self.earliest {
            throw APIError(.unprocessableContent, "too_old", "The time \(occurredAt) is before 2000; check the date.")
        }
        // Version 8 ids are paced's own, derived from what they are about (slips): a
        // client that could claim one could suppress a slip or probe whether it exists.
        if let given = req.id, given.version == 8 {
            throw APIError(.badRequest, "bad_id", "The id \(given) is a version 8 UUID, which paced keeps for the events it derives itself. Use a UUIDv7, or leave out --id.")
        }
        let id = req.id ?? EventID.v7(at: now)
        let timeGiven = req.occurredAt != nil
        var outcome: AppendOutcome
        switch req.payload {
        case .team, .member, .calendar, .target, .user:
            let subject = Self.subject(of: req.payload)
            var event = NewEvent(id: id, type: req.payload.type, subject: subject, recordedBy: access.name,
                                 occurredAt: occurredAt, data: try req.payload.canonicalJSON())
            event.occurredAtGiven = timeGiven
            let users = users
            let caller = access.caller
            let zones = snapshot.zones
            outcome = try await org.append(event, payload: req.payload) { org in
                try ManagementRules.check(req.payload, access: Access(caller: caller, org: org),
                                          today: { zones.zone($0.timeZone).local(now).date }, users: users,
                                          zoneExists: { FoundationZone(identifier: $0) != nil })
            }
        case .plan(let p):
            outcome = try await appendPlan(p, req, id: id, occurredAt: occurredAt, access: access)
        case .review(let r):
            outcome = try await appendReview(r, req, id: id, occurredAt: occurredAt, access: access)
        case .goal(let g):
            var event = NewEvent(id: id, type: .goal, subject: Self.subject(of: req.payload), recordedBy: access.name,
                                 occurredAt: occurredAt, data: try req.payload.canonicalJSON())
            event.occurredAtGiven = timeGiven
            let caller = access.caller
            let users = users
            outcome = try await org.append(event, payload: req.payload) { org in
                try ManagementRules.checkGoal(g, access: Access(caller: caller, org: org), users: users)
            }
        case .slip, .token:
            throw APIError(.badRequest, "bad_type", "Slips and tokens are written by paced itself (tokens through POST /v1/tokens).")
        default:
            outcome = try await appendActivity(req, id: id, occurredAt: occurredAt, access: access)
        }
        // A retry is answered with the stored event only if the caller may read it.
        if case .existing(let stored) = outcome, !access.mayRead(stored) { throw StoreError.idTaken(id) }
        switch outcome {
        case .created(let stored):
            // Recovery checks follow every append; a calendar change moves boundaries.
            slipScheduler.wakeup.ring()
            // A plan item's day may have been filled in by paced: answer with what was stored.
            return try JSONResponse.make(EventRecord(stored, payload: req.payload.type == .plan ? nil : req.payload), status: .created)
        case .existing(let stored):
            return try JSONResponse.make(EventRecord(stored), status: .ok)
        }
    }

    /// Whom a management or goal event is about: `company`, `team:NAME`, or the user.
    static func subject(of payload: EventPayload) -> String {
        switch payload {
        case .team(let t): Subject.teamPrefix + t.name
        case .member(let m): m.user
        case .calendar(let c): Subject.teamPrefix + c.team
        case .target(let t): t.scope == .company ? Subject.company : t.scope == .team ? Subject.teamPrefix + (t.name ?? "") : (t.name ?? "")
        case .goal(let g): g.scope == .team ? Subject.teamPrefix + g.name : g.name
        case .user(let u): u.name
        default: ""
        }
    }

    /// Visits, calls, payments, orders and voids: for oneself, or for a member by their manager or an admin.
    func appendActivity(_ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) async throws -> AppendOutcome {
        try access.requireTeam()
        var subject = try Text.optional(req.subject, field: "subject", limit: 64, code: "bad_subject") ?? access.name
        // Who may log for whom is decided by the team of the event's day (below); a
        // salesperson may log only for themself.
        guard access.caller.isAdmin || subject == access.name || !access.org.teamsManaged(by: access.name).isEmpty else {
            throw APIError(.forbidden, "forbidden",
                           "You (\(access.name)) may log only your own events; logging for \(subject) needs their team's manager or an admin. Leave out --for.")
        }
        if subject != access.name && !PaceUsers(system: users, org: access.org).exists(user: subject) {
            throw APIError(.unprocessableContent, "unknown_user", "There is no user '\(subject)'. See `pace user list`.")
        }
        if case .void = req.payload {} else if !access.caller.isAdmin {
            // The event counts for the team its subject is in on its day: it must be a team
            // the caller is in now (for oneself) or manages (for a member) on that day.
            let team = OrganizationAttributor(org: access.org, zones: snapshot.zones).attribute(subject: subject, at: occurredAt).team
            let day = snapshot.zones.zone(access.org.calendar(ofTeam: team).timeZone).local(occurredAt).date
            if team.isEmpty {
                throw APIError(.forbidden, "not_on_team", "\(subject == access.name ? "You were" : "\(subject) was") on no team on \(day); "
                    + "an event of that day would count for no team. Check --at, or ask an admin.")
            }
            let allowed = subject == access.name ? access.org.currentTeam(of: subject) == team : access.org.manages(access.name, team: team)
            guard allowed else {
                throw APIError(.forbidden, "forbidden", "On \(day) \(subject == access.name ? "you were" : "\(subject) was") in \(team)"
                    + "\(subject == access.name ? ", which you have left" : ", which you do not manage"); events of that day are for \(team)'s managers or an admin to log.")
            }
        }
        var voids: EventID?
        if case .void(let correction) = req.payload {
            // An event the caller may not void is answered as if it did not exist.
            guard let target = try store.event(id: correction.event), access.mayActOn(target) else {
                throw StoreError(.notFound, "No event of yours has the id \(correction.event). See `pace history` for the ids of your events.")
            }
            guard ["visit", "call", "payment", "order"].contains(target.type) else {
                throw StoreError(.cannotVoid, "Event #\(target.seq) is a \(target.type) event; teams, calendars and targets are changed with new `pace team`, `pace calendar` or `pace target` commands, not voided.")
            }
            subject = target.subject
            voids = correction.event
        }
        var event = NewEvent(id: id, type: req.payload.type, subject: subject, recordedBy: access.name, occurredAt: occurredAt,
                             data: try req.payload.canonicalJSON(), voids: voids, payload: req.payload)
        event.occurredAtGiven = req.occurredAt != nil
        return try await recorder.append(event)
    }

    /// The largest page of `GET /v1/events`; longer histories are read with `after=`.
    static let maxPage = 1000

    /// `GET /v1/events?subject=&since=&type=&limit=&after=`: newest first, at most
    /// ``maxPage`` per answer, with `next` to continue. A salesperson sees their own
    /// events; a manager a member's from the days the member was in a team they manage.
    func list(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        try access.requireTeam()
        let q = request.uri.queryParameters
        let subjectParam = q.get("subject")
        let subject: String? = subjectParam == "*" ? nil : (subjectParam ?? access.name)
        let allowed: Bool = switch subject {
        case nil: access.caller.isAdmin
        case let s?: access.caller.isAdmin || s == access.name
            || !access.managedTeams(of: s).isEmpty
        }
        guard allowed else {
            throw APIError(.forbidden, "forbidden", "You (\(access.name)) may read only your own events\(access.role == .manager ? " and your team members'" : "").")
        }
        var since: Timestamp?
        if let s = q.get("since") {
            guard let t = Timestamp(rfc3339: s) else {
                throw APIError(.badRequest, "bad_time", "since=\(s) is not an RFC 3339 time like 2026-11-27T00:00:00+01:00.")
            }
            since = t
        }
        var type: String?
        if let t = q.get("type") { type = try EventType(recorded: t).rawValue }
        var limit = 50
        if let l = q.get("limit") {
            guard let n = Int(l), (1...Self.maxPage).contains(n) else {
                throw APIError(.badRequest, "bad_limit", "limit=\(l) is not a number from 1 to \(Self.maxPage); read longer histories page by page with after= (the answer's next).")
            }
            limit = n
        }
        var after: EventStore.HistoryCursor?
        if let a = q.get("after") {
            guard let c = EventStore.HistoryCursor(text: a) else {
                throw APIError(.badRequest, "bad_cursor", "after=\(a) is not a cursor; pass the next value of the previous page.")
            }
            after = c
        }
        // Events the caller may not read (a member's days outside the caller's teams) are
        // skipped, and the cursor is always an event the caller may read: it never gives
        // away the time or seq of one they may not.
        var visible: [StoredEvent] = []
        var cursor = after
        var more = true
        while visible.count < limit && more {
            let batch = try store.history(subject: subject, since: since, type: type, after: cursor, limit: Self.maxPage)
            more = batch.count == Self.maxPage
            for e in batch where access.mayRead(e) && visible.count < limit { visible.append(e) }
            if let last = batch.last { cursor = EventStore.HistoryCursor(occurredAt: last.occurredAt.milliseconds, seq: last.seq) }
        }
        let next = visible.count == limit ? visible.last.map { EventStore.HistoryCursor(occurredAt: $0.occurredAt.milliseconds, seq: $0.seq).text } : nil
        return try JSONResponse.make(EventList(events: visible.map { try EventRecord($0) }, next: next))
    }

    /// `GET /v1/events/{id}`.
    func one(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let id = try EventID(parsing: context.parameters.get("id") ?? "")
        guard let e = try store.event(id: id), access.mayRead(e) else {
            throw StoreError(.notFound, "No event of yours has the id \(id).")
        }
        return try JSONResponse.make(EventRecord(e))
    }
}
