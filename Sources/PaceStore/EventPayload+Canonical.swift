import Foundation
import PaceCore

extension EventPayload {
    /// The canonical JSON of a payload, as stored in `events.data` and covered by the
    /// hash chain: sorted keys, no insignificant whitespace, amounts as decimal strings.
    /// It lives with the store, not the wire types: an API change must never change a
    /// stored byte or hash (`HashPinningTests` pins one event of every type).
    public func canonicalJSON() throws -> String {
        if let plain = plainCanonicalJSON() { return plain }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// ``canonicalJSON()`` of an event a caller asks to record: every new event from
    /// the API, the CLI or the dashboard has its data made here. It refuses
    /// (`InputError` `bad_text`) a text of any field that holds a bidirectional control
    /// (``PaceCore/Text/isDirectionalControl(_:)``): shown in a table or on the
    /// dashboard, it would make a name read as another. paced's own events (slips, made
    /// from stored targets) use ``canonicalJSON()``, and stored events are read back
    /// with ``init(type:json:)``, so data recorded before this rule still counts.
    public func inputJSON() throws -> String {
        let json = try canonicalJSON()
        // The encoder writes these scalars as they are (it escapes only quotes, the
        // backslash and C0 controls); text of ASCII only has none.
        if !json.utf8.allSatisfy({ $0 < 0x80 }), let control = json.unicodeScalars.first(where: Text.isDirectionalControl) {
            let name = control.properties.name.map { " \($0)" } ?? ""
            throw InputError("bad_text", "A text of this \(type.rawValue) holds U+\(String(control.value, radix: 16, uppercase: true))\(name), "
                             + "a control that changes the direction in which the text around it is shown, so that it can read as other text; remove it.")
        }
        return json
    }

    /// ``canonicalJSON()`` of a visit, call, payment or order whose texts need no escape
    /// (no quote, backslash or control below U+0020), written without `JSONEncoder`:
    /// its very bytes (sorted keys, no whitespace, amounts as decimal strings, absent
    /// texts and minutes and an order's empty lines left out), which a test checks for
    /// random payloads and `HashPinningTests` pin. nil for any other payload, which the
    /// encoder writes. Every event a salesperson logs passes here: the encoder took 9
    /// µs of paced's CPU an event.
    func plainCanonicalJSON() -> String? {
        func plain(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } }
        var out = "{"
        out.reserveCapacity(96)
        var first = true
        func field(_ key: String, _ value: String, quoted: Bool = true) {
            out += first ? "\"" : ",\""
            first = false
            out += key
            out += quoted ? "\":\"" : "\":"
            out += value
            if quoted { out += "\"" }
        }
        switch self {
        case .visit(let v):
            guard plain(v.customer), v.note.map(plain) ?? true else { return nil }
            field("customer", v.customer)
            field("kind", v.kind.rawValue)
            if let note = v.note { field("note", note) }
        case .call(let c):
            guard plain(c.customer), c.outcome.map(plain) ?? true else { return nil }
            field("customer", c.customer)
            if let minutes = c.minutes { field("minutes", String(minutes), quoted: false) }
            if let outcome = c.outcome { field("outcome", outcome) }
        case .payment(let p):
            guard plain(p.customer), p.reference.map(plain) ?? true else { return nil }
            field("amount", p.amount.decimal)
            field("customer", p.customer)
            if let reference = p.reference { field("reference", reference) }
        case .order(let o):
            guard plain(o.customer), o.lines.allSatisfy({ plain($0.product) }) else { return nil }
            field("amount", o.amount.decimal)
            field("customer", o.customer)
            if !o.lines.isEmpty {
                out += ",\"lines\":["
                for (i, line) in o.lines.enumerated() {
                    out += i == 0 ? "{\"amount\":\"" : ",{\"amount\":\""
                    out += line.amount.decimal
                    out += "\",\"product\":\""
                    out += line.product
                    out += "\",\"quantity\":"
                    out += String(line.quantity)
                    out += "}"
                }
                out += "]"
            }
        default:
            return nil
        }
        out += "}"
        return out
    }

    /// Reads a stored `data` column back for an event of `type`.
    public init(type: EventType, json: String) throws {
        let decoder = JSONDecoder()
        decoder.userInfo[EventPayload.typeKey] = type
        decoder.userInfo[.paceStored] = true
        self = try decoder.decode(PayloadBox.self, from: Data(json.utf8)).payload
    }

    static let typeKey = CodingUserInfoKey(rawValue: "pace.eventType")!
}

private struct PayloadBox: Decodable {
    let payload: EventPayload
    init(from decoder: any Decoder) throws {
        guard let type = decoder.userInfo[EventPayload.typeKey] as? EventType else {
            throw InputError("bad_type", "An event's data cannot be read without its type.")
        }
        payload = try EventPayload(type: type, from: decoder)
    }
}
