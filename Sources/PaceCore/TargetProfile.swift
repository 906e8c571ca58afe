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
            guard weights.count == count, weights.allSatisfy({ ($0 ?? -1) >= 0 }), weights.reduce(0, { $0 + ($1 ?? 0) }) > 0 else {
                throw InputError("bad_profile", "'\(raw)' needs \(count) whole, non-negative weights that are not all 0. \(help)")
            }
            self = parts[0] == "months" ? .months(weights.map { $0! }) : .quarters(weights.map { $0! })
        }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
