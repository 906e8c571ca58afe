import PaceCore

/// An event as stored, as `GET /v1/events` and `POST /v1/events` return it.
public struct EventRecord: Sendable, Equatable, Codable {
    public var seq: Int64
    public var id: EventID
    public var subject: String
    public var recordedBy: String
    public var occurredAt: Timestamp
    public var recordedAt: Timestamp
    public var payload: EventPayload
    /// The id of the `void` event that took this one back, if any.
    public var voidedBy: EventID?

    public var type: EventType { payload.type }

    public init(seq: Int64, id: EventID, subject: String, recordedBy: String, occurredAt: Timestamp,
                recordedAt: Timestamp, payload: EventPayload, voidedBy: EventID? = nil) {
        self.seq = seq
        self.id = id
        self.subject = subject
        self.recordedBy = recordedBy
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.payload = payload
        self.voidedBy = voidedBy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case seq, id, type, subject, data
        case recordedBy = "recorded_by"
        case occurredAt = "occurred_at"
        case recordedAt = "recorded_at"
        case voidedBy = "voided_by"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int64.self, forKey: .seq)
        id = try c.decode(EventID.self, forKey: .id)
        subject = try c.decode(String.self, forKey: .subject)
        recordedBy = try c.decode(String.self, forKey: .recordedBy)
        occurredAt = try c.decode(Timestamp.self, forKey: .occurredAt)
        recordedAt = try c.decode(Timestamp.self, forKey: .recordedAt)
        voidedBy = try c.decodeIfPresent(EventID.self, forKey: .voidedBy)
        let type = try EventType(recorded: c.decode(String.self, forKey: .type))
        payload = try EventPayload.decode(type, from: c, forKey: .data)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(id, forKey: .id)
        try c.encode(payload.type, forKey: .type)
        try c.encode(subject, forKey: .subject)
        try c.encode(recordedBy, forKey: .recordedBy)
        try c.encode(occurredAt, forKey: .occurredAt)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(payload, forKey: .data)
        try c.encodeIfPresent(voidedBy, forKey: .voidedBy)
    }
}

/// Body of `GET /v1/events`: newest first.
/// One page of `GET /v1/events`: at most `limit` events (at most 1000), newest first.
/// `next`, when present, is the cursor for the following page (`after=`).
public struct EventList: Sendable, Codable {
    public var events: [EventRecord]
    public var next: String?
    public init(events: [EventRecord], next: String? = nil) {
        self.events = events
        self.next = next
    }
}
