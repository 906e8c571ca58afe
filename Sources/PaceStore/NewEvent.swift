import PaceCore

/// An event to append, validated and with its payload already in canonical JSON.
///
/// The recorder adds `seq`, `recorded_at` and `hash`.
public struct NewEvent: Sendable, Equatable {
    public var id: EventID
    public var type: EventType
    public var subject: String
    public var recordedBy: String
    public var occurredAt: Timestamp
    /// Canonical JSON of the payload (see `EventPayload.canonicalJSON()`).
    public var data: String
    /// For `void` events: the id of the event taken back.
    public var voids: EventID?
    /// The decoded payload, when the caller has it (saves decoding `data` again for projections).
    public var payload: EventPayload?
    /// Whether the client gave `occurredAt`. When paced filled it in ("now"), a retry
    /// with the same id is the same event whatever its time.
    public var occurredAtGiven = true

    public init(id: EventID, type: EventType, subject: String, recordedBy: String, occurredAt: Timestamp,
                data: String, voids: EventID? = nil, payload: EventPayload? = nil) {
        self.id = id
        self.type = type
        self.subject = subject
        self.recordedBy = recordedBy
        self.occurredAt = occurredAt
        self.data = data
        self.voids = voids
        self.payload = payload
    }

    /// Whether `stored` is this same event (a retry), ignoring when it was recorded.
    func isSame(as stored: StoredEvent) -> Bool {
        stored.type == type.rawValue && stored.subject == subject && (!occurredAtGiven || stored.occurredAt == occurredAt)
            && stored.data == data
    }
}
