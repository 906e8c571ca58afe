import PaceCore

/// A query's parameters by name, as a `Decodable` query type reads them in its
/// `init(from:)`: each value is text, parsed here into a typed value or refused with an
/// ``InputError`` that names the parameter and shows a valid value (HTTP 400).
///
/// The query types are decoded by Hummingbird's `decodeQuery` (URL-encoded form);
/// in-process tests build them with their memberwise initialisers.
public struct QueryFields {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let container: KeyedDecodingContainer<Key>

    public init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: Key.self)
    }

    /// The longest value a query parameter may have, in characters: names, days, ids
    /// and cursors are far shorter, and the longest `ratios=` of a derivation, every
    /// ratio with the most digits, is 299.
    public static let longestValue = 1024

    /// The raw text of `name`, or nil when absent. A value longer than
    /// ``longestValue`` is refused here, for every parameter, without echoing it.
    public func text(_ name: String) throws -> String? {
        guard let text = try container.decodeIfPresent(String.self, forKey: Key(name)) else { return nil }
        guard text.count <= Self.longestValue else {
            throw InputError("bad_query", "\(name)= is \(text.count) characters long; a query value has at most \(Self.longestValue).")
        }
        return text
    }

    /// `name` parsed by `parse`; nil when absent; `error` when it does not parse, given
    /// the value as the message may show it (``shown(_:)``).
    public func value<T>(_ name: String, _ parse: (String) throws -> T?, error: (String) -> InputError) throws -> T? {
        guard let text = try text(name) else { return nil }
        guard let v = try parse(text) else { throw error(Self.shown(text)) }
        return v
    }

    /// A refused value as an error message shows it: whole up to 40 characters, else its
    /// first 40 and its length, so that a long query string is not echoed back whole.
    static func shown(_ text: String) -> String {
        text.count <= 40 ? text : "\(text.prefix(40))... (\(text.count) characters)"
    }

    /// A `YYYY-MM-DD` day.
    public func day(_ name: String) throws -> CivilDate? {
        try value(name, { CivilDate(iso: Substring($0)) }, error: { InputError("bad_date", "\(name)=\($0) is not a date like 2026-12-01.") })
    }

    /// A year from 2000 to 2100.
    public func year(_ name: String = "year") throws -> Int? {
        try value(name, { Int($0).flatMap { (2000...2100).contains($0) ? $0 : nil } },
                  error: { InputError("bad_year", "\(name)=\($0) is not a year between 2000 and 2100.") })
    }

    /// `true` or `false`; absent is false.
    public func flag(_ name: String) throws -> Bool {
        try value(name, { ["true": true, "false": false][$0] }, error: { InputError("bad_flag", "\(name)=\($0) must be true or false.") }) ?? false
    }

    /// A metric (`revenue`, `calls`, `units:PRODUCT`...).
    public func metric(_ name: String = "metric") throws -> Metric? {
        try text(name).map { try Metric(parsing: $0) }
    }

    /// A target scope: company, team or user.
    public func scope(_ name: String = "scope") throws -> TargetEvent.Scope? {
        try value(name, TargetEvent.Scope.init(rawValue:), error: { _ in InputError("bad_scope", "scope must be company, team or user.") })
    }
}
