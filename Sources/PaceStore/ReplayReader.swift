import Foundation
import GRDB
import PaceCore

/// The reading half of ``EventStore/rebuild(attributor:)``, on a thread and a read
/// connection of its own: it reads the log in seq order (SQLite taking the activities'
/// fields out of their JSON), and keeps the organisation as the log has it so far,
/// handing on a new ``Attributor`` with each change of it, and builds each activity's
/// payload from its fields. The writer (``ProjectionReplay``) attributes each activity
/// with the attributor of its point in the log and does the rest. This split keeps
/// the two threads about equally busy (`perf`: 52% against 48% of the samples while
/// both run, the reader the busier).
struct ReplayReader {
    /// One event as the writer applies it: `payload` nil for an event that adds nothing
    /// (one that is not an activity, the organisation's among them, or an activity whose
    /// data cannot be read), of which only the seq and `attributor` matter.
    struct Event: Sendable {
        var seq: Int64
        /// The activity's subject and when it happened (Unix ms), with its payload.
        var subject = ""
        var occurredAt: Int64 = 0
        var payload: EventPayload?
        /// Where activities count from this event on: set on an event that changed the
        /// organisation, nil on the others.
        var attributor: (any Attributor)?
    }

    /// The log's query, from the event after seq `?`: one row per event, one per
    /// element of an order's `lines` (consecutive). SQLite takes the fields of activity
    /// events out of their JSON, with the JSON type of an order's `lines` (column 13)
    /// and of each element (column 14); other events' JSON (column 4) is decoded by
    /// ``EventPayload``. Column 5 is 1: the JSON is valid.
    ///
    /// This one expects valid JSON in every event, as paced stores it, and stops with an
    /// error at an event without: then ``carefulQuery`` goes on from that event. (It
    /// relies on `->>` refusing what `json_valid` refuses, as SQLite 3.40 does; from
    /// 3.42 `->>` also reads JSON5, which paced never writes.)
    static let logQuery = """
        SELECT e.seq, e.type, e.subject, e.occurred_at, e.data, 1,
               e.data ->> '$.customer', e.data ->> '$.amount', e.data ->> '$.kind', e.data ->> '$.minutes',
               CASE WHEN l.type = 'object' THEN l.value ->> '$.product' END, CASE WHEN l.type = 'object' THEN l.value ->> '$.quantity' END,
               CASE WHEN l.type = 'object' THEN l.value ->> '$.amount' END,
               CASE WHEN e.type = 'order' THEN json_type(e.data, '$.lines') END, l.type
        FROM events e LEFT JOIN json_each(CASE WHEN e.type = 'order' THEN e.data ELSE '{}' END, '$.lines') l
        WHERE e.seq > ?
        ORDER BY e.seq
        """

    /// ``logQuery`` for a log that holds events whose JSON is not valid: each activity's
    /// is checked first (column 5), and its fields are left NULL when it is not valid.
    /// Slower: SQLite checks the JSON again for each field.
    static let carefulQuery = """
        SELECT e.seq, e.type, e.subject, e.occurred_at, CASE WHEN e.activity THEN NULL ELSE e.data END, e.ok,
               CASE WHEN e.ok THEN e.data ->> '$.customer' END, CASE WHEN e.ok THEN e.data ->> '$.amount' END,
               CASE WHEN e.ok THEN e.data ->> '$.kind' END, CASE WHEN e.ok THEN e.data ->> '$.minutes' END,
               CASE WHEN l.type = 'object' THEN l.value ->> '$.product' END, CASE WHEN l.type = 'object' THEN l.value ->> '$.quantity' END,
               CASE WHEN l.type = 'object' THEN l.value ->> '$.amount' END,
               CASE WHEN e.type = 'order' AND e.ok THEN json_type(e.data, '$.lines') END, l.type
        FROM (SELECT seq, type, subject, occurred_at, data, type IN ('visit', 'call', 'payment', 'order') AS activity,
                     type IN ('visit', 'call', 'payment', 'order') AND json_valid(data) AS ok FROM events WHERE seq > ?) e
        LEFT JOIN json_each(CASE WHEN e.type = 'order' AND e.ok THEN e.data ELSE '{}' END, '$.lines') l
        ORDER BY e.seq
        """

    private let attributor: @Sendable (Organization) -> any Attributor
    private var org = Organization()

    init(attributor: @escaping @Sendable (Organization) -> any Attributor) {
        self.attributor = attributor
    }

    /// Reads the whole log in seq order on `db` and hands it on in chunks of
    /// `chunkSize` events; stops early when `emit` returns false.
    mutating func read(_ db: Database, chunkSize: Int, emit: ([Event]) -> Bool) throws {
        var pass = Pass(chunkSize: chunkSize)
        do {
            try read(db, Self.logQuery, &pass, emit: emit)
        } catch is DatabaseError {
            // An event whose JSON is not valid (paced never stores one) stopped the
            // query before its rows: go on after the last whole event, checking each.
            try read(db, Self.carefulQuery, &pass, emit: emit)
        }
    }

    /// Where a read of the log is: the chunk being filled, and the last event put in one.
    private struct Pass {
        var chunk: [Event] = []
        var chunkSize: Int
        var done: Int64 = 0
        var stopped = false

        init(chunkSize: Int) {
            self.chunkSize = chunkSize
            chunk.reserveCapacity(chunkSize)
        }

