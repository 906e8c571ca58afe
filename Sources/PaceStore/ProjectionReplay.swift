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
    private struct Account { var team: String; var name: String; var ordered: Int64 = 0; var paid: Int64 = 0; var orders: [Ref] = []; var payments: [Ref] = [] }

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
    // Where each activity event counted, compactly by seq (seq runs 1...n without gaps):
    // a name id of its team (-1: none) and its day.
    private var teamOf: [Int32]
    private var dayOf: [Int32]
    private var voided: [(event: Int64, by: Int64)] = []
    private var voidedSeqs = Set<Int64>()
    private var accounts: [String: Account] = [:]
    private let insertAttribution: Statement
    private let findTarget: Statement

    init(db: Database, attributor: @escaping (Organization) -> any Attributor) throws {
        self.db = db
        self.attributor = attributor
        current = attributor(org)
        let count = Int(try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0)
        teamOf = [Int32](repeating: -1, count: count + 1)
        dayOf = [Int32](repeating: 0, count: count + 1)
        insertAttribution = try db.makeStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer, amount) VALUES (?, ?, ?, ?, ?)")
        findTarget = try db.makeStatement(sql: "SELECT seq, type, subject, data FROM events WHERE id = ?")
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
        case .void(let c):
            guard let target = try Row.fetchOne(findTarget, arguments: [c.event.text]) else { return }
            let targetSeq: Int64 = target[0]
            voided.append((targetSeq, e.seq))
            voidedSeqs.insert(targetSeq)
            guard targetSeq < teamOf.count, teamOf[Int(targetSeq)] >= 0, let t = EventType(rawValue: target[1]),
                  let p = try? EventPayload(type: t, json: target[3]) else { return }
            let who = id(target[2]), team = teamOf[Int(targetSeq)], day = dayOf[Int(targetSeq)]
            for (metric, value) in Projection.contributions(of: p, memo: memo) {
                add(subject: who, team: team, metric: metric, day: day, Int64(0).subtracting(saturating: value))
            }
            if let account = Projection.account(of: p, team: names[Int(team)], memo: memo), var a = accounts[account.key] {
                a.ordered = a.ordered.subtracting(saturating: max(account.amount, 0))
                a.paid = a.paid.subtracting(saturating: max(-account.amount, 0))
                accounts[account.key] = a
            }
        case .visit, .call, .payment, .order:
            let (teamName, date) = current.attribute(subject: e.subject, at: Timestamp(milliseconds: e.occurredAt))
            let subject = id(e.subject), team = id(teamName), day = Int32(date.daysSinceEpoch)
            for (metric, value) in Projection.contributions(of: payload, memo: memo) {
                add(subject: subject, team: team, metric: metric, day: day, value)
            }
            let account = Projection.account(of: payload, team: teamName, memo: memo)
            if let account {
                var a = accounts[account.key] ?? Account(team: teamName, name: account.name)
                let ref = Ref(seq: e.seq, at: e.occurredAt, subject: subject, team: team, day: day)
                if account.amount >= 0 {
                    a.ordered = a.ordered.adding(saturating: account.amount)
                    a.orders.append(ref)
                } else {
                    a.paid = a.paid.adding(saturating: -account.amount)
                    a.payments.append(ref)
                }
                accounts[account.key] = a
            }
            if Int(e.seq) < teamOf.count {
                teamOf[Int(e.seq)] = team
                dayOf[Int(e.seq)] = day
            }
            try insertAttribution.execute(arguments: [e.seq, teamName, dayText(day), account?.key, account?.amount])
        default:
            break
        }
    }

    /// Writes the summed rows: customers (with each account's first order and owner),
    /// daily and team totals, voids, and the checkpoint.
    mutating func finish() throws {
        // Each account's first order: the earliest (then lowest seq) that was not voided.
        let insertCustomer = try db.makeStatement(sql: """
            INSERT INTO customers (key, team, name, first_seq, first_at, owner, ordered, paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let voidedSeqs = voidedSeqs
        let live = { (refs: [Ref]) in refs.filter { !voidedSeqs.contains($0.seq) } }
        for (key, a) in accounts {
            let first = live(a.orders).min { ($0.at, $0.seq) < ($1.at, $1.seq) }
            if let f = first {
                add(subject: f.subject, team: f.team, metric: Metric.customersNew.name, day: f.day, 1)
            }
            // The owner recorded the first order (else payment), as the writer has it.
            let owner = (live(a.orders).min { $0.seq < $1.seq } ?? live(a.payments).min { $0.seq < $1.seq }).map { names[Int($0.subject)] }
            try insertCustomer.execute(arguments: [key, a.team, a.name, first?.seq, first?.at, owner, a.ordered, a.paid])
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
        for v in voided { try insertVoided.execute(arguments: [v.event, v.by]) }
        if last > 0 {
            try db.execute(sql: "INSERT INTO checkpoints (projection, seq) VALUES ('projections', ?)", arguments: [last])
        }
    }
}
