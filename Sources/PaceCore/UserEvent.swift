/// A `user` event: a Pace user is added (admins). A Pace user is who a token or a Unix
/// login of the same name stands for; team members are Pace users. Names already used
/// in `member` events are Pace users without a `user` event of their own.
public struct UserEvent: Sendable, Equatable, Codable {
    /// The user name: lower-case letters, digits, `.`, `_`, `-` (as a Unix login).
    public let name: String
    /// The person's name as shown, like "Alice Wang".
    public let displayName: String?
    public let email: String?

    public init(name: String, displayName: String?, email: String?) throws {
        self.name = try Name.validated(name, what: "user")
        self.displayName = try Text.optional(displayName, field: "name", limit: 100, code: "bad_user")
        let mail = try Text.optional(email, field: "email", limit: 254, code: "bad_email")
        if let mail, mail.split(separator: "@").count != 2 || mail.contains(" ") {
            throw InputError("bad_email", "'\(mail)' is not an email address like alice@example.com.")
        }
        self.email = mail
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email
        case displayName = "display_name"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(name: c.decode(String.self, forKey: .name), displayName: c.decodeIfPresent(String.self, forKey: .displayName),
                      email: c.decodeIfPresent(String.self, forKey: .email))
    }
}

/// A `token` event, written by paced: a personal bearer token is created for a user, or
/// revoked. Only the SHA-256 of the secret is recorded; the secret is shown once.
/// A created token's id is the event's id.
public struct TokenEvent: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case create, revoke }

    public let action: Action
    /// Whose token (create).
    public let user: String?
    /// A label, like "laptop" (create).
    public let label: String?
    /// When it stops working (create); nil: never.
    public let expires: Timestamp?
    /// Hex SHA-256 of the secret (create).
    public let hash: String?
    /// The token revoked (revoke).
    public let token: EventID?

    public static func create(user: String, label: String?, expires: Timestamp?, hash: String) throws -> TokenEvent {
        try TokenEvent(action: .create, user: user, label: label, expires: expires, hash: hash, token: nil)
    }

    public static func revoke(_ token: EventID) throws -> TokenEvent {
        try TokenEvent(action: .revoke, user: nil, label: nil, expires: nil, hash: nil, token: token)
    }

    init(action: Action, user: String?, label: String?, expires: Timestamp?, hash: String?, token: EventID?) throws {
        self.action = action
        self.user = try user.map { try Name.validated($0, what: "user") }
        self.label = try Text.optional(label, field: "token name", limit: 64, code: "bad_token")
        self.expires = expires
        self.hash = hash
        self.token = token
        switch action {
        case .create:
            guard self.user != nil, let hash, hash.count == 64, hash.allSatisfy(\.isASCIIHexDigit) else {
                throw InputError("bad_token", "A token is created for a user with the hash of its secret.")
            }
        case .revoke:
            guard token != nil else { throw InputError("bad_token", "Say which token to revoke.") }
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case action, user, label, expires, hash, token }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(action: c.decode(Action.self, forKey: .action), user: c.decodeIfPresent(String.self, forKey: .user),
                      label: c.decodeIfPresent(String.self, forKey: .label), expires: c.decodeIfPresent(Timestamp.self, forKey: .expires),
                      hash: c.decodeIfPresent(String.self, forKey: .hash), token: c.decodeIfPresent(EventID.self, forKey: .token))
    }
}