        mutating func add(_ event: Event, emit: ([Event]) -> Bool) {
            chunk.append(event)
            done = event.seq
            if chunk.count == chunkSize {
                stopped = !emit(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Runs `query` from the event after `pass.done` to the end of the log.
    private mutating func read(_ db: Database, _ query: String, _ pass: inout Pass, emit: ([Event]) -> Bool) throws {
        let rows = try RawStatement(db.makeStatement(sql: query))
        try rows.bind(pass.done, at: 1)
        var fields: Fields?
        while !pass.stopped, try rows.step() {
            let seq = rows.int64(0)
            if fields?.seq == seq {
                fields?.addLine(rows)
                continue
            }
            if let f = fields { pass.add(event(f), emit: emit) }
            fields = Fields(rows)
        }
        guard !pass.stopped else { return }
        if let f = fields { pass.add(event(f), emit: emit) }
        if !pass.chunk.isEmpty { _ = emit(pass.chunk) }
    }

    /// The event of one event's rows: the organisation's change it, and carry the
    /// attributor from then on; an activity whose data can be read carries its payload.
    private mutating func event(_ f: Fields) -> Event {
        var e = Event(seq: f.seq)
        guard f.isActivity else {
            // Of the other events only the organisation's change what the projections count.
            guard let type = EventType(rawValue: f.type), [.team, .member, .calendar, .target].contains(type),
                  let payload = f.payload() else { return e }
            org.apply(payload)
            e.attributor = attributor(org)
            return e
        }
        // An activity whose data cannot be read adds nothing, as the writer never stores one.
        if f.readable, let payload = f.payload() {
            (e.subject, e.occurredAt, e.payload) = (f.subject, f.occurredAt, payload)
        }
        return e
    }

    /// The columns of one event's rows in ``logQuery``. The event's own columns are read
    /// as text whatever their storage class, as GRDB reads a `String`; the fields taken
    /// out of the JSON only when they are JSON strings (or integers), as the payload's
    /// decoder would take them.
    struct Fields: Sendable {
        var seq: Int64
        var type: String
        var subject: String
        var occurredAt: Int64
        /// Whether the event is a visit, call, payment or order.
        var isActivity: Bool
        /// The stored JSON of a non-activity event (decoded with `JSONDecoder`).
        var data: String?
        /// Whether the activity fields below were read from valid JSON, and an order's
        /// `lines` are absent, null, or an array of objects.
        var readable: Bool
        var customer: String?
        var amount: String?
        var kind: String?
        /// Whether `minutes` is absent (NULL); else `minutes` is its value if an integer.
        var minutesAbsent: Bool
        var minutes: Int64?
        var lines: [(product: String?, quantity: Int64?, amount: String?)] = []

        init(_ row: RawStatement) {
            seq = row.int64(0)
            type = row.string(1) ?? ""
            subject = row.string(2) ?? ""
            occurredAt = row.int64(3)
            // Activities' fields come in their own columns.
            switch type {
            case "visit", "call", "payment", "order":
                isActivity = true
                data = nil
            default:
                isActivity = false
                data = row.string(4)
            }
            readable = row.integer(5) == 1
            // `lines` absent or null is no lines, as the decoder has it; else an array.
            if let linesType = row.text(13), linesType != "null", linesType != "array" { readable = false }
            customer = row.text(6)
            amount = row.text(7)
            kind = row.text(8)
            minutesAbsent = row.isNull(9)
            minutes = row.integer(9)
            addLine(row)
        }

        /// One element of `lines` (none on the row of an order without, or with `null`):
        /// an object, or the event cannot be read.
        mutating func addLine(_ row: RawStatement) {
            guard row.text(13) == "array", let elementType = row.text(14) else { return }
            guard elementType == "object" else {
                readable = false
                return
            }
            lines.append((row.text(10), row.integer(11), row.text(12)))
        }

        /// The payload, built through the same checking initialisers as a decoded one;
        /// nil when the data cannot be read.
        func payload() -> EventPayload? {
            guard let type = EventType(rawValue: type) else { return nil }
            if let data { return try? EventPayload(type: type, json: data) }
            guard readable, let customer else { return nil }
            func money(_ text: String?) -> Money? { text.flatMap { try? Money(parsing: $0) } }
            switch type {
            case .visit:
                guard let raw = kind, let k = VisitKind(rawValue: raw) else { return nil }
                return (try? Visit(customer: customer, kind: k)).map(EventPayload.visit)
            case .call:
                if !minutesAbsent && minutes == nil { return nil }
                return (try? Call(customer: customer, minutes: minutes.flatMap { Int(exactly: $0) })).map(EventPayload.call)
            case .payment:
                guard let amount = money(amount) else { return nil }
                return (try? Payment(customer: customer, amount: amount)).map(EventPayload.payment)
            case .order:
                guard let amount = money(amount) else { return nil }
                var orderLines: [OrderLine] = []
                orderLines.reserveCapacity(lines.count)
                for l in lines {
                    guard let product = l.product, let quantity = l.quantity.flatMap({ Int(exactly: $0) }), let a = money(l.amount),
                          let line = try? OrderLine(product: product, quantity: quantity, amount: a) else { return nil }
                    orderLines.append(line)
                }
                return (try? Order(customer: customer, amount: amount, lines: orderLines)).map(EventPayload.order)
            default:
                return nil
            }
        }
    }

}
