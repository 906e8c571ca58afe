/// `GET /v1/tokens?user=&all=true`.
public struct TokenQuery: Decodable, Sendable {
    /// Absent: the caller.
    public var user: String?
    /// Everyone's (admins).
    public var all: Bool

    public init(user: String? = nil, all: Bool = false) {
        self.user = user
        self.all = all
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        user = try q.text("user")
        all = try q.flag("all")
    }
}
