/// A `goal` event: the action plan for one yearly goal (a metric's target for a user
/// or a team): the actions, the reward and penalty, the obstacles, the skills to
/// build, the support needed, and stage deadlines (milestones: a cumulative amount
/// since January 1 to reach by a day). Recorded again to revise it; the latest wins
/// and the earlier versions stay in the log.
public struct GoalPlan: Sendable, Equatable, Codable {
    public struct Milestone: Sendable, Equatable {
        public let date: CivilDate
        /// Cumulative since January 1; minor units for money metrics.
        public let amount: Int64

        /// Parses `2027-03-31:300` (or `2027-03-31:12000.50` for money).
        public init(parsing raw: String, metric: Metric, year: Int) throws {
            let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let d = CivilDate(iso: Substring(parts[0].trimmingWhitespace())) else {
                throw InputError("bad_milestone", "'\(raw)' is not a milestone. Write DATE:AMOUNT, like 2027-03-31:300.")
            }
            guard d.year == year else { throw InputError("bad_milestone", "The milestone \(raw) is not in \(year).", rule: true) }
            date = d
            guard !parts[1].trimmingWhitespace().hasPrefix("-") else {
                throw InputError("bad_milestone", "The milestone \(raw) has a negative amount; give the cumulative amount to reach, like 300.")
            }
            amount = try metric.parseAmount(parts[1])
        }

        public init(date: CivilDate, amount: Int64) {
            self.date = date
            self.amount = amount
        }

        /// The day the milestone is judged at the close of: its date when that is a
        /// working day, else the first working day after it (counting that day's work).
        public func due(in calendar: WorkCalendar) -> CivilDate {
            calendar.isWorkingDay(date) ? date : calendar.nextWorkingDay(after: date)
        }
    }

    public let scope: TargetEvent.Scope
    public let name: String
    public let metric: Metric
    public let year: Int
    public let actions: [String]
    public let reward: String?
    public let penalty: String?
    public let obstacles: [String]
    public let skills: [String]
    public let support: [String]
    public let milestones: [Milestone]

    public init(scope: TargetEvent.Scope, name: String, metric: Metric, year: Int, actions: [String], reward: String?, penalty: String?,
                obstacles: [String], skills: [String], support: [String], milestones: [Milestone]) throws {
        guard scope != .company else { throw InputError("bad_scope", "A goal plan is for a user or a team.") }
        self.scope = scope
        self.name = try Name.validated(name, what: scope.rawValue)
        guard (2000...2100).contains(year) else { throw InputError("bad_year", "The year \(year) is not between 2000 and 2100.") }
        self.metric = metric
        self.year = year
        func list(_ items: [String], _ field: String) throws -> [String] {
            guard items.count <= 50 else { throw InputError("bad_goal", "At most 50 \(field) entries.") }
            return try items.map { try Text.required($0, field: field, limit: Limits.reason, code: "bad_goal") }
        }
        self.actions = try list(actions, "action")
        self.reward = try Text.optional(reward, field: "reward", limit: Limits.reason, code: "bad_goal")
        self.penalty = try Text.optional(penalty, field: "penalty", limit: Limits.reason, code: "bad_goal")
        self.obstacles = try list(obstacles, "obstacle")
        self.skills = try list(skills, "skill")
        self.support = try list(support, "support")
        guard milestones.count <= 366 else { throw InputError("bad_milestone", "At most 366 milestones.") }
        for m in milestones where m.date.year != year {
            throw InputError("bad_milestone", "The milestone \(m.date) is not in \(year).", rule: true)
        }
        guard Set(milestones.map(\.date)).count == milestones.count else {
            throw InputError("bad_milestone", "Two milestones share a date; give one amount a day.", rule: true)
        }
        self.milestones = milestones.sorted { $0.date < $1.date }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case scope, name, metric, year, actions, reward, penalty, obstacles, skills, support, milestones
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let scope = TargetEvent.Scope(rawValue: try c.decode(String.self, forKey: .scope)) else {
            throw InputError("bad_scope", "A goal plan's scope is team or user.")
        }
        let metric = try c.decode(Metric.self, forKey: .metric)
        let year = try c.decodeWholeNumber(forKey: .year)
        let milestones = try (c.decodeIfPresent([String].self, forKey: .milestones) ?? []).map {
            try Milestone(parsing: $0, metric: metric, year: year)
        }
        try self.init(scope: scope, name: c.decode(String.self, forKey: .name), metric: metric, year: year,
                      actions: c.decodeIfPresent([String].self, forKey: .actions) ?? [],
                      reward: c.decodeIfPresent(String.self, forKey: .reward), penalty: c.decodeIfPresent(String.self, forKey: .penalty),
                      obstacles: c.decodeIfPresent([String].self, forKey: .obstacles) ?? [],
                      skills: c.decodeIfPresent([String].self, forKey: .skills) ?? [],
                      support: c.decodeIfPresent([String].self, forKey: .support) ?? [], milestones: milestones)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encode(name, forKey: .name)
        try c.encode(metric, forKey: .metric)
        try c.encode(year, forKey: .year)
        try c.encode(actions, forKey: .actions)
        try c.encodeIfPresent(reward, forKey: .reward)
        try c.encodeIfPresent(penalty, forKey: .penalty)
        try c.encode(obstacles, forKey: .obstacles)
        try c.encode(skills, forKey: .skills)
        try c.encode(support, forKey: .support)
        try c.encode(milestones.map { "\($0.date):\(metric.decimal($0.amount))" }, forKey: .milestones)
    }

    /// The key of the goal this plan is for.
    public var key: Organization.TargetKey { .init(scope: scope, name: name, metric: metric, year: year) }
}
