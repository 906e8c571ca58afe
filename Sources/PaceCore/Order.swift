/// A signed order. If it has lines, their amounts add up exactly to `amount`.
public struct Order: Sendable, Equatable, Codable {
    public let customer: String
    public let amount: Money
    public let lines: [OrderLine]

    public init(customer: String, amount: Money, lines: [OrderLine] = []) throws {
        self.customer = try Text.required(customer, field: "customer", limit: Limits.customer, code: "bad_customer")
        guard lines.count <= Limits.orderLines else {
            throw InputError("bad_lines", "An order has at most \(Limits.orderLines) lines; split it into several orders.")
        }
        if !lines.isEmpty {
            let sum = lines.reduce(Money(minorUnits: 0)) { $0 + $1.amount }
            guard sum == amount else {
                throw InputError("lines_mismatch", "The lines add up to \(sum.decimal) but the order amount is \(amount.decimal). Make them equal, or leave the lines out.", rule: true)
            }
        }
        self.amount = amount
        self.lines = lines
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case customer, amount, lines }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(customer: c.decode(String.self, forKey: .customer), amount: c.decode(Money.self, forKey: .amount),
                      lines: c.decodeIfPresent([OrderLine].self, forKey: .lines) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customer, forKey: .customer)
        try c.encode(amount, forKey: .amount)
        if !lines.isEmpty { try c.encode(lines, forKey: .lines) }
    }
}
