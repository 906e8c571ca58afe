import PaceCore

/// `GET /v1/report?team=&by=&from=&to=&metric=`: a team's members by period.
public struct ReportQuery: Decodable, Sendable {
    /// The periods of the report's columns.
    public enum Grain: String, Sendable, CaseIterable {
        case day, week, month
    }

    public var team: String
    public var by: Grain
    /// Absent: the 1st of the month, in the team's zone.
    public var from: CivilDate?
    /// Absent: today in the team's zone.
    public var to: CivilDate?
    public var metric: Metric

    public init(team: String, by: Grain = .week, from: CivilDate? = nil, to: CivilDate? = nil, metric: Metric = .revenue) {
        self.team = team
        self.by = by
        self.from = from
        self.to = to
        self.metric = metric
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        team = try q.text("team") ?? ""
        by = try q.value("by", Grain.init(rawValue:), error: { _ in InputError("bad_by", "by must be day, week or month.") }) ?? .week
        from = try q.day("from")
        to = try q.day("to")
        metric = try q.metric() ?? .revenue
    }
}
