import Foundation
import GRDB
import PaceAPI
import PaceCore

/// The progress projections (`event_attribution`, `daily_totals`, `customers`),
/// applied event by event inside the writer's transaction, and by `rebuild`.
enum Projection {
    static let activityTypes: Set<String> = ["visit", "call", "payment", "order"]

    /// What an event adds to `daily_totals`, by metric name: every plain metric but
    /// `customers.new` (see `customers`), and `revenue:P` / `units:P` per product.
    static func contributions(of payload: EventPayload) -> [(metric: String, value: Int64)] {
        var out: [(String, Int64)] = []
        for m in Metric.plain where m != .customersNew {
            let v = m.contribution(of: payload)
            if v != 0 { out.append((m.name, v)) }
        }
        if case .order(let o) = payload {
            var revenue: [String: Int64] = [:], units: [String: Int64] = [:]
            for l in o.lines {
                revenue[l.product, default: 0] += l.amount.minorUnits
                units[l.product, default: 0] += Int64(l.quantity)
            }
            for (p, v) in revenue.sorted(by: { $0.key < $1.key }) { out.append(("revenue:\(p)", v)) }
            for (p, v) in units.sorted(by: { $0.key < $1.key }) { out.append(("units:\(p)", v)) }
        }
        return out
    }

    /// Adds `delta` to one daily total; a total that returns to 0 is deleted.
    static func add(_ db: Database, subject: String, team: String, metric: String, day: String, _ delta: Int64) throws {
        guard delta != 0 else { return }
        try db.cachedStatement(sql: """
            INSERT INTO daily_totals (subject, team, metric, day, value) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (subject, team, metric, day) DO UPDATE SET value = value + excluded.value
            """).execute(arguments: [subject, team, metric, day, delta])
        try db.cachedStatement(sql: "DELETE FROM daily_totals WHERE subject = ? AND team = ? AND metric = ? AND day = ? AND value = 0")
            .execute(arguments: [subject, team, metric, day])
    }

    /// Applies a newly stored activity event.
    static func apply(seq: Int64, subject: String, occurredAt: Timestamp, payload: EventPayload, db: Database, attributor: any Attributor) throws {
        let (team, date) = attributor.attribute(subject: subject, at: occurredAt)
        let day = date.description
        var customer: String?
        if case .order(let o) = payload { customer = o.customer.lowercased() }
        try db.cachedStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer) VALUES (?, ?, ?, ?)")
            .execute(arguments: [seq, team, day, customer])
        for (metric, value) in contributions(of: payload) {
            try add(db, subject: subject, team: team, metric: metric, day: day, value)
        }
        switch payload {
        case .order(let o):
            try db.cachedStatement(sql: """
                INSERT INTO customers (key, name, ordered) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET ordered = ordered + excluded.ordered
                """).execute(arguments: [o.customer.lowercased(), o.customer, o.amount.minorUnits])
            try settleFirstOrder(of: o.customer.lowercased(), db: db)
        case .payment(let p):
            try db.cachedStatement(sql: """
                INSERT INTO customers (key, name, paid) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET paid = paid + excluded.paid
                """).execute(arguments: [p.customer.lowercased(), p.customer, p.amount.minorUnits])
        default:
            break
        }
    }

    /// Takes a voided activity event's contribution back out, from where it was added.
    static func revert(_ target: StoredEvent, db: Database) throws {
        guard activityTypes.contains(target.type), let type = EventType(rawValue: target.type),
              let payload = try? EventPayload(type: type, json: target.data),
              let row = try Row.fetchOne(db, sql: "SELECT team, day FROM event_attribution WHERE seq = ?", arguments: [target.seq])
        else { return }
        let team: String = row[0], day: String = row[1]
        for (metric, value) in contributions(of: payload) {
            try add(db, subject: target.subject, team: team, metric: metric, day: day, -value)
        }
        switch payload {
        case .order(let o):
            try db.execute(sql: "UPDATE customers SET ordered = ordered - ? WHERE key = ?", arguments: [o.amount.minorUnits, o.customer.lowercased()])
            try settleFirstOrder(of: o.customer.lowercased(), db: db)
        case .payment(let p):
            try db.execute(sql: "UPDATE customers SET paid = paid - ? WHERE key = ?", arguments: [p.amount.minorUnits, p.customer.lowercased()])
        default:
            break
        }
    }

    /// Makes `customers.first_*` the customer's earliest non-voided order, and moves
    /// the `customers.new` count to that order's subject, team and day.
    static func settleFirstOrder(of key: String, db: Database) throws {
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT first_seq FROM customers WHERE key = ?"), arguments: [key])
        let currentSeq: Int64? = current?[0]
        let first = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.seq, e.subject, e.occurred_at, a.team, a.day FROM event_attribution a
            JOIN events e ON e.seq = a.seq LEFT JOIN voided x ON x.event_seq = a.seq
            WHERE a.customer = ? AND x.event_seq IS NULL
            ORDER BY e.occurred_at, e.seq LIMIT 1
            """), arguments: [key])
        let firstSeq: Int64? = first?[0]
        guard firstSeq != currentSeq else { return }
        if let currentSeq, let old = try Row.fetchOne(db, sql: """
            SELECT e.subject, a.team, a.day FROM events e JOIN event_attribution a ON a.seq = e.seq WHERE e.seq = ?
            """, arguments: [currentSeq]) {
            try add(db, subject: old[0], team: old[1], metric: Metric.customersNew.name, day: old[2], -1)
        }
        if let first {
            try add(db, subject: first[1], team: first[3], metric: Metric.customersNew.name, day: first[4], 1)
            try db.execute(sql: "UPDATE customers SET first_seq = ?, first_at = ?, owner = ? WHERE key = ?",
                           arguments: [first[0] as Int64, first[2] as Int64, first[1] as String, key])
        } else {
            try db.execute(sql: "UPDATE customers SET first_seq = NULL, first_at = NULL, owner = NULL WHERE key = ?", arguments: [key])
        }
    }
}
