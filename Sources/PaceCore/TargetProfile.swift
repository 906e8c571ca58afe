/// How a yearly target is shaped across the months.
public enum TargetProfile: Sendable, Equatable, Codable, CustomStringConvertible {
    /// In proportion to each month's working time (the default).
    case workdays
    /// The same for every month that has working days.
    case even
    /// Explicit weights for the 12 months.
    case months([Int64])
    /// Explicit weights for the 4 quarters; months within a quarter by working time.
    case quarters([Int64])
    /// Like the same metric's actuals of the previous year, month by month.
    case lastYear

    public var description: String {
        switch self {
        case .workdays: "workdays"
        case .even: "even"
        case .months(let w): "months:" + w.map(String.init).joined(separator: ",")
        case .quarters(let w): "quarters:" + w.map(String.init).joined(separator: ",")
        case .lastYear: "last-year"
        }
    }

    public init(parsing raw: String) throws {
        let s = raw.trimmingWhitespace().lowercased()
        switch s {
        case "workdays": self = .workdays
        case "even": self = .even
        case "last-year": self = .lastYear
        default:
            let help = "Use workdays, even, last-year, months:W1,...,W12 or quarters:W1,W2,W3,W4."
            let parts = s.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0] == "months" || parts[0] == "quarters" else {
                throw InputError("bad_profile", "Unknown profile '\(raw)'. \(help)")
            }
            let count = parts[0] == "months" ? 12 : 4
            let weights = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { Int64($0.trimmingWhitespaceSub()) }
            // Weights are bounded (a million is finer than any plan needs), so no sum of
            // them, nor any product with an amount, can overflow.
            guard weights.count == count, weights.allSatisfy({ (0...TargetProfile.maxWeight).contains($0 ?? -1) }),
                  weights.contains(where: { ($0 ?? 0) > 0 }) else {
                throw InputError("bad_profile", "'\(raw)' needs \(count) whole weights from 0 to \(TargetProfile.maxWeight), not all 0. \(help)")
            }
            self = parts[0] == "months" ? .months(weights.map { $0! }) : .quarters(weights.map { $0! })
        }
    }

    /// The largest weight of a month or quarter.
    public static let maxWeight: Int64 = 1_000_000

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
