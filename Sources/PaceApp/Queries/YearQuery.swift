/// `GET /v1/teams/{team}/calendar?year=`.
public struct YearQuery: Decodable, Sendable {
    /// Absent: this year (UTC).
    public var year: Int?

    public init(year: Int? = nil) { self.year = year }

    public init(from decoder: any Decoder) throws {
        year = try QueryFields(decoder).year()
    }
}
