import PaceCore

/// `GET /v1/review/week`, `/v1/review/month` and `/v1/goals`: whose figures (a user,
/// default the caller, or a team) and which week, month, or goal.
public struct ReviewQuery: Decodable, Sendable {
    public var user: String?
    public var team: String?
    /// review/week: absent, this week in the subject's zone.
    public var week: ISOWeek?
    /// review/month: the 1st of the month; absent, this month in the subject's zone.
    public var month: CivilDate?
    /// goals: the goal's metric and year (both required there).
    public var metric: Metric?
    public var year: Int?

    public init(user: String? = nil, team: String? = nil, week: ISOWeek? = nil, month: CivilDate? = nil, metric: Metric? = nil, year: Int? = nil) {
        self.user = user
        self.team = team
        self.week = week
        self.month = month
        self.metric = metric
        self.year = year
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        user = try q.text("user")
        team = try q.text("team")
        week = try q.value("week", ISOWeek.init(parsing:), error: { InputError("bad_week", "week=\($0) is not a week like 2026-W48.") })
        month = try q.value("month", Self.month, error: { InputError("bad_month", "month=\($0) is not a month like 2026-11.") })
        metric = try q.metric()
        year = try q.value("year", { Int($0).flatMap { (2000...2100).contains($0) ? $0 : nil } },
                           error: { _ in InputError("bad_year", "year= must be a year like 2027.") })
    }

    /// `YYYY-MM` as the 1st of that month.
    static func month(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let mo = Int(parts[1]),
              (2000...2100).contains(y), (1...12).contains(mo) else { return nil }
        return CivilDate(year: y, month: mo, day: 1)
    }
}
