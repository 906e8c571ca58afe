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
        if let minor = Self.plainMinorUnits(text) {
            self.init(minorUnits: minor)
        } else {
            try self.init(parsingAnyText: text)
        }
    }

    /// The minor units of `text` when it is the plain form, ASCII digits with at most two
    /// decimals after a point and nothing around them, of an amount ``init(parsing:)``
    /// accepts, read in one pass over its bytes; nil for anything else (which the
    /// general parse then accepts or refuses with its reason).
    static func plainMinorUnits(_ text: String) -> Int64? {
        var major: Int64 = 0, minor: Int64 = 0
        var wholeDigits = 0, decimals = -1
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = Int64(byte &- UInt8(ascii: "0"))
                if decimals < 0 {
                    // 14 digits hold the largest amount with room; longer texts (leading zeros) go the general way.
                    guard wholeDigits < 14 else { return nil }
                    major = major * 10 + d
                    wholeDigits += 1
                } else {
                    guard decimals < 2 else { return nil }
                    minor = minor * 10 + d
                    decimals += 1
                }
            case UInt8(ascii: "."):
                guard decimals < 0, wholeDigits > 0 else { return nil }
                decimals = 0
            default:
                return nil
            }
        }
        guard wholeDigits > 0, decimals != 0 else { return nil }
        if decimals == 1 { minor *= 10 }
        let value = major * 100 + minor
        guard major <= 1_000_000_000_000, value > 0, value <= maximum.minorUnits else { return nil }
        return value
    }

    /// The general parse behind ``init(parsing:)``: whitespace around, any text, each
    /// refusal with its reason.
    init(parsingAnyText text: String) throws {
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
