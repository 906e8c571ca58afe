/// A coding key for any field name; used to see which fields a JSON object really has.
public struct AnyCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}

extension Decoder {
    /// Rejects fields that `Keys` does not list, so a misspelt field (`"ammount"`) is an
    /// error instead of being silently ignored as `Codable` would.
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        let c = try container(keyedBy: AnyCodingKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        if let bad = c.allKeys.first(where: { !known.contains($0.stringValue) }) {
            let allowed = Keys.allCases.map(\.stringValue).joined(separator: ", ")
            throw InputError("unknown_field", "Unknown field '\(bad.stringValue)'\(Self.where(codingPath)). Allowed fields: \(allowed).")
        }
    }

    static func `where`(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : " in '\(path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: "."))'"
    }
}
