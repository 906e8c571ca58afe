/// Teams, memberships, work calendars and targets: the projection of the `team`,
/// `member`, `calendar` and `target` events, applied in log order.
///
/// Pure and deterministic: replaying the same events gives the same organisation.
public struct Organization: Sendable {
    public struct Team: Sendable, Equatable {
        public var name: String
        public var managers: Set<String>
        /// nil until a `calendar set`; holidays may be added before it (kept on the standard calendar).
        public var calendar: WorkCalendar?
        public var holidays: [String: String] = [:]
        public var makeUpDays: [String: String] = [:]

        /// The calendar in force: the team's own, or Mon-Fri 09:00-18:00 UTC, with its holidays and make-up days.
        public var effectiveCalendar: WorkCalendar {
            var c = calendar ?? .standard
            c.holidays = holidays
            c.makeUpDays = makeUpDays
            return c
        }
    }

    /// A stretch of membership: from `from` (inclusive) until `until` (exclusive, nil = open).
    public struct Span: Sendable, Equatable {
        public var team: String
        public var from: CivilDate
        public var until: CivilDate?

        public func contains(_ d: CivilDate) -> Bool { d >= from && (until.map { d < $0 } ?? true) }
    }

    public struct TargetKey: Sendable, Hashable {
        public var scope: TargetEvent.Scope
        public var name: String?
        public var metric: Metric
        public var year: Int

        public init(scope: TargetEvent.Scope, name: String?, metric: Metric, year: Int) {
            self.scope = scope
            self.name = name
            self.metric = metric
            self.year = year
        }
    }

    /// A Pace user: added with a `user` event, or known from being named a member or a
    /// manager (logs from before users were events replay unchanged).
    public struct User: Sendable, Equatable {
        public var name: String
        public var displayName: String?
        public var email: String?

        public init(name: String, displayName: String? = nil, email: String? = nil) {
            self.name = name
            self.displayName = displayName
            self.email = email
        }
    }

    /// A personal bearer token: the SHA-256 of its secret, whose it is, and until when.
    public struct Token: Sendable, Equatable {
        public var id: EventID
        public var user: String
        public var label: String?
        public var created: Timestamp
        public var expires: Timestamp?
        /// Hex SHA-256 of the secret.
        public var hash: String
        public var revoked: Timestamp?

        /// Whether it authenticates at `now`.
        public func isValid(at now: Timestamp) -> Bool { revoked == nil && (expires.map { now < $0 } ?? true) }
    }

    public private(set) var users: [String: User] = [:]
    public private(set) var tokens: [EventID: Token] = [:]
    /// Token ids by the hash of their secret.
    public private(set) var tokenByHash: [String: EventID] = [:]

    public private(set) var teams: [String: Team] = [:]
    public private(set) var spans: [String: [Span]] = [:]
    public private(set) var targets: [TargetKey: [TargetEvent]] = [:]
    /// The latest action plan of each goal.
    public private(set) var goals: [TargetKey: GoalPlan] = [:]
    /// Order in which teams were created.
    public private(set) var teamOrder: [String] = []
    /// Plans resolved for this state (see ``PlanCache``): shared by copies of this
    /// value, replaced by every change to teams, members, calendars or targets.
    var plans = PlanCache()

    public init() {}

