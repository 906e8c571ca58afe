#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PaceAPI
import PaceClient
import PaceCore

/// One row of an import file (a CSV record under its header, or a JSON line), its
/// fields as text: type, subject, customer, amount, lines, kind, minutes,
/// occurred_at, id.
struct ImportRow: Decodable {
    static let columns = ["type", "subject", "customer", "amount", "lines", "kind", "minutes", "occurred_at", "id"]

    var fields: [String: String]

    init(fields: [String: String]) { self.fields = fields }

    /// A JSON object of those keys; values may be strings or numbers.
    init(from decoder: any Decoder) throws {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let c = try decoder.container(keyedBy: Key.self)
        var fields: [String: String] = [:]
        for key in c.allKeys {
            guard Self.columns.contains(key.stringValue) else {
                throw InputError("bad_column", "unknown field '\(key.stringValue)'; the fields are \(Self.columns.joined(separator: ", ")).")
            }
            if try c.decodeNil(forKey: key) { continue }
            if let s = try? c.decode(String.self, forKey: key) { fields[key.stringValue] = s
            } else if let i = try? c.decode(Int64.self, forKey: key) { fields[key.stringValue] = String(i)
            } else if let d = try? c.decode(Double.self, forKey: key) { fields[key.stringValue] = String(d)
            } else { throw InputError("bad_field", "field '\(key.stringValue)' must be text or a number.") }
        }
        self.fields = fields
    }

    func text(_ name: String) -> String? {
        guard let t = fields[name]?.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }

    /// The fields that mean something for each type; any other field given is refused.
    static let fieldsOf: [String: Set<String>] = [
        "visit": ["type", "subject", "customer", "kind", "occurred_at", "id"],
        "call": ["type", "subject", "customer", "minutes", "occurred_at", "id"],
        "payment": ["type", "subject", "customer", "amount", "occurred_at", "id"],
        "order": ["type", "subject", "customer", "amount", "lines", "occurred_at", "id"],
    ]

    /// The event this row describes, with its id: the row's own, or one derived from
    /// its content (`key`, the row's ``key(of:)``) and `occurrence` (see
    /// ``derivedID(key:occurrence:at:)``). Throws `InputError`.
    func request(key: String, occurrence: Int, zone: SystemZone, now: Timestamp) throws -> AppendRequest {
        if let type = text("type")?.lowercased(), let allowed = Self.fieldsOf[type],
           let extra = Self.columns.first(where: { !allowed.contains($0) && text($0) != nil }) {
            throw InputError("bad_field", "\(extra) does not apply to a \(type); leave it empty.")
        }
        guard let at = text("occurred_at") else {
            throw InputError("no_time", "occurred_at is empty; give when it happened, like 2026-11-27 16:30 or RFC 3339.")
        }
        let occurredAt = try WhenParser.parse(at, now: now, zone: zone)
        let customer = text("customer") ?? ""
        let payload: EventPayload
        switch text("type")?.lowercased() ?? "" {
        case "visit":
            guard let k = text("kind"), let kind = VisitKind(rawValue: k.lowercased()) else {
                throw InputError("bad_kind", "a visit's kind is new, existing or return, not '\(text("kind") ?? "")'.")
            }
            payload = .visit(try Visit(customer: customer, kind: kind))
        case "call":
            let minutes = try text("minutes").map { m -> Int in
                guard let n = Int(m), (0...1440).contains(n) else { throw InputError("bad_minutes", "minutes '\(m)' is not a whole number from 0 to 1440.") }
                return n
            }
            payload = .call(try Call(customer: customer, minutes: minutes))
        case "payment":
            payload = .payment(try Payment(customer: customer, amount: Money(parsing: text("amount") ?? "")))
        case "order":
            let lines = try (text("lines") ?? "").split(separator: ";").map { try OrderLine(parsing: String($0)) }
            payload = .order(try Order(customer: customer, amount: Money(parsing: text("amount") ?? ""), lines: lines))
        case let other:
            throw InputError("bad_type", "type '\(other)' is not visit, call, payment or order.")
        }
        let id = try text("id").map(EventID.init(parsing:)) ?? (try Self.derivedID(key: key, occurrence: occurrence, at: occurredAt))
        return AppendRequest(id: id, occurredAt: occurredAt, subject: text("subject"), payload: payload)
    }

    /// Every field but the id, in column order, joined by NUL: rows with the same key
    /// are the same event content (see ``derivedID(key:occurrence:at:)``).
    static func key(of row: ImportRow) -> String {
        columns.filter { $0 != "id" }.map { row.text($0) ?? "" }.joined(separator: "\u{0}")
    }

    /// A row without an id gets a UUIDv7 whose time is the row's `occurred_at` and whose
    /// other 74 bits come from SHA-256("pace-import", occurrence, every field in column
    /// order, each NUL-separated), where `occurrence` counts the rows of the file with
    /// the same fields before it (0 for the first). So the same file, or the same file
    /// with rows added, moved or blank lines between, gives the same ids, and a re-run
    /// records nothing new; two identical rows are two events.
    /// `key` is the row's ``key(of:)``.
    static func derivedID(key: String, occurrence: Int, at: Timestamp) throws(OpenSSL.LoadError) -> EventID {
        let h = try Digest.sha256(Array("pace-import\u{0}\(occurrence)\u{0}\(key)".utf8))
        let ms = UInt64(max(0, at.milliseconds))
        var b = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { b[i] = UInt8((ms >> (8 * (5 - UInt64(i)))) & 0xff) }
        for i in 6..<16 { b[i] = h[i] }
        b[6] = 0x70 | (b[6] & 0x0f)
        b[8] = 0x80 | (b[8] & 0x3f)
        // 8-4-4-4-12 lower-case hex.
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return try! EventID(parsing: String(decoding: text, as: UTF8.self))
    }
}
