import Foundation
import PaceCore

extension EventPayload {
    /// The canonical JSON of a payload, as stored in `events.data` and covered by the
    /// hash chain: sorted keys, no insignificant whitespace, amounts as decimal strings.
    /// It lives with the store, not the wire types: an API change must never change a
    /// stored byte or hash (`HashPinningTests` pins one event of every type).
    public func canonicalJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
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