    /// Applies one event. Events of other types are ignored. Events are assumed valid
    /// (paced checks them before they are recorded). `event` (its id and time) is needed
    /// for tokens, whose id is the creating event's.
    public mutating func apply(_ payload: EventPayload, event: (id: EventID, at: Timestamp)? = nil) {
        switch payload {
        case .team, .member, .calendar, .target: plans = PlanCache()
        default: break
        }
        switch payload {
        case .user(let u):
            users[u.name] = User(name: u.name, displayName: u.displayName, email: u.email)
        case .token(let t):
            switch t.action {
            case .create:
                guard let event, let user = t.user, let hash = t.hash else { return }
                tokens[event.id] = Token(id: event.id, user: user, label: t.label, created: event.at, expires: t.expires, hash: hash)
                tokenByHash[hash] = event.id
            case .revoke:
                guard let id = t.token, tokens[id]?.revoked == nil else { return }
                tokens[id]?.revoked = event?.at ?? Timestamp(milliseconds: 0)
            }
        case .team(let t):
            teams[t.name] = Team(name: t.name, managers: Set(t.managers))
            teamOrder.append(t.name)
            for m in t.managers where users[m] == nil { users[m] = User(name: m) }
        case .member(let m):
            if users[m.user] == nil { users[m.user] = User(name: m.user) }
            var list = spans[m.user, default: []]
            switch m.action {
            case .add:
                // Joining a team ends any open membership elsewhere on the same day.
                for i in list.indices where list[i].until == nil { list[i].until = m.fromDate }
                list.append(Span(team: m.team, from: m.fromDate))
            case .remove:
                for i in list.indices where list[i].team == m.team && list[i].until == nil { list[i].until = m.fromDate }
            }
            spans[m.user] = list
        case .calendar(let c):
            guard var team = teams[c.team] else { return }
            switch c.change {
            case .set:
                // Only what the event gives changes; the rest stays (the standard calendar's at first).
                var cal = team.calendar ?? .standard
                if let tz = c.timeZone { cal.timeZone = tz }
                if let w = c.workdays, let days = try? Weekday.parseSet(w) { cal.workdays = days }
                if let h = c.hours, let (start, end) = try? WorkCalendar.parseHours(h) {
                    cal.startMinute = start
                    cal.endMinute = end
                }
                cal.holidays = [:]
                cal.makeUpDays = [:]
                team.calendar = cal
            case .holiday, .workday:
                guard let a = c.from.flatMap({ CivilDate(iso: Substring($0)) }), let b = c.to.flatMap({ CivilDate(iso: Substring($0)) }) else { return }
                var d = a
                while d <= b {
                    if c.change == .holiday {
                        team.holidays[d.description] = c.name ?? "holiday"
                        team.makeUpDays[d.description] = nil
                    } else {
                        team.makeUpDays[d.description] = c.name ?? "make-up day"
                        team.holidays[d.description] = nil
                    }
                    d = d.adding(days: 1)
                }
            }
            teams[c.team] = team
        case .target(let t):
            targets[TargetKey(scope: t.scope, name: t.name, metric: t.metric, year: t.year), default: []].append(t)
        case .goal(let g):
            goals[g.key] = g
        default:
            break
        }
    }

    // MARK: Questions

    /// The team `user` belonged to on `day`.
    public func team(of user: String, on day: CivilDate) -> String? {
        spans[user]?.last(where: { $0.contains(day) })?.team
    }

    /// The team `user` is in now or was in last.
    public func currentTeam(of user: String) -> String? {
        spans[user]?.last(where: { $0.until == nil })?.team
    }

    public func manages(_ user: String, team: String) -> Bool { teams[team]?.managers.contains(user) == true }

    public func teamsManaged(by user: String) -> [String] { teamOrder.filter { manages(user, team: $0) } }

    /// Everyone who was ever a member of `team`, with their spans there, by name.
    public func members(of team: String) -> [(user: String, spans: [Span])] {
        spans.compactMap { user, list in
            let mine = list.filter { $0.team == team }
            return mine.isEmpty ? nil : (user, mine)
        }.sorted { $0.user < $1.user }
    }

    public func calendar(ofTeam team: String) -> WorkCalendar { teams[team]?.effectiveCalendar ?? .standard }

    /// The IANA time zone of `team`'s calendar (`calendar(ofTeam:).timeZone`, without
    /// building the calendar with its holidays: attribution asks for it on every event).
    public func timeZone(ofTeam team: String) -> String { (teams[team]?.calendar ?? .standard).timeZone }

    /// The calendar a user's targets follow in `year`: on each day, that of the team
    /// they belong to that day. Before their first membership in the year it is the
    /// first team's; after a membership ends with no next one, the last team's. The
    /// standard calendar for a user on no team.
    public func calendar(ofUser user: String, year: Int) -> WorkCalendar {
        calendar(ofUser: user, from: CivilDate(year: year, month: 1, day: 1), to: CivilDate(year: year, month: 12, day: 31))
    }

    /// As ``calendar(ofUser:year:)``, over the days [jan1, dec31] (any span of days).
    public func calendar(ofUser user: String, from jan1: CivilDate, to dec31: CivilDate) -> WorkCalendar {
        let inYear = (spans[user] ?? []).filter { $0.from <= dec31 && ($0.until.map { $0 > jan1 } ?? true) }
        guard let first = inYear.first else {
            // Not a member in these days: the team they were last in before, else the next one.
            let before = spans[user]?.last(where: { $0.from < jan1 }), after = spans[user]?.first(where: { $0.from > dec31 })
            return (before ?? after).map { calendar(ofTeam: $0.team) } ?? .standard
        }
        var cal = calendar(ofTeam: first.team)
        for span in inYear.dropFirst() {
            cal.changes.append(.init(from: span.from, calendar: calendar(ofTeam: span.team)))
        }
        return cal
    }

    /// The calendar of the team `user` is in on `day` (else the one their targets follow
    /// in that year): the zone, hours and working days of that day.
    public func calendar(ofUser user: String, on day: CivilDate) -> WorkCalendar {
        if let team = team(of: user, on: day) { return calendar(ofTeam: team) }
        return calendar(ofUser: user, year: day.year).inForce(on: day)
    }

    /// The company's calendar: that of the first team created, else the standard one.
    public var companyCalendar: WorkCalendar { teamOrder.first.map(calendar(ofTeam:)) ?? .standard }
}
