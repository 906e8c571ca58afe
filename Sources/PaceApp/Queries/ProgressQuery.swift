import PaceCore

/// `GET /v1/progress?scope=&name=&period=&metric=&at=`: progress of one subject over
/// the period containing a day.
public struct ProgressQuery: Decodable, Sendable {
    /// company, team or user (default user).
    public var scope: TargetEvent.Scope
    /// The team or user; absent for a user: the caller.
    public var name: String?
    public var period: Period
    /// One metric, or every metric with a target.
    public var metric: Metric?
    /// Measure at the end of this day (in the subject's zone) instead of now.
    public var at: CivilDate?

    public init(scope: TargetEvent.Scope = .user, name: String? = nil, period: Period = .day, metric: Metric? = nil, at: CivilDate? = nil) {
        self.scope = scope
        self.name = name
        self.period = period
        self.metric = metric
        self.at = at
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        scope = try q.scope() ?? .user
        name = try q.text("name")
        period = try Period(parsing: q.text("period") ?? "day")
        metric = try q.metric()
        at = try q.value("at", { CivilDate(iso: Substring($0)) }, error: { InputError("bad_time", "at=\($0) is not a date like 2026-11-27.") })
    }
}
