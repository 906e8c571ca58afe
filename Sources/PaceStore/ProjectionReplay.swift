import Foundation
import GRDB
import PaceCore

/// The state of one ``EventStore/rebuild(attributor:)``: the organisation as the log
/// has it so far, and every projection row summed in memory until ``finish()``.
///
/// Names (subjects, teams, metrics) are interned to small integers and days kept as
/// days since the epoch, so the sums are keyed by four integers instead of four
/// strings; customer and product names are normalised once per spelling.
struct ProjectionReplay {
    /// One event of the log as the rebuild applies it: nil `payload` for an event whose
    /// data cannot be read (it is skipped, as the writer never stores one) or that no
    /// projection reads.
    struct Event: Sendable {
        var seq: Int64
        var subject: String
        var occurredAt: Int64
        var payload: EventPayload?
    }

    /// The rebuild's query: one row per event, one per order line for orders with lines
    /// (consecutive). The fields of activity events are taken out of their JSON by
    /// SQLite; other events keep their JSON (column 4), decoded by ``EventPayload``.
    static let logQuery = """
        SELECT e.seq, e.type, e.subject, e.occurred_at, CASE WHEN e.activity THEN NULL ELSE e.data END, e.ok,
               CASE WHEN e.ok THEN e.data ->> '$.customer' END, CASE WHEN e.ok THEN e.data ->> '$.amount' END,
               CASE WHEN e.ok THEN e.data ->> '$.kind' END, CASE WHEN e.ok THEN e.data ->> '$.minutes' END,
               l.value ->> '$.product', l.value ->> '$.quantity', l.value ->> '$.amount'
        FROM (SELECT seq, type, subject, occurred_at, data, type IN ('visit', 'call', 'payment', 'order') AS activity,
                     type IN ('visit', 'call', 'payment', 'order') AND json_valid(data) AS ok FROM events) e
        LEFT JOIN json_each(CASE WHEN e.type = 'order' AND e.ok THEN e.data ELSE '{}' END, '$.lines') l
        ORDER BY e.seq
        """

