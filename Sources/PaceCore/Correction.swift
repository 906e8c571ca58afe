/// The payload of a `void` event: which event is taken back, and why.
/// The original event stays in the log; projections subtract its effect.
public struct Correction: Sendable, Equatable, Codable {
    public let event: EventID
    public let reason: String

    public init(event: EventID, reason: String) throws {
        self.event = event
        self.reason = try Text.required(reason, field: "reason", limit: Limits.reason, code: "bad_reason")
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case event, reason }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(event: c.decode(EventID.self, forKey: .event), reason: c.decode(String.self, forKey: .reason))
    }
}
