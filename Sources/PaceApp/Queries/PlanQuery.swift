import PaceCore

/// `GET /v1/plan?date=&user=`: a day's plan.
public struct PlanQuery: Decodable, Sendable {
    /// Absent: today in the user's zone.
    public var date: CivilDate?
    /// Absent: the caller.
    public var user: String?

    public init(date: CivilDate? = nil, user: String? = nil) {
        self.date = date
        self.user = user
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        date = try q.day("date")
        user = try q.text("user")
    }
}
