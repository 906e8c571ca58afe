/// Body of `GET /v1/verify` (admin only): the hash chain and SQLite's integrity check.
public struct VerifyResponse: Sendable, Codable, Equatable {
    /// True when the chain and the integrity check both pass.
    public var ok: Bool
    public var events: Int64
    /// Hex SHA-256 of the last event; empty for an empty log.
    public var headHash: String
    /// The first seq whose stored hash does not match its recomputed hash.
    public var firstBadSeq: Int64?
    /// What `PRAGMA integrity_check` said (`ok` when sound).
    public var integrity: String
    /// How many events of a known type cannot be read (0 when all can).
    public var unreadable: Int
    public var problem: String?

    public init(ok: Bool, events: Int64, headHash: String, firstBadSeq: Int64?, integrity: String, unreadable: Int = 0, problem: String?) {
        self.unreadable = unreadable
        self.ok = ok
        self.events = events
        self.headHash = headHash
        self.firstBadSeq = firstBadSeq
        self.integrity = integrity
        self.problem = problem
    }

    enum CodingKeys: String, CodingKey {
        case ok, events, integrity, unreadable, problem
        case headHash = "head_hash"
        case firstBadSeq = "first_bad_seq"
    }
}
