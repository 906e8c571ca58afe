import PaceCore

extension EventRecord: PlainJSONEncodable, PlainJSONDecodable {
    /// A visit, call, payment or order as paced's encoder writes it (sorted keys), when
    /// no text needs an escape; nil otherwise. Every append is answered with one.
    public var plainJSON: [UInt8]? {
        var w = PlainJSONWriter(capacity: 320)
        guard write(to: &w) else { return nil }
        return w.bytes
    }

    /// Writes the record (see ``plainJSON``); false, leaving `w` anyhow, when it cannot.
    public func write(to w: inout PlainJSONWriter) -> Bool {
        guard PlainJSON.isPlain(subject), PlainJSON.isPlain(recordedBy) else { return false }
        w.open()
        w.key("data")
        guard payload.writePlainJSON(to: &w) else { return false }
        w.key("id"); w.string(id.text)
        w.key("occurred_at"); w.string(occurredAt.rfc3339())
        w.key("recorded_at"); w.string(recordedAt.rfc3339())
        w.key("recorded_by"); w.string(recordedBy)
        w.key("seq"); w.integer(seq)
        w.key("subject"); w.string(subject)
        w.key("type"); w.string(payload.type.rawValue)
        if let voidedBy { w.key("voided_by"); w.string(voidedBy.text) }
        w.close()
        return true
    }

    /// A visit, call, payment or order in the plain form, as ``init(from:)`` would
    /// decode it (a final newline allowed, as paced ends its answers); nil otherwise.
    public init?(plainJSON json: UnsafeBufferPointer<UInt8>) {
        var reader = PlainJSON(json)
        guard let record = EventRecord(reading: &reader), reader.atEndOfAnswer() else { return nil }
        self = record
    }

    /// The record at `reader`'s cursor, which moves past it, through the parsers
    /// ``init(from:)`` uses; nil where one refuses or the data is not an activity's.
    init?(reading reader: inout PlainJSON) {
        var id: String?, occurredAt: String?, recordedAt: String?, recordedBy: String?, subject: String?, type: String?, voidedBy: String?
        var seq: Int64?
        var data: ActivityFields?
        guard reader.object({ (key: CodingKeys, r) in
            switch key {
            case .data:
                guard data == nil else { return false }
                data = ActivityFields(reading: &r)
                return data != nil
            case .id: return r.string(&id)
            case .occurredAt: return r.string(&occurredAt)
            case .recordedAt: return r.string(&recordedAt)
            case .recordedBy: return r.string(&recordedBy)
            case .seq: return r.integer(&seq)
            case .subject: return r.string(&subject)
            case .type: return r.string(&type)
            case .voidedBy: return r.string(&voidedBy)
            }
        }) else { return nil }
        guard let seq, let id, let eventID = try? EventID(parsing: id), let subject, let recordedBy,
              let occurredAt, let occurred = Timestamp(rfc3339: occurredAt), let recordedAt, let recorded = Timestamp(rfc3339: recordedAt),
              let type, let eventType = try? EventType(recorded: type), let payload = data?.payload(eventType),
              let voider = PlainJSON.parse(voidedBy, EventID.init(parsing:)) else { return nil }
        self.init(seq: seq, id: eventID, subject: subject, recordedBy: recordedBy, occurredAt: occurred, recordedAt: recorded,
                  payload: payload, voidedBy: voider)
    }
}
