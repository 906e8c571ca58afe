/// What a target counts. Names are those of DESIGN.md: `visits`, `visits.new`,
/// `visits.existing`, `visits.return`, `calls`, `payments`, `orders`, `revenue`,
/// `customers.new`, and per product `revenue:PRODUCT` / `units:PRODUCT`.
public enum Metric: Sendable, Hashable, Codable, CustomStringConvertible {
    case visits, visitsNew, visitsExisting, visitsReturn, calls, payments, orders, revenue, customersNew
    case revenueOf(String)
    case unitsOf(String)

    public static let plain: [Metric] = [.visits, .visitsNew, .visitsExisting, .visitsReturn, .calls, .payments, .orders, .revenue, .customersNew]

    public var name: String {
        switch self {
        case .visits: "visits"
        case .visitsNew: "visits.new"
        case .visitsExisting: "visits.existing"
        case .visitsReturn: "visits.return"
        case .calls: "calls"
        case .payments: "payments"
        case .orders: "orders"
        case .revenue: "revenue"
        case .customersNew: "customers.new"
        case .revenueOf(let p): "revenue:\(p)"
        case .unitsOf(let p): "units:\(p)"
        }
    }

    public var description: String { name }

    /// Money metrics are in minor units of the deployment currency; the others are counts.
    public var isMoney: Bool {
        switch self {
        case .payments, .revenue, .revenueOf: true
        default: false
        }
    }

    public init(parsing raw: String) throws {
        let s = raw.trimmingWhitespace()
        if let m = Metric.plain.first(where: { $0.name == s.lowercased() }) {
            self = m
            return
        }
        for (prefix, make) in [("revenue:", Metric.revenueOf), ("units:", Metric.unitsOf)] where s.lowercased().hasPrefix(prefix) {
            let product = try Text.required(String(s.dropFirst(prefix.count)), field: "product", limit: Limits.product, code: "bad_metric")
            self = make(product)
            return
        }
        let names = Metric.plain.map(\.name).joined(separator: ", ")
        throw InputError("bad_metric", "Unknown metric '\(raw)'. Use one of: \(names), revenue:PRODUCT, units:PRODUCT.")
    }

    /// The amount text of a target for this metric: money with 2 decimals, or a whole count.
    public func parseAmount(_ text: String) throws -> Int64 {
        if isMoney { return try Money(parsing: text).minorUnits }
        let t = text.trimmingWhitespace()
        if t.hasPrefix("-") { throw InputError("bad_amount", "The target \(t) is negative; targets are 0 or more.") }
        guard let n = Int64(t), n >= 0, n <= 1_000_000_000_000 else {
            throw InputError("bad_amount", "The target for \(name) is a count: give a whole number like 120, not '\(t)'.")
        }
        return n
    }

    /// The JSON form of an amount of this metric: `12000.50` for money, `120` for counts.
    public func decimal(_ value: Int64) -> String {
        isMoney ? Money(minorUnits: value).decimal : String(value)
    }

    /// A figure as the API writes it (`-12000.50`) in the form people read, the one
    /// money format of every message and table: `-12,000.50` for money, counts as they are.
    public func display(_ text: String) -> String {
        guard isMoney else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return text }
        var digits = String(whole), groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count == 2 ? "." + parts[1] : "")
    }

    /// Formats a target or actual of this metric: `12,000.50` for money, `120` for counts.
    public func format(_ value: Int64) -> String {
        isMoney ? Money(minorUnits: value).grouped : String(value)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
