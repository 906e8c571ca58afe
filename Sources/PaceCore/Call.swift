/// A phone call with a customer.
public struct Call: Sendable, Equatable, Codable {
    public let customer: String
    /// Length of the call in whole minutes, 0...1440.
    public let minutes: Int?
    public let outcome: String?

    public init(customer: String, minutes: Int? = nil, outcome: String? = nil) throws {
        self.customer = try Text.required(customer, field: "customer", limit: Limits.customer, code: "bad_customer")
        if let minutes, !Limits.callMinutes.contains(minutes) {
            throw InputError("bad_minutes", "A call of \(minutes) minutes is not possible; give 0 to 1440 minutes.")
        }
        self.minutes = minutes
        self.outcome = try Text.optional(outcome, field: "outcome", limit: Limits.note)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case customer, minutes, outcome }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(customer: c.decode(String.self, forKey: .customer), minutes: c.decodeWholeNumberIfPresent(forKey: .minutes),
                      outcome: c.decodeIfPresent(String.self, forKey: .outcome))
    }
}
