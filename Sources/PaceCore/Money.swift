/// An amount of money in minor units (cents) of the deployment's single currency.
///
/// Never a floating-point number. Text form is a plain decimal with at most two
/// decimals (`12000.50`); that is also its JSON form, so amounts survive any JSON
/// parser exactly.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var minorUnits: Int64

    /// The largest amount one event may carry: 10^12 major units.
    public static let maximum = Money(minorUnits: 1_000_000_000_000 * 100)

    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    /// Parses a positive amount such as `12000`, `12000.5` or `12000.50`.
    ///
    /// Throws ``InputError`` with code `bad_amount` for anything else: signs,
    /// separators, more than two decimals, zero, or more than ``maximum``.
    public init(parsing text: String) throws {
        let s = text.trimmingWhitespace()
        let fix = "Write a positive amount with at most 2 decimals, like 12000.50."
        guard !s.isEmpty else { throw InputError("bad_amount", "The amount is empty. \(fix)") }
        if s.hasPrefix("-") {
            throw InputError("bad_amount", "The amount \(s) is negative. \(fix) To undo an event, use `pace void`.")
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit)
        else { throw InputError("bad_amount", "\(s) is not an amount. \(fix)") }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty
        else { throw InputError("bad_amount", "\(s) is not an amount. \(fix)") }
        guard fraction.count <= 2 else {
            throw InputError("bad_amount", "\(s) has more than 2 decimals. \(fix)")
        }
        while fraction.count < 2 { fraction += "0" }
        let digits = whole.drop(while: { $0 == "0" })
        guard digits.count <= 13, let major = Int64(digits.isEmpty ? "0" : String(digits)), let minor = Int64(fraction),
              major <= 1_000_000_000_000
        else { throw InputError("bad_amount", "\(s) is more than the largest amount, 1000000000000.") }
        let value = major * 100 + minor
        guard value > 0 else { throw InputError("bad_amount", "The amount must be more than 0. \(fix)") }
        guard value <= Money.maximum.minorUnits else {
            throw InputError("bad_amount", "\(s) is more than the largest amount, 1000000000000.")
        }
        self.minorUnits = value
    }

    /// Plain decimal form, two decimals, no separators: `12000.50`. Round-trips through ``init(parsing:)``.
    public var decimal: String {
        let sign = minorUnits < 0 ? "-" : ""
        let m = minorUnits.magnitude
        let cents = m % 100
        return "\(sign)\(m / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Human form with thousands separators: `12,000.50`. Needs no ICU.
    public var grouped: String {
        let sign = minorUnits < 0 ? "-" : ""
        let m = minorUnits.magnitude
        let cents = m % 100
        var whole = String(m / 100)
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(whole.suffix(3), at: 0)
            whole.removeLast(3)
        }
        groups.insert(Substring(whole), at: 0)
        return "\(sign)\(groups.joined(separator: ",")).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { decimal }

    public static func < (a: Money, b: Money) -> Bool { a.minorUnits < b.minorUnits }

    public static func + (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits + b.minorUnits) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(decimal)
    }
}
