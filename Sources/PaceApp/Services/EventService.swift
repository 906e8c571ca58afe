import PaceAPI
import PaceCore
import PaceStore

/// Appends events and reads the log: activity for oneself (or a member, by their
/// manager), management changes through the organisation's rules, plans and reviews.
public struct EventService: Sendable {
    let env: AppEnvironment

    /// Events before this are refused as typing mistakes: 2000-01-01T00:00:00Z.
    public static let earliest = Timestamp(milliseconds: 946_684_800_000)
    /// The largest page of `GET /v1/events`; longer histories are read with `after=`.
    public static let maxPage = 1000

    /// The answer to an append: the event as stored, and whether this call stored it
    /// (false: the same id and content were stored before, a retry).
    public struct Appended: Sendable {
        public var event: EventRecord
        public var created: Bool
    }

    /// Whether ``append(_:access:)`` of `req` may make a blocking call before it awaits
    /// the writer: a user lookup (logging for someone else, management rules), a read of
    /// the log (a void, plans and reviews). An activity of the caller's own makes none:
    /// its checks read only the organisation in memory. The server runs the appends that
    /// may block on threads of their own, the rest on Swift's cooperative pool.
    public func mayBlock(_ req: AppendRequest, access: Access) -> Bool {
        switch req.payload {
        case .visit, .call, .payment, .order:
            return req.subject.map { $0 != access.name } ?? false
        default:
            return true
        }
    }

    /// Appends one event. Throws ``AppError`` (refused, rate limited), `StoreError`
    /// (409 id clash), `InputError` (bad content).
    public func append(_ req: AppendRequest, access: Access) async throws -> Appended {
        let settings = env.settings
        if !access.caller.isAdmin, let wait = env.appendLimiter.take(access.name) {
            throw AppError(.tooManyRequests, "rate_limited",
                           "You (\(access.name)) are logging faster than \(settings.appendsPerMinute) events a minute; nothing was recorded. Retry in \(wait) s with the same command.",
                           retryAfter: wait)
        }
        let now = env.clock()
        let (id, occurredAt) = try when(req, now: now)
        var outcome: AppendOutcome
        switch req.payload {
        case .team, .member, .calendar, .target, .user, .goal:
            var event = NewEvent(id: id, type: req.payload.type, subject: Self.subject(of: req.payload), recordedBy: access.name,
                                 occurredAt: occurredAt, data: try req.payload.inputJSON())
            event.occurredAtGiven = req.occurredAt != nil
            let (users, caller, zones, payload) = (env.users, access.caller, env.snapshot.zones, req.payload)
            outcome = try await env.organization.append(event, payload: payload) { org in
                let access = Access(caller: caller, org: org)
                if case .goal(let g) = payload { return try ManagementRules.checkGoal(g, access: access, users: users) }
                try ManagementRules.check(payload, access: access, today: { zones.zone($0.timeZone).local(now).date }, users: users,
                                          zoneExists: { FoundationZone(identifier: $0) != nil })
            }
        case .plan(let p):
            outcome = try await PlanningService(env: env).appendPlan(p, req, id: id, occurredAt: occurredAt, access: access)
        case .review(let r):
            outcome = try await PlanningService(env: env).appendReview(r, req, id: id, occurredAt: occurredAt, access: access)
        case .slip, .token:
            throw AppError(.badRequest, "bad_type", "Slips and tokens are written by paced itself (tokens through POST /v1/tokens).")
        default:
            outcome = try await appendActivity(req, id: id, occurredAt: occurredAt, access: access)
        }
        switch outcome {
        case .created(let stored):
            // Recovery checks follow every append; a calendar change moves boundaries.
            env.appended()
            // A plan item's day may have been filled in by paced: answer with what was stored.
            return Appended(event: try EventRecord(stored, payload: req.payload.type == .plan ? nil : req.payload), created: true)
        case .existing(let stored):
            // A retry is answered with the stored event only if the caller may read it.
            guard access.mayRead(stored) else { throw StoreError.idTaken(id) }
            return Appended(event: try EventRecord(stored), created: false)
        }
    }

    /// The event's id (given, or a new UUIDv7) and time (given, or now), refused when
    /// the time is in the future or before 2000, or the id is one of paced's own.
    func when(_ req: AppendRequest, now: Timestamp) throws -> (id: EventID, occurredAt: Timestamp) {
        let settings = env.settings
        let occurredAt = req.occurredAt ?? now
        if occurredAt > now.adding(seconds: settings.futureToleranceSeconds) {
            throw AppError(.unprocessable, "in_future",
                           "The time \(occurredAt) is more than \(settings.futureToleranceSeconds / 60) minutes after paced's clock (\(now)). "
                           + "Log events when they have happened; if your machine's clock is ahead of paced's, leave out --at.")
        }
        if occurredAt < Self.earliest {
            throw AppError(.unprocessable, "too_old", "The time \(occurredAt) is before 2000; check the date.")
        }
        // Version 8 ids are paced's own, derived from what they are about (slips): a
        // client that could claim one could suppress a slip or probe whether it exists.
        if let given = req.id, given.version == 8 {
            throw AppError(.badRequest, "bad_id", "The id \(given) is a version 8 UUID, which paced keeps for the events it derives itself. Use a UUIDv7, or leave out --id.")
        }
        return (req.id ?? EventID.v7(at: now), occurredAt)
    }

    /// Whom a management or goal event is about, as the log spells it (see ``Subject``).
    static func subject(of payload: EventPayload) -> String {
        switch payload {
        case .team(let t): Subject.team(t.name).stored
        case .member(let m): m.user
        case .calendar(let c): Subject.team(c.team).stored
        case .target(let t): Subject(scope: t.scope, name: t.name).stored
        case .goal(let g): Subject(scope: g.scope, name: g.name).stored
        case .user(let u): u.name
        default: ""
        }
    }

