/// One product on an order: how many units, for what amount in total.
public struct OrderLine: Sendable, Equatable, Codable {
    public let product: String
    public let quantity: Int
    public let amount: Money

    public init(product: String, quantity: Int, amount: Money) throws {
        self.product = try Text.required(product, field: "product", limit: Limits.product, code: "bad_line")
        guard quantity > 0, quantity <= 1_000_000_000 else {
            throw InputError("bad_line", "The quantity of \(self.product) must be a whole number from 1 to 1000000000, not \(quantity).")
        }
        self.quantity = quantity
        self.amount = amount
    }

    /// Parses the CLI form `PRODUCT:QTY:AMOUNT`, e.g. `widget:3:1500.00`.
    /// The product name may itself contain colons; the last two fields are quantity and amount.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3 else {
            throw InputError("bad_line", "'\(text)' is not an order line. Write PRODUCT:QTY:AMOUNT, like widget:3:1500.00.")
        }
        let product = parts.dropLast(2).joined(separator: ":")
        guard let qty = Int(String(parts[parts.count - 2]).trimmingWhitespace()) else {
            throw InputError("bad_line", "The quantity in '\(text)' is not a whole number. Write PRODUCT:QTY:AMOUNT, like widget:3:1500.00.")
        }
        try self.init(product: product, quantity: qty, amount: Money(parsing: String(parts[parts.count - 1])))
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case product, quantity, amount }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(product: c.decode(String.self, forKey: .product), quantity: c.decodeWholeNumber(forKey: .quantity),
                      amount: c.decode(Money.self, forKey: .amount))
    }
}
