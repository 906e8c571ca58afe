/// A coding key for any field name; used to see which fields a JSON object really has.
public struct AnyCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}

extension Decoder {
    /// Rejects fields that `Keys` does not list, so a misspelt field (`"ammount"`) is an
    /// error instead of being silently ignored as `Codable` would, and fields given as
    /// `null` (leave a field out instead).
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        // The log's own canonical JSON was checked when it was written (and the hash
        // chain covers it): replaying it skips this walk over every key.
        if userInfo[.paceStored] as? Bool == true { return }
        let c = try container(keyedBy: AnyCodingKey.self)
        // One walk over the object's keys: an unknown one is refused at once; the first
        // null is refused after the walk, so an unknown field is named before a null one.
        // `Keys(stringValue:)` is the enum's own switch, cheaper than a set built per call
        // (this ran for every object of every request: a fifth of an import's time).
        var firstNull: AnyCodingKey?
        for key in c.allKeys {
            guard Keys(stringValue: key.stringValue)?.stringValue == key.stringValue else {
                let allowed = Keys.allCases.map(\.stringValue).joined(separator: ", ")
                throw InputError("unknown_field", "Unknown field '\(key.stringValue)'\(Self.where(codingPath)). Allowed fields: \(allowed).")
            }
            // null is not "absent": a field is given with a value, or left out.
            if firstNull == nil, try c.decodeNil(forKey: key) { firstNull = key }
        }
        if let key = firstNull {
            throw InputError("null_field", "Field '\(key.stringValue)'\(Self.where(codingPath)) is null; leave it out or give a value.")
        }
    }

    static func `where`(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : " in '\(path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: "."))'"
    }
}

extension KeyedDecodingContainer {
    /// A whole number, or a clear error naming the field. Foundation's decoder reports
    /// a fractional or too-large number for an `Int` field as "not valid JSON" with no
    /// field at all; this reads the number as a `Double` first and says what is wrong.
    public func decodeWholeNumber(forKey key: Key) throws -> Int {
        guard let n = try decodeWholeNumberIfPresent(forKey: key) else {
            throw InputError("bad_json", "Missing field '\(Self.path(codingPath, key))'.")
        }
        return n
    }

    public func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let field = Self.path(codingPath, key)
        guard let d = try? decode(Double.self, forKey: key) else {
            throw InputError("bad_json", "Field '\(field)' must be a whole number.")
        }
        guard d == d.rounded(), abs(d) < 1e15 else {
            throw InputError("bad_json", "Field '\(field)' is \(d), not a whole number; give a whole number.")
        }
        return Int(d)
    }

    static func path(_ codingPath: [any CodingKey], _ key: Key) -> String {
        (codingPath + [key]).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

extension CodingUserInfoKey {
    /// Set to true in a decoder's `userInfo` to read JSON the log itself wrote (see
    /// ``Swift/Decoder/rejectUnknownKeys(_:)``).
    public static let paceStored = CodingUserInfoKey(rawValue: "pace.stored")!
}