    /// Visits, calls, payments, orders and voids: for oneself, or for a member by their manager or an admin.
    func appendActivity(_ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) async throws -> AppendOutcome {
        try await env.recorder.append(try activity(req, id: id, occurredAt: occurredAt, access: access))
    }

    /// The activity event `req` asks for, every rule checked, ready to append.
    func activity(_ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) throws -> NewEvent {
        try access.requireTeam()
        var subject = try Text.optional(req.subject, field: "subject", limit: 64, code: "bad_subject") ?? access.name
        // Who may log for whom is decided by the team of the event's day (below); a
        // salesperson may log only for themself.
        guard access.caller.isAdmin || subject == access.name || !access.org.teamsManaged(by: access.name).isEmpty else {
            throw AppError(.forbidden, "forbidden",
                           "You (\(access.name)) may log only your own events; logging for \(subject) needs their team's manager or an admin. Leave out --for.")
        }
        if subject != access.name && !PaceUsers(system: env.users, org: access.org).exists(user: subject) {
            throw AppError(.unprocessable, "unknown_user", "There is no user '\(subject)'. See `pace user list`.")
        }
        if case .void = req.payload {} else if !access.caller.isAdmin {
            // The event counts for the team its subject is in on its day: it must be a team
            // the caller is in now (for oneself) or manages (for a member) on that day.
            let zones = env.snapshot.zones
            let team = OrganizationAttributor(org: access.org, zones: zones).attribute(subject: subject, at: occurredAt).team
            let day = zones.zone(access.org.timeZone(ofTeam: team)).local(occurredAt).date
            if team.isEmpty {
                throw AppError(.forbidden, "not_on_team", "\(subject == access.name ? "You were" : "\(subject) was") on no team on \(day); "
                    + "an event of that day would count for no team. Check --at, or ask an admin.")
            }
            let allowed = subject == access.name ? access.org.currentTeam(of: subject) == team : access.org.manages(access.name, team: team)
            guard allowed else {
                throw AppError(.forbidden, "forbidden", "On \(day) \(subject == access.name ? "you were" : "\(subject) was") in \(team)"
                    + "\(subject == access.name ? ", which you have left" : ", which you do not manage"); events of that day are for \(team)'s managers or an admin to log.")
            }
        }
        var voids: EventID?
        if case .void(let correction) = req.payload {
            // An event the caller may not void is answered as if it did not exist.
            guard let target = try env.store.event(id: correction.event), access.mayActOn(target) else {
                throw StoreError(.notFound, "No event of yours has the id \(correction.event). See `pace history` for the ids of your events.")
            }
            guard EventType(rawValue: target.type)?.isActivity ?? false else {
                throw StoreError(.cannotVoid, "Event #\(target.seq) is a \(target.type) event; teams, calendars and targets are changed with new `pace team`, `pace calendar` or `pace target` commands, not voided.")
            }
            subject = target.subject
            voids = correction.event
        }
        var event = NewEvent(id: id, type: req.payload.type, subject: subject, recordedBy: access.name, occurredAt: occurredAt,
                             data: try req.payload.inputJSON(), voids: voids, payload: req.payload)
        event.occurredAtGiven = req.occurredAt != nil
        return event
    }

    /// A page of the log, newest first, with `next` to continue. A salesperson sees
    /// their own events; a manager a member's from the days the member was in a team
    /// they manage; an admin anyone's.
    public func list(_ q: EventQuery, access: Access) throws -> EventList {
        try access.requireTeam()
        let subject: String? = q.subject ?? access.name
        let allowed: Bool = switch subject {
        case nil: access.caller.isAdmin
        case let s?: access.caller.isAdmin || s == access.name || !access.managedTeams(of: s).isEmpty
        }
        guard allowed else {
            throw AppError(.forbidden, "forbidden", "You (\(access.name)) may read only your own events\(access.role == .manager ? " and your team members'" : "").")
        }
        // Events the caller may not read (a member's days outside the caller's teams) are
        // skipped, and the cursor is always an event the caller may read: it never gives
        // away the time or seq of one they may not.
        var visible: [StoredEvent] = []
        var cursor = q.after
        var more = true
        while visible.count < q.limit && more {
            let batch = try env.store.history(subject: subject, since: q.since, type: q.type?.rawValue, after: cursor, limit: Self.maxPage)
            more = batch.count == Self.maxPage
            for e in batch where access.mayRead(e) && visible.count < q.limit { visible.append(e) }
            if let last = batch.last { cursor = EventStore.HistoryCursor(occurredAt: last.occurredAt.milliseconds, seq: last.seq) }
        }
        let next = visible.count == q.limit ? visible.last.map { EventStore.HistoryCursor(occurredAt: $0.occurredAt.milliseconds, seq: $0.seq).text } : nil
        return EventList(events: try visible.map { try EventRecord($0) }, next: next)
    }

    /// One event, if the caller may read it (else 404, as if it did not exist).
    public func one(_ id: EventID, access: Access) throws -> EventRecord {
        guard let e = try env.store.event(id: id), access.mayRead(e) else {
            throw StoreError(.notFound, "No event of yours has the id \(id).")
        }
        return try EventRecord(e)
    }
}

extension EventRecord {
    /// The API form of a stored event.
    public init(_ e: StoredEvent, payload: EventPayload? = nil) throws {
        let type = try EventType(recorded: e.type)
        self.init(seq: e.seq, id: e.id, subject: e.subject, recordedBy: e.recordedBy, occurredAt: e.occurredAt,
                  recordedAt: e.recordedAt, payload: try payload ?? EventPayload(type: type, json: e.data), voidedBy: e.voidedBy)
    }
}
