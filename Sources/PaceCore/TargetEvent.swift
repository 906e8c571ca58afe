/// A `target` event: the yearly target of the company, a team or a user for one metric.
public struct TargetEvent: Sendable, Equatable, Codable {
    public enum Scope: String, Sendable, Codable { case company, team, user }

    public let scope: Scope
    /// The team or user; nil for the company.
    public let name: String?
    public let metric: Metric
    public let year: Int
    /// Minor units for money metrics, a count otherwise.
    public let amount: Int64
    public let profile: TargetProfile
    /// Team targets only: `workdays`, `equal`, or `alice=40,bob=60`.
    public let split: String?
    /// The first day the change applies, `YYYY-MM-DD`; nil means the whole year.
    public let from: String?
    /// Where the figure came from, when a tool set it (`pace target derive --apply`
    /// writes the derivation and the ratios used); at most 2,000 characters.
    public let note: String?

    public init(scope: Scope, name: String?, metric: Metric, year: Int, amount: Int64, profile: TargetProfile,
                split: String? = nil, from: CivilDate? = nil, note: String? = nil) throws {
        self.scope = scope
        switch scope {
        case .company:
            guard name == nil else { throw InputError("bad_scope", "A company target has no team or user name.") }
            self.name = nil
        case .team, .user:
            guard let name else { throw InputError("bad_scope", "Name the \(scope.rawValue).") }
            self.name = try Name.validated(name, what: scope.rawValue)
        }
        guard (2000...2100).contains(year) else { throw InputError("bad_year", "The year \(year) is not between 2000 and 2100.") }
        guard amount >= 0 else { throw InputError("bad_amount", "A target is 0 or more.") }
        if let split {
            guard scope == .team else { throw InputError("bad_split", "--split is for team targets only.") }
            _ = try TargetSplit(parsing: split)
        }
        if let from, from.year != year { throw InputError("bad_from", "--from \(from) is not in \(year).", rule: true) }
        self.metric = metric
        self.year = year
        self.amount = amount
        self.profile = profile
        self.split = split
        self.from = from?.description
        self.note = try Text.optional(note, field: "note", limit: 2000, code: "bad_note")
    }

    public var fromDate: CivilDate? { from.flatMap { CivilDate(iso: Substring($0)) } }

    enum CodingKeys: String, CodingKey, CaseIterable { case scope, name, metric, year, amount, profile, split, from, note }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let scope = Scope(rawValue: try c.decode(String.self, forKey: .scope)) else {
            throw InputError("bad_scope", "A target's scope is company, team or user.")
        }
        let metric = try c.decode(Metric.self, forKey: .metric)
        var from: CivilDate?
        if let t = try c.decodeIfPresent(String.self, forKey: .from) {
            guard let d = CivilDate(iso: Substring(t)) else { throw InputError("bad_date", "'\(t)' is not a date; write it like 2027-07-01.") }
            from = d
        }
        try self.init(scope: scope, name: c.decodeIfPresent(String.self, forKey: .name), metric: metric,
                      year: c.decodeWholeNumber(forKey: .year), amount: metric.parseAmount(c.decode(String.self, forKey: .amount)),
                      profile: c.decodeIfPresent(TargetProfile.self, forKey: .profile) ?? .workdays,
                      split: c.decodeIfPresent(String.self, forKey: .split), from: from, note: c.decodeIfPresent(String.self, forKey: .note))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(metric, forKey: .metric)
        try c.encode(year, forKey: .year)
        try c.encode(metric.decimal(amount), forKey: .amount)
        try c.encode(profile, forKey: .profile)
        try c.encodeIfPresent(split, forKey: .split)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// How a team target is shared among its members.
public enum TargetSplit: Sendable, Equatable {
    /// Each working day's target is shared equally among the members of that day.
    case workdays
    /// Each member gets the same yearly total.
    case equal
    /// Percentages by user, adding up to 100.
    case shares([(user: String, percent: Int64)])

    public static func == (a: TargetSplit, b: TargetSplit) -> Bool {
        switch (a, b) {
        case (.workdays, .workdays), (.equal, .equal): true
        case (.shares(let x), .shares(let y)): x.map(\.user) == y.map(\.user) && x.map(\.percent) == y.map(\.percent)
        default: false
        }
    }

    public init(parsing raw: String) throws {
        let s = raw.trimmingWhitespace()
        switch s {
        case "workdays": self = .workdays
        case "equal": self = .equal
        default:
            var out: [(String, Int64)] = []
            for part in s.split(separator: ",") {
                let kv = part.split(separator: "=")
                guard kv.count == 2, let pct = Int64(kv[1].trimmingWhitespaceSub()), pct >= 0 else {
                    throw InputError("bad_split", "'\(raw)' is not a split. Use workdays, equal, or shares like alice=40,bob=60.")
                }
                out.append((try Name.validated(String(kv[0]), what: "user"), pct))
            }
            let total = out.map(\.1).saturatingSum()
            guard total == 100 else {
                throw InputError("bad_split", "The shares in '\(raw)' add up to \(total), not 100.", rule: true)
            }
            guard Set(out.map(\.0)).count == out.count else { throw InputError("bad_split", "A user is named twice in '\(raw)'.", rule: true) }
            self = .shares(out)
        }
    }
}