    /// Reads the whole log in seq order on `db` and hands it on in chunks of
    /// `chunkSize` events with their payloads built; stops early when `emit` returns false.
    static func readLog(_ db: Database, chunkSize: Int, emit: ([Event]) -> Bool) throws {
        let rows = try RawStatement(db.makeStatement(sql: logQuery))
        var chunk: [Event] = []
        chunk.reserveCapacity(chunkSize)
        var fields: Fields?
        while try rows.step() {
            let seq = rows.int64(0)
            if fields?.seq == seq {
                fields?.addLine(rows)
                continue
            }
            if let f = fields {
                chunk.append(f.event())
                if chunk.count == chunkSize {
                    guard emit(chunk) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            fields = Fields(rows)
        }
        if let f = fields { chunk.append(f.event()) }
        if !chunk.isEmpty { _ = emit(chunk) }
    }

    /// The columns of one event's rows in ``logQuery``, typed as GRDB would read them.
    private struct Fields {
        var seq: Int64
        var type: String
        var subject: String
        var occurredAt: Int64
        /// The stored JSON of a non-activity event (decoded with `JSONDecoder`).
        var data: String?
        /// Whether the activity fields below were read from valid JSON.
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
            type = row.text(1) ?? ""
            subject = row.text(2) ?? ""
            occurredAt = row.int64(3)
            data = row.text(4)
            readable = row.integer(5) == 1
            customer = row.text(6)
            amount = row.text(7)
            kind = row.text(8)
            minutesAbsent = row.isNull(9)
            minutes = row.integer(9)
            addLine(row)
        }

        mutating func addLine(_ row: RawStatement) {
            if !row.isNull(10) || !row.isNull(11) || !row.isNull(12) {
                lines.append((row.text(10), row.integer(11), row.text(12)))
            }
        }

        func event() -> Event {
            Event(seq: seq, subject: subject, occurredAt: occurredAt, payload: payload())
        }

        /// The payload, built through the same checking initialisers as a decoded one;
        /// nil when the data cannot be read.
        func payload() -> EventPayload? {
            guard let type = EventType(rawValue: type) else { return nil }
            if let data {
                // Of the other events only the organisation's change what the projections count.
                guard [.team, .member, .calendar, .target].contains(type) else { return nil }
                return try? EventPayload(type: type, json: data)
            }
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

    private struct TotalKey: Hashable { var subject: Int32; var team: Int32; var metric: Int32; var day: Int32 }
    private struct TeamKey: Hashable { var team: Int32; var metric: Int32; var day: Int32 }
    private struct Ref { var seq: Int64; var at: Int64; var subject: Int32; var team: Int32; var day: Int32 }
    /// An account as the log has it so far, voided events left out: its sums, its
    /// earliest order (occurred_at, then seq), and its first order and payment recorded.
    private struct Account {
        var team: String
        var name: String
        var ordered: Int64 = 0
        var paid: Int64 = 0
        var earliestOrder: Ref?
        var firstOrder: Ref?
        var firstPayment: Ref?
    }

    private let db: Database
    private let attributor: (Organization) -> any Attributor
    private var org = Organization()
    private var current: any Attributor
    private(set) var last: Int64 = 0
    private var totals: [TotalKey: Int64] = [:]
    private var names: [String] = []
    private var nameIDs: [String: Int32] = [:]
    private var dayTexts: [Int32: String] = [:]
    private let memo = CustomerKey.Memo()
    /// Every void of the log, read before the pass: voided seq → void seq. A voided
    /// event keeps its attribution row but adds nothing, which is what the writer's
    /// add-then-take-back leaves; so the pass keeps no memory of where events counted.
    private let voids: [Int64: Int64]
    private var accounts: [String: Account] = [:]
    private let insertAttribution: RawStatement
    /// The plain metrics an event may add to (all but `customers.new`), with their ids.
    private var plainMetrics: [(Metric, Int32)] = []

    init(db: Database, attributor: @escaping (Organization) -> any Attributor) throws {
        self.db = db
        self.attributor = attributor
        current = attributor(org)
        // The writer records a void only of an earlier activity event not voided yet.
        var voids: [Int64: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.seq, v.seq FROM events v JOIN events t ON t.id = v.data ->> '$.event'
            WHERE v.type = 'void' AND json_valid(v.data) AND t.seq < v.seq AND t.type IN ('visit', 'call', 'payment', 'order')
            ORDER BY v.seq
            """)
        while let row = try rows.next() {
            let target: Int64 = row[0], by: Int64 = row[1]
            if voids[target] == nil { voids[target] = by }
        }
        self.voids = voids
        insertAttribution = try RawStatement(db.makeStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer, amount) VALUES (?, ?, ?, ?, ?)"))
        plainMetrics = Metric.plain.filter { $0 != .customersNew }.map { ($0, id($0.name)) }
    }

    private mutating func id(_ name: String) -> Int32 {
        if let i = nameIDs[name] { return i }
        names.append(name)
        let i = Int32(names.count - 1)
        nameIDs[name] = i
        return i
    }

    private mutating func dayText(_ day: Int32) -> String {
        if let t = dayTexts[day] { return t }
        let t = CivilDate(daysSinceEpoch: Int64(day)).description
        dayTexts[day] = t
        return t
    }

    private mutating func add(subject: Int32, team: Int32, metric: Int32, day: Int32, _ value: Int64) {
        let k = TotalKey(subject: subject, team: team, metric: metric, day: day)
        totals[k] = totals[k, default: 0].adding(saturating: value)
    }

    /// Applies one event of the log, in seq order.
    mutating func apply(_ e: Event) throws {
        last = e.seq
        guard let payload = e.payload else { return }
        switch payload {
        case .team, .member, .calendar, .target:
            org.apply(payload)
            current = attributor(org)
        case .visit, .call, .payment, .order:
            let (teamName, date) = current.attribute(subject: e.subject, at: Timestamp(milliseconds: e.occurredAt))
            let subject = id(e.subject), team = id(teamName), day = Int32(date.daysSinceEpoch)
            let account = Projection.account(of: payload, team: teamName, memo: memo)
            insertAttribution.bind(e.seq, at: 1)
            insertAttribution.bind(teamName, at: 2)
            insertAttribution.bind(dayText(day), at: 3)
            insertAttribution.bind(account?.key, at: 4)
            insertAttribution.bind(account?.amount, at: 5)
            try insertAttribution.execute()
            let voided = voids[e.seq] != nil
            if !voided { addContributions(of: payload, subject: subject, team: team, day: day) }
            guard let account else { return }
            // The account keeps the first spelling seen, as the writer's, voided or not.
            settle(&accounts[account.key, default: Account(team: teamName, name: account.name)], amount: account.amount, voided: voided,
                   Ref(seq: e.seq, at: e.occurredAt, subject: subject, team: team, day: day))
        default:
            break
        }
    }

    /// What the event adds to the daily totals, as ``Projection/contributions(of:memo:)``
    /// has it; the plain metrics through their interned ids, without building the list.
    private mutating func addContributions(of payload: EventPayload, subject: Int32, team: Int32, day: Int32) {
        if case .order(let o) = payload, !o.lines.isEmpty {
            for (metric, value) in Projection.contributions(of: payload, memo: memo) {
                add(subject: subject, team: team, metric: id(metric), day: day, value)
            }
            return
        }
        for (metric, i) in plainMetrics {
            let v = metric.contribution(of: payload)
            if v != 0 { add(subject: subject, team: team, metric: i, day: day, v) }
        }
    }

    /// An order (amount >= 0) or payment of the account; a voided one adds nothing.
    /// Seq only grows: the first recorded is the first seen; the earliest has the
    /// smallest time, the first seen among equal times.
    private func settle(_ a: inout Account, amount: Int64, voided: Bool, _ ref: Ref) {
        guard !voided else { return }
        if amount >= 0 {
            a.ordered = a.ordered.adding(saturating: amount)
            if a.firstOrder == nil { a.firstOrder = ref }
            if a.earliestOrder.map({ ref.at < $0.at }) ?? true { a.earliestOrder = ref }
        } else {
            a.paid = a.paid.adding(saturating: -amount)
            if a.firstPayment == nil { a.firstPayment = ref }
        }
    }

    /// Writes the summed rows: customers (with each account's first order and owner),
    /// daily and team totals, voids, and the checkpoint.
    mutating func finish() throws {
        let insertCustomer = try db.makeStatement(sql: """
            INSERT INTO customers (key, team, name, first_seq, first_at, owner, ordered, paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (key, a) in accounts {
            if let f = a.earliestOrder {
                add(subject: f.subject, team: f.team, metric: id(Metric.customersNew.name), day: f.day, 1)
            }
            // The owner recorded the first order (else payment), as the writer has it.
            let owner = (a.firstOrder ?? a.firstPayment).map { names[Int($0.subject)] }
            try insertCustomer.execute(arguments: [key, a.team, a.name, a.earliestOrder?.seq, a.earliestOrder?.at, owner, a.ordered, a.paid])
        }
        let insertTotal = try db.makeStatement(sql: "INSERT INTO daily_totals (subject, team, metric, day, value) VALUES (?, ?, ?, ?, ?)")
        var teamTotals: [TeamKey: Int64] = [:]
        for (k, v) in totals where v != 0 {
            try insertTotal.execute(arguments: [names[Int(k.subject)], names[Int(k.team)], names[Int(k.metric)], dayText(k.day), v])
            let t = TeamKey(team: k.team, metric: k.metric, day: k.day)
            teamTotals[t] = teamTotals[t, default: 0].adding(saturating: v)
        }
        let insertTeamTotal = try db.makeStatement(sql: "INSERT INTO team_daily_totals (team, metric, day, value) VALUES (?, ?, ?, ?)")
        for (t, v) in teamTotals where v != 0 {
            try insertTeamTotal.execute(arguments: [names[Int(t.team)], names[Int(t.metric)], dayText(t.day), v])
        }
        let insertVoided = try db.makeStatement(sql: "INSERT INTO voided (event_seq, void_seq) VALUES (?, ?)")
        for (event, by) in voids.sorted(by: { $0.key < $1.key }) { try insertVoided.execute(arguments: [event, by]) }
        if last > 0 {
            try db.execute(sql: "INSERT INTO checkpoints (projection, seq) VALUES ('projections', ?)", arguments: [last])
        }
    }
}
