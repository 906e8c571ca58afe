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

    /// ``canonicalJSON()`` of a visit, call, payment or order whose texts need no escape,
    /// written without `JSONEncoder` (``EventPayload/writePlainJSON(to:)``): its very
    /// bytes, which a test checks for random payloads and `HashPinningTests` pin. nil
    /// for any other payload, which the encoder writes. Every event a salesperson logs
    /// passes here: the encoder was 12% of paced's CPU for an import.
    func plainCanonicalJSON() -> String? {
        var w = PlainJSONWriter(capacity: 96)
        guard writePlainJSON(to: &w) else { return nil }
        return String(decoding: w.bytes, as: UTF8.self)
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
