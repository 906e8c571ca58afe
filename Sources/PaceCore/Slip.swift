/// The payload of a `slip` event: paced's record that a subject fell behind (or came
/// back) on one metric over one period. paced writes these itself, each under an id
/// derived from (subject, metric, period, kind), so each is recorded, and sent to the
/// journal, exactly once.
///
/// Amounts are the metric's decimal text (`12000.50` for money, `3` for counts), as
/// they were when the rule ran.
public struct Slip: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A working day closed with a metric below that day's target.
        case dailySlip = "daily-slip"
        /// After a working day closed, week-to-date pace is below 1 - tolerance.
        case weeklyAtRisk = "weekly-at-risk"
        /// The last working day of the week closed with the week's target not met.
        case weeklyMissed = "weekly-missed"
        /// A subject at risk this week is back on track.
        case recovered
        /// A working day closed and a member has no plan for the next working day.
        case planReminder = "plan-reminder"
        /// A goal's milestone date passed with the cumulative actual below its amount.
        case milestoneMissed = "milestone-missed"

        /// How much it matters, in syslog's words: a missed day, week or milestone is a
        /// warning, a week at risk a notice, a recovery or a planning reminder info.
        public var level: String {
            switch self {
            case .dailySlip, .weeklyMissed, .milestoneMissed: "warning"
            case .weeklyAtRisk: "notice"
            case .recovered, .planReminder: "info"
            }
        }
    }

    public var kind: Kind
    /// The team the subject counted for (the team itself for a team slip).
    public var team: String
    /// The metric; nil for a plan reminder (it counts plan items).
    public var metric: Metric?
    /// `2026-12-01` for a day, `2026-W49` for a week.
    public var period: String
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    public var target: String
    public var actual: String
    /// What was expected by the moment of the check.
    public var expected: String
    /// actual - expected.
    public var gap: String
    /// The check ran after a downtime of paced, later than its boundary.
    public var late: Bool

    public init(kind: Kind, team: String, metric: Metric?, period: String, periodStart: CivilDate, periodEnd: CivilDate,
                target: String, actual: String, expected: String, gap: String, late: Bool) {
        self.kind = kind
        self.team = team
        self.metric = metric
        self.period = period
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.target = target
        self.actual = actual
        self.expected = expected
        self.gap = gap
        self.late = late
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, team, metric, period, periodStart = "period_start", periodEnd = "period_end"
        case target, actual, expected, gap, late
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func day(_ k: CodingKeys) throws -> CivilDate {
            let s = try c.decode(String.self, forKey: k)
            guard let d = CivilDate(iso: Substring(s)) else {
                throw InputError("bad_slip", "\(k.rawValue) '\(s)' is not a date like 2026-12-01.")
            }
            return d
        }
        self.init(kind: try c.decode(Kind.self, forKey: .kind), team: try c.decode(String.self, forKey: .team),
                  metric: try c.decodeIfPresent(Metric.self, forKey: .metric), period: try c.decode(String.self, forKey: .period),
                  periodStart: try day(.periodStart), periodEnd: try day(.periodEnd),
                  target: try c.decode(String.self, forKey: .target), actual: try c.decode(String.self, forKey: .actual),
                  expected: try c.decode(String.self, forKey: .expected), gap: try c.decode(String.self, forKey: .gap),
                  late: try c.decode(Bool.self, forKey: .late))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(team, forKey: .team)
        try c.encodeIfPresent(metric, forKey: .metric)
        try c.encode(period, forKey: .period)
        try c.encode(periodStart.description, forKey: .periodStart)
        try c.encode(periodEnd.description, forKey: .periodEnd)
        try c.encode(target, forKey: .target)
        try c.encode(actual, forKey: .actual)
        try c.encode(expected, forKey: .expected)
        try c.encode(gap, forKey: .gap)
        try c.encode(late, forKey: .late)
    }
}
