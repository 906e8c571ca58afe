/// An event's id: a UUID in canonical lower-case text form.
///
/// Clients make them (UUIDv7, time-ordered) so a retried append carries the same id
/// and the daemon can return the original instead of storing a duplicate.
public struct EventID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    /// Accepts any RFC 9562 UUID in 8-4-4-4-12 hex form, in either case.
    public init(parsing raw: String) throws {
        if let canonical = Self.canonical(raw.utf8) {
            text = canonical
            return
        }
        let s = raw.trimmingWhitespace().lowercased()
        let groups = s.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        guard groups == [8, 4, 4, 4, 12], s.allSatisfy({ $0 == "-" || $0.isASCIIHexDigit }) else {
            throw InputError("bad_id", "'\(raw)' is not a UUID. Use the 36-character form, like 0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f, or leave the id out.")
        }
        text = s
    }

    /// The lower-case text of a UUID already in the 36-byte 8-4-4-4-12 form, or nil for
    /// anything else (which the general parse above then trims, checks and explains).
    /// The fast path of every id a request or import carries: one pass over the bytes.
    private static func canonical(_ bytes: String.UTF8View) -> String? {
        guard bytes.count == 36 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            switch (i, b) {
            case (8, UInt8(ascii: "-")), (13, UInt8(ascii: "-")), (18, UInt8(ascii: "-")), (23, UInt8(ascii: "-")): out.append(b)
            case (8, _), (13, _), (18, _), (23, _): return nil
            case (_, UInt8(ascii: "0")...UInt8(ascii: "9")), (_, UInt8(ascii: "a")...UInt8(ascii: "f")): out.append(b)
            case (_, UInt8(ascii: "A")...UInt8(ascii: "F")): out.append(b + 32)
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A fresh UUIDv7: 48 bits of Unix milliseconds, version 7, variant 10, the rest random.
    public static func v7<R: RandomNumberGenerator>(at time: Timestamp, using rng: inout R) -> EventID {
        var bytes = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, time.milliseconds))
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - i))) }
        let r1 = rng.next() as UInt64
        let r2 = rng.next() as UInt64
        for i in 6..<16 {
            let r = i < 14 ? r1 : r2
            bytes[i] = UInt8(truncatingIfNeeded: r >> (8 * ((i - 6) % 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { b in String(b >> 4, radix: 16) + String(b & 0xF, radix: 16) }
        let s = hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
        return EventID(uncheckedText: s)
    }

    public static func v7(at time: Timestamp) -> EventID {
        var rng = SystemRandomNumberGenerator()
        return v7(at: time, using: &rng)
    }

    private init(uncheckedText: String) { text = uncheckedText }

    public var description: String { text }

    /// The UUID version (the first hex digit of the third group): 7 for client-made
    /// ids, 8 for the ids paced derives itself (slips).
    public var version: Int { Int(String(text[text.index(text.startIndex, offsetBy: 14)]), radix: 16) ?? 0 }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}
