import PaceCore

/// `GET /v1/targets/derive?team=&year=&history=FROM..TO&ratios=NAME=VALUE,...`.
public struct DeriveQuery: Decodable, Sendable {
    public var team: String
    public var year: Int
    /// The history; absent: the whole year before `year`.
    public var history: (from: CivilDate, to: CivilDate)?
    /// Ratios given instead of computed.
    public var ratios: [Derivation.Ratio: Double]

    public init(team: String, year: Int, history: (from: CivilDate, to: CivilDate)? = nil, ratios: [Derivation.Ratio: Double] = [:]) {
        self.team = team
        self.year = year
        self.history = history
        self.ratios = ratios
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        team = try q.text("team") ?? ""
        guard let year = try q.year() else { throw InputError("bad_year", "year= is required: the year to derive, like 2027.") }
        self.year = year
        history = try q.value("history", Self.span, error: {
            InputError("bad_history", "history=\($0) is not a span like 2026-01-01..2026-12-31 (real days, at most 5 years, first day first).", rule: true)
        })
        do {
            ratios = try Self.ratios(q.text("ratios") ?? "")
        } catch var e as InputError {
            e.rule = true
            throw e
        }
    }

    /// `FROM..TO`, from on or before to, at most 5 years.
    public static func span(_ text: String) -> (from: CivilDate, to: CivilDate)? {
        guard let dots = text.firstRange(of: ".."), let a = CivilDate(iso: text[..<dots.lowerBound]), let b = CivilDate(iso: text[dots.upperBound...]),
              a <= b, b.daysSinceEpoch - a.daysSinceEpoch < 5 * 366 else { return nil }
        return (a, b)
    }

    /// `NAME=VALUE,NAME=VALUE`: each a ratio of ``Derivation/Ratio`` once.
    public static func ratios(_ text: String) throws -> [Derivation.Ratio: Double] {
        var out: [Derivation.Ratio: Double] = [:]
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            let names = Derivation.Ratio.allCases.map(\.rawValue).joined(separator: ", ")
            guard pair.count == 2, let ratio = Derivation.Ratio(rawValue: pair[0].trimmingWhitespace()) else {
                throw InputError("bad_ratio", "--ratio \(item) is not NAME=VALUE with a NAME of: \(names).")
            }
            guard out[ratio] == nil else { throw InputError("bad_ratio", "--ratio \(ratio.rawValue) is given twice.") }
            out[ratio] = try ratio.parse(pair[1])
        }
        return out
    }
}
