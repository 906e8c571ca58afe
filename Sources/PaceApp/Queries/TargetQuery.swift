import PaceCore

/// `GET /v1/targets?scope=&name=&metric=&year=&by=`: one target's plan, by period.
public struct TargetQuery: Decodable, Sendable {
    public var scope: TargetEvent.Scope
    /// The team or user; absent for a user: the caller.
    public var name: String?
    public var metric: Metric
    /// Absent: this year (UTC).
    public var year: Int?
    public var by: YearPlan.Grain

    public init(scope: TargetEvent.Scope, name: String? = nil, metric: Metric, year: Int? = nil, by: YearPlan.Grain = .month) {
        self.scope = scope
        self.name = name
        self.metric = metric
        self.year = year
        self.by = by
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        guard let scope = try q.scope() else { throw InputError("bad_scope", "scope must be company, team or user.") }
        self.scope = scope
        name = try q.text("name")
        metric = try Metric(parsing: q.text("metric") ?? "")
        year = try q.year()
        by = try q.value("by", YearPlan.Grain.init(rawValue:), error: { _ in
            InputError("bad_by", "by must be one of: \(YearPlan.Grain.allCases.map(\.rawValue).joined(separator: ", ")).")
        }) ?? .month
    }
}
