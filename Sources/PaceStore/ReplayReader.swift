import Foundation
import GRDB
import PaceCore

/// The reading half of ``EventStore/rebuild(attributor:)``, on a thread and a read
/// connection of its own: it reads the log in seq order, keeps the organisation as
/// the log has it so far, builds each activity's payload (``ActivityFields``) and says
/// where it counts (team and local day) by the organisation of its point in the log.
/// The writer (``ProjectionReplay``) does the rest. This split keeps the two threads
/// about equally busy: with 1,000,000 events the reader waited 10 to 40 ms for the
/// writer, and the writer 30 to 100 ms for the reader, of about 1,050 ms.
struct ReplayReader {
    /// One event as the writer applies it: `payload` nil for an event that adds nothing
    /// (one that is not an activity, the organisation's among them, or an activity whose
    /// data cannot be read), of which only the seq matters.
    struct Event: Sendable {
        var seq: Int64
        /// The activity's subject and when it happened (Unix ms), with its payload.
        var subject = ""
        var occurredAt: Int64 = 0
        var payload: EventPayload?
        /// Where the activity counts: its team ('' for none) and the team's local day
        /// (days since 1970-01-01).
        var team = ""
        var day: Int32 = 0
    }

    /// The log's query: each event's own columns, its JSON as stored.
    static let logQuery = "SELECT seq, type, subject, occurred_at, data FROM events ORDER BY seq"

    private let attributor: @Sendable (Organization) -> any Attributor
    private var org = Organization()
    /// Where activities count at this point of the log.
    private var current: any Attributor

    init(attributor: @escaping @Sendable (Organization) -> any Attributor) {
        self.attributor = attributor
        current = attributor(org)
    }

    /// Reads the whole log in seq order on `db` and hands it on in chunks of
    /// `chunkSize` events; stops early when `emit` returns false.
    mutating func read(_ db: Database, chunkSize: Int, emit: ([Event]) -> Bool) throws {
        let rows = try RawStatement(db.makeStatement(sql: Self.logQuery))
        var chunk: [Event] = []
        chunk.reserveCapacity(chunkSize)
        while try rows.step() {
            chunk.append(event(rows))
            if chunk.count == chunkSize {
                guard emit(chunk) else { return }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { _ = emit(chunk) }
    }

    /// `body` of the row's stored JSON (column 4) up to its first NUL byte, as GRDB
    /// reads text (C-string semantics), and so as the writer, `pace verify` and every
    /// other read of an event see it; nil for NULL. paced never stores a NUL (its
    /// encoder escapes U+0000).
    private static func withData<T>(_ row: RawStatement, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        row.withText(4) { body(UnsafeBufferPointer(rebasing: $0.prefix { $0 != 0 })) } ?? nil
    }

    /// The payload of an activity of `type` whose stored JSON is `json`: read by
    /// ``ActivityFields`` when it is in the form paced writes, decoded by `JSONDecoder`
    /// (invalid UTF-8 repaired, as GRDB reads text) otherwise; nil when it cannot be read.
    static func activity(_ type: EventType, json: UnsafeBufferPointer<UInt8>) -> EventPayload? {
        ActivityFields(json: json)?.payload(type) ?? (try? EventPayload(type: type, json: String(decoding: json, as: UTF8.self)))
    }

    /// The event of the current row: the organisation's change the organisation (and
    /// so where later activities count); an activity whose data can be read carries its
    /// payload (``activity(_:json:)``) and where it counts.
    private mutating func event(_ row: RawStatement) -> Event {
        var e = Event(seq: row.int64(0))
        guard let type = row.string(1).flatMap(EventType.init(rawValue:)) else { return e }
        switch type {
        case .visit, .call, .payment, .order:
            let payload = Self.withData(row) { Self.activity(type, json: $0) }
            // An activity whose data cannot be read adds nothing, as the writer never stores one.
            if let payload {
                (e.subject, e.occurredAt, e.payload) = (row.string(2) ?? "", row.int64(3), payload)
                let (team, date) = current.attribute(subject: e.subject, at: Timestamp(milliseconds: e.occurredAt))
                (e.team, e.day) = (team, Int32(date.daysSinceEpoch))
            }
        case .team, .member, .calendar, .target:
            // Of the other events only the organisation's change what the projections count.
            guard let payload = Self.withData(row, { try? EventPayload(type: type, json: String(decoding: $0, as: UTF8.self)) }) else { return e }
            org.apply(payload)
            current = attributor(org)
        default:
            break
        }
        return e
    }
}
