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
    /// One event of the rebuild's query: its columns, and for an order its lines
    /// (one row each, consecutive).
    struct Event {
        var seq: Int64
        var type: String
        var subject: String
        var occurredAt: Int64
        /// The stored JSON of a non-activity event (decoded with `JSONDecoder`).
        var data: String?
        /// Whether the activity fields below were read from valid JSON.
        var readable: Bool
        var customer: DatabaseValue
        var amount: DatabaseValue
        var kind: DatabaseValue
        var minutes: DatabaseValue
        var lines: [(product: DatabaseValue, quantity: DatabaseValue, amount: DatabaseValue)] = []

        init(row: Row) {
            seq = row[0]
            type = row[1]
            subject = row[2]
            occurredAt = row[3]
            data = row[4]
            readable = (row[5] as Int64?) == 1
            customer = row[6]
            amount = row[7]
            kind = row[8]
            minutes = row[9]
            addLine(row)
        }

        mutating func addLine(_ row: Row) {
            let product: DatabaseValue = row[10]
            if !product.isNull || !(row[11] as DatabaseValue).isNull || !(row[12] as DatabaseValue).isNull {
                lines.append((product, row[11], row[12]))
            }
        }

        /// The payload, built through the same checking initialisers as a decoded one;
        /// nil when the data cannot be read (the event is skipped, as before).
        func payload() -> EventPayload? {
            guard let type = EventType(rawValue: type) else { return nil }
            if let data { return try? EventPayload(type: type, json: data) }
            guard readable, let customer = String.fromDatabaseValue(customer) else { return nil }
            func money(_ v: DatabaseValue) -> Money? { String.fromDatabaseValue(v).flatMap { try? Money(parsing: $0) } }
            func whole(_ v: DatabaseValue) -> Int? {
                if case .int64(let i) = v.storage { return Int(exactly: i) }
                return nil
            }
            switch type {
            case .visit:
                guard let raw = String.fromDatabaseValue(kind), let k = VisitKind(rawValue: raw) else { return nil }
                return (try? Visit(customer: customer, kind: k)).map(EventPayload.visit)
            case .call:
                let m: Int? = minutes.isNull ? nil : whole(minutes)
                if !minutes.isNull && m == nil { return nil }
                return (try? Call(customer: customer, minutes: m)).map(EventPayload.call)
            case .payment:
                guard let amount = money(amount) else { return nil }
                return (try? Payment(customer: customer, amount: amount)).map(EventPayload.payment)
            case .order:
                guard let amount = money(amount) else { return nil }
                var orderLines: [OrderLine] = []
                orderLines.reserveCapacity(lines.count)
                for l in lines {
                    guard let product = String.fromDatabaseValue(l.product), let quantity = whole(l.quantity), let a = money(l.amount),
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
    private let insertAttribution: Statement

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
        insertAttribution = try db.makeStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer, amount) VALUES (?, ?, ?, ?, ?)")
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

    private mutating func add(subject: Int32, team: Int32, metric: String, day: Int32, _ value: Int64) {
        let k = TotalKey(subject: subject, team: team, metric: id(metric), day: day)
        totals[k] = totals[k, default: 0].adding(saturating: value)
    }

    /// Applies one event of the log, in seq order.
    mutating func apply(_ e: Event) throws {
        last = e.seq
        guard let payload = e.payload() else { return }
        switch payload {
        case .team, .member, .calendar, .target:
            org.apply(payload)
            current = attributor(org)
        case .visit, .call, .payment, .order:
            let (teamName, date) = current.attribute(subject: e.subject, at: Timestamp(milliseconds: e.occurredAt))
            let subject = id(e.subject), team = id(teamName), day = Int32(date.daysSinceEpoch)
            let account = Projection.account(of: payload, team: teamName, memo: memo)
            try insertAttribution.execute(arguments: [e.seq, teamName, dayText(day), account?.key, account?.amount])
            // The account keeps the first spelling seen, as the writer's, voided or not.
            if let account, accounts[account.key] == nil { accounts[account.key] = Account(team: teamName, name: account.name) }
            guard voids[e.seq] == nil else { return }
            for (metric, value) in Projection.contributions(of: payload, memo: memo) {
                add(subject: subject, team: team, metric: metric, day: day, value)
            }
            guard let account else { return }
            guard var a = accounts[account.key] else { return }
            let ref = Ref(seq: e.seq, at: e.occurredAt, subject: subject, team: team, day: day)
            // Seq only grows: the first recorded is the first seen; the earliest has the
            // smallest time, the first seen among equal times.
            if account.amount >= 0 {
                a.ordered = a.ordered.adding(saturating: account.amount)
                if a.firstOrder == nil { a.firstOrder = ref }
                if a.earliestOrder.map({ ref.at < $0.at }) ?? true { a.earliestOrder = ref }
            } else {
                a.paid = a.paid.adding(saturating: -account.amount)
                if a.firstPayment == nil { a.firstPayment = ref }
            }
            accounts[account.key] = a
        default:
            break
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
                add(subject: f.subject, team: f.team, metric: Metric.customersNew.name, day: f.day, 1)
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
