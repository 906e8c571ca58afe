import PaceCore

/// Body of `POST /v1/events`: one event to append.
///
/// `recorded_by` is never part of a request: paced takes it from the socket's peer
/// credentials. `subject` (the CLI's `--for`) defaults to the caller.
public struct AppendRequest: Sendable, Equatable, Codable {
    /// Client-made id; a retry with the same id returns the original event. Omitted: paced makes one.
    public var id: EventID?
    /// When it happened; omitted: now.
    public var occurredAt: Timestamp?
    /// Whom the event counts for; omitted: the caller.
    public var subject: String?
    public var payload: EventPayload

    public init(id: EventID?, occurredAt: Timestamp?, subject: String?, payload: EventPayload) {
        self.id = id
        self.occurredAt = occurredAt
        self.subject = subject
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, subject, data
        case occurredAt = "occurred_at"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(EventID.self, forKey: .id)
        occurredAt = try c.decodeIfPresent(Timestamp.self, forKey: .occurredAt)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        let type = try EventType(parsing: c.decode(String.self, forKey: .type))
        payload = try EventPayload.decode(type, from: c, forKey: .data)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(payload.type, forKey: .type)
        try c.encodeIfPresent(occurredAt, forKey: .occurredAt)
        try c.encodeIfPresent(subject, forKey: .subject)
        try c.encode(payload, forKey: .data)
    }
}
