/// Money returned (collected) from a customer.
public struct Payment: Sendable, Equatable, Codable {
    public let customer: String
    public let amount: Money
    public let reference: String?

    public init(customer: String, amount: Money, reference: String? = nil) throws {
        self.customer = try Text.required(customer, field: "customer", limit: Limits.customer, code: "bad_customer")
        self.amount = amount
        self.reference = try Text.optional(reference, field: "reference", limit: Limits.reference)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case customer, amount, reference }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(customer: c.decode(String.self, forKey: .customer), amount: c.decode(Money.self, forKey: .amount),
                      reference: c.decodeIfPresent(String.self, forKey: .reference))
    }
}
