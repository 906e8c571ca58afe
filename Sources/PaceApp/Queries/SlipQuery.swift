import PaceCore

/// `GET /v1/slips?since=DATE&team=T`.
public struct SlipQuery: Decodable, Sendable {
    /// Absent: 7 days before today (UTC).
    public var since: CivilDate?
    /// Only this team's slips (its managers and admins).
    public var team: String?

    public init(since: CivilDate? = nil, team: String? = nil) {
        self.since = since
        self.team = team
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        since = try q.day("since")
        team = try q.text("team")
    }
}
