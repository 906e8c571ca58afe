/// A visit to a customer.
public struct Visit: Sendable, Equatable, Codable {
    public let customer: String
    public let kind: VisitKind
    public let note: String?

    public init(customer: String, kind: VisitKind, note: String? = nil) throws {
        self.customer = try Text.required(customer, field: "customer", limit: Limits.customer, code: "bad_customer")
        self.kind = kind
        self.note = try Text.optional(note, field: "note", limit: Limits.note)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case customer, kind, note }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(customer: c.decode(String.self, forKey: .customer), kind: c.decode(VisitKind.self, forKey: .kind),
                      note: c.decodeIfPresent(String.self, forKey: .note))
    }
}
