import PaceCore

/// A Pace user as `GET /v1/users` shows it (admins): name, display name, email, and
/// the teams they are in now.
public struct UserView: Sendable, Codable, Equatable {
    public var name: String
    public var displayName: String?
    public var email: String?
    public var teams: [String]
    /// Teams they manage.
    public var manages: [String]

    public init(name: String, displayName: String?, email: String?, teams: [String], manages: [String]) {
        self.name = name
        self.displayName = displayName
        self.email = email
        self.teams = teams
        self.manages = manages
    }

    enum CodingKeys: String, CodingKey {
        case name, email, teams, manages
        case displayName = "display_name"
    }
}

/// Body of `GET /v1/users`.
public struct UserList: Sendable, Codable, Equatable {
    public var users: [UserView]
    public init(users: [UserView]) { self.users = users }
}

/// Body of `POST /v1/tokens`: a token for oneself (or, for admins, for `user`).
public struct TokenRequest: Sendable, Codable, Equatable {
    public var user: String?
    /// A label, like "laptop".
    public var name: String?
    /// Days until it expires, 1 to 366 (default 90).
    public var expiresDays: Int?

    public init(user: String?, name: String?, expiresDays: Int?) {
        self.user = user
        self.name = name
        self.expiresDays = expiresDays
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case user, name
        case expiresDays = "expires_days"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decodeIfPresent(String.self, forKey: .user)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        expiresDays = try c.decodeWholeNumberIfPresent(forKey: .expiresDays)
    }
}

/// A personal token as listed: never its secret.
public struct TokenView: Sendable, Codable, Equatable {
    public var id: EventID
    public var user: String
    public var name: String?
    public var createdAt: Timestamp
    public var expiresAt: Timestamp?
    public var lastUsedAt: Timestamp?
    public var revokedAt: Timestamp?

    public init(id: EventID, user: String, name: String?, createdAt: Timestamp, expiresAt: Timestamp?, lastUsedAt: Timestamp?, revokedAt: Timestamp?) {
        self.id = id
        self.user = user
        self.name = name
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, user, name
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }
}

/// Body of `POST /v1/tokens` (201): the token, whose secret is shown this once.
public struct TokenCreated: Sendable, Codable, Equatable {
    public var token: TokenView
    /// The bearer token itself: `Authorization: Bearer <secret>`.
    public var secret: String

    public init(token: TokenView, secret: String) {
        self.token = token
        self.secret = secret
    }
}

/// Body of `GET /v1/tokens`.
public struct TokenList: Sendable, Codable, Equatable {
    public var tokens: [TokenView]
    public init(tokens: [TokenView]) { self.tokens = tokens }
}

/// Body of `POST /v1/login-links`: whose one-time dashboard link (default: the caller).
public struct LoginLinkRequest: Sendable, Codable, Equatable {
    public var user: String?

    public init(user: String?) { self.user = user }

    enum CodingKeys: String, CodingKey, CaseIterable { case user }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        user = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .user)
    }
}

/// Answer of `POST /v1/login-links`: the link opens one dashboard session, once, until `expires_at`.
public struct LoginLinkView: Sendable, Codable, Equatable {
    public var user: String
    public var url: String
    public var expiresAt: Timestamp

    public init(user: String, url: String, expiresAt: Timestamp) {
        self.user = user
        self.url = url
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case user, url
        case expiresAt = "expires_at"
    }
}
