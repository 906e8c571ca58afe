/// A `member` event: a user joins or leaves a team from a day on (the team's local day).
/// History is never rewritten: activity counts for the team the user was in that day.
public struct MemberEvent: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case add, remove }

    public let team: String
    public let user: String
    public let action: Action
    /// First day (add) or first day no longer a member (remove), `YYYY-MM-DD`.
    public let from: String

    public init(team: String, user: String, action: Action, from: CivilDate) throws {
        self.team = try Name.validated(team, what: "team")
        self.user = try Name.validated(user, what: "user")
        self.action = action
        self.from = from.description
    }

    public var fromDate: CivilDate { CivilDate(iso: Substring(from))! }

    enum CodingKeys: String, CodingKey, CaseIterable { case team, user, action, from }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .from)
        guard let day = CivilDate(iso: Substring(text)) else {
            throw InputError("bad_date", "'\(text)' is not a date; write it like 2027-01-31.")
        }
        guard let action = Action(rawValue: try c.decode(String.self, forKey: .action)) else {
            throw InputError("bad_action", "A member event's action is add or remove.")
        }
        try self.init(team: c.decode(String.self, forKey: .team), user: c.decode(String.self, forKey: .user), action: action, from: day)
    }
}
