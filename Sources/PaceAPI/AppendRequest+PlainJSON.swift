import PaceCore

extension AppendRequest: PlainJSONDecodable, PlainJSONEncodable {
    /// The request in the plain form, for a visit, call, payment or order whose texts
    /// need no escape (``PlainJSON/isPlain(_:)``): the bytes paced's encoder (sorted
    /// keys) writes, which ``init(plainJSON:)`` and the decoder read back to this
    /// request. nil otherwise. `pace import` sends its batches so: `JSONEncoder` was a
    /// third of its CPU.
    public var plainJSON: [UInt8]? {
        var w = PlainJSONWriter()
        guard write(to: &w) else { return nil }
        return w.bytes
    }

    /// Writes the request (see ``plainJSON``); false, leaving `w` anyhow, when it cannot.
    public func write(to w: inout PlainJSONWriter) -> Bool {
        if let subject, !PlainJSON.isPlain(subject) { return false }
        w.open()
        w.key("data")
        guard payload.writePlainJSON(to: &w) else { return false }
        if let id { w.key("id"); w.string(id.text) }
        if let occurredAt { w.key("occurred_at"); w.string(occurredAt.rfc3339()) }
        if let subject { w.key("subject"); w.string(subject) }
        w.key("type"); w.string(payload.type.rawValue)
        w.close()
        return true
    }

    /// A JSON array of `requests` in the plain form, if every one can be written so.
    public static func plainArray(_ requests: some Collection<AppendRequest>) -> [UInt8]? {
        var w = PlainJSONWriter(capacity: 160 * requests.count)
        w.openArray()
        for request in requests {
            w.separate()
            guard request.write(to: &w) else { return nil }
        }
        w.closeArray()
        return w.bytes
    }

    /// The visit, call, payment or order of a body (or batch element) in the plain form
    /// (``PlainJSON``), as ``init(from:)`` would decode it; nil for any other event type
    /// or any other form, which `JSONDecoder` then reads (and names what is wrong).
    public init?(plainJSON json: UnsafeBufferPointer<UInt8>) {
        var reader = PlainJSON(json)
        guard let request = AppendRequest(reading: &reader), reader.atEnd else { return nil }
        self = request
    }

    /// The request object at `reader`'s cursor, which moves past it. Its values go
    /// through the parsers ``init(from:)`` uses (`EventID(parsing:)`,
    /// `Timestamp(rfc3339:)`, `EventType(parsing:)`, ``ActivityFields/payload(_:)``);
    /// nil where one refuses, so that the decoder's message names the fault.
    init?(reading reader: inout PlainJSON) {
        var id: String?, type: String?, subject: String?, occurredAt: String?
        var data: ActivityFields?
        guard reader.object({ (key: CodingKeys, r) in
            switch key {
            case .id: return r.string(&id)
            case .type: return r.string(&type)
            case .subject: return r.string(&subject)
            case .occurredAt: return r.string(&occurredAt)
            case .data:
                guard data == nil else { return false }
                data = ActivityFields(reading: &r)
                return data != nil
            }
        }) else { return nil }
        guard let type, let eventType = try? EventType(parsing: type), eventType.isActivity,
              let payload = data?.payload(eventType),
              let eventID = PlainJSON.parse(id, EventID.init(parsing:)),
              let at = PlainJSON.parse(occurredAt, Timestamp.init(rfc3339:)) else { return nil }
        self.init(id: eventID, occurredAt: at, subject: subject, payload: payload)
    }
}
