import PaceCore

/// Body of `GET /v1/status`.
public struct StatusResponse: Sendable, Codable, Equatable {
    public var version: String
    /// The database file: shown to admins only (nil for everyone else).
    public var database: String?
    public var events: Int64
    public var currency: String
    public var startedAt: Timestamp
    public var uptimeSeconds: Int64
    /// Who paced thinks the caller is (from SO_PEERCRED), and their role.
    public var caller: String
    public var role: String

    public init(version: String, database: String?, events: Int64, currency: String, startedAt: Timestamp,
                uptimeSeconds: Int64, caller: String, role: String) {
        self.version = version
        self.database = database
        self.events = events
        self.currency = currency
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.caller = caller
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case version, database, events, currency, caller, role
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
    }
}

/// Body of `POST /v1/rebuild`.
public struct RebuildResponse: Sendable, Codable, Equatable {
    public var events: Int64
    public var milliseconds: Int64
    public init(events: Int64, milliseconds: Int64) {
        self.events = events
        self.milliseconds = milliseconds
    }
}
