import Foundation
import GRDB
import PaceAPI
import PaceCore

extension EventStore {
    /// Drops every projection and replays the whole log into them, in seq order, in
    /// one transaction: management events rebuild the organisation as it was at each
    /// point, so each activity event is attributed exactly as when it was recorded.
    ///
    /// Totals are aggregated in memory and written once at the end (the writer's
    /// event-by-event SQL would cost about ten statements per event). The result is
    /// the same rows the writer maintains, which a test checks after a random workload.
    ///
    /// - Parameter attributor: where events count for a given organisation.
    /// - Returns: the number of events replayed.
    @discardableResult
    public func rebuild(attributor: (Organization) -> any Attributor) throws -> Int64 {
        struct Total: Hashable { var subject: String; var team: String; var metric: String; var day: String }
        struct OrderRef { var seq: Int64; var at: Int64; var subject: String; var team: String; var day: String }
        do {
            return try pool.write { db in
                for table in ["daily_totals", "event_attribution", "customers", "voided", "checkpoints"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
                var org = Organization()
                var current = attributor(org)
                var last: Int64 = 0
                var totals: [Total: Int64] = [:]
                // Where each activity event counted, compactly by seq (seq runs 1...n without gaps):
                // an index into `teamNames` and the day as days since the epoch.
                let count = Int(try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0)
                var teamOf = [Int32](repeating: -1, count: count + 1)
                var dayOf = [Int32](repeating: 0, count: count + 1)
                var teamNames: [String] = [], teamIndex: [String: Int32] = [:]
                var voided: [(event: Int64, by: Int64)] = []
                var voidedSeqs = Set<Int64>()
                var customers: [String: (name: String, ordered: Int64, paid: Int64)] = [:]
                var orders: [String: [OrderRef]] = [:]
                let insertAttribution = try db.makeStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer) VALUES (?, ?, ?, ?)")
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, id, type, subject, occurred_at, data FROM events ORDER BY seq")
                while let row = try rows.next() {
                    let seq: Int64 = row[0], typeName: String = row[2], subject: String = row[3]
                    last = seq
                    guard let type = EventType(rawValue: typeName), let payload = try? EventPayload(type: type, json: row[5]) else { continue }
                    switch payload {
                    case .team, .member, .calendar, .target:
                        org.apply(payload)
                        current = attributor(org)
                    case .void(let c):
                        guard let target = try Row.fetchOne(db, sql: "SELECT seq, type, subject, data FROM events WHERE id = ?", arguments: [c.event.text]) else { continue }
                        let targetSeq: Int64 = target[0]
                        voided.append((targetSeq, seq))
                        voidedSeqs.insert(targetSeq)
                        guard targetSeq < teamOf.count, teamOf[Int(targetSeq)] >= 0, let t = EventType(rawValue: target[1]),
                              let p = try? EventPayload(type: t, json: target[3]) else { continue }
                        let who: String = target[2]
                        let team = teamNames[Int(teamOf[Int(targetSeq)])]
                        let day = CivilDate(daysSinceEpoch: Int64(dayOf[Int(targetSeq)])).description
                        for (metric, value) in Projection.contributions(of: p) {
                            totals[Total(subject: who, team: team, metric: metric, day: day), default: 0] -= value
                        }
                        switch p {
                        case .order(let o): customers[o.customer.lowercased()]?.ordered -= o.amount.minorUnits
                        case .payment(let x): customers[x.customer.lowercased()]?.paid -= x.amount.minorUnits
                        default: break
                        }
                    default:
                        let at: Int64 = row[4]
                        let (team, date) = current.attribute(subject: subject, at: Timestamp(milliseconds: at))
                        let day = date.description
                        var customer: String?
                        for (metric, value) in Projection.contributions(of: payload) {
                            totals[Total(subject: subject, team: team, metric: metric, day: day), default: 0] += value
                        }
                        switch payload {
                        case .order(let o):
                            let key = o.customer.lowercased()
                            customer = key
                            customers[key, default: (o.customer, 0, 0)].ordered += o.amount.minorUnits
                            orders[key, default: []].append(OrderRef(seq: seq, at: at, subject: subject, team: team, day: day))
                        case .payment(let p):
                            customers[p.customer.lowercased(), default: (p.customer, 0, 0)].paid += p.amount.minorUnits
                        default:
                            break
                        }
                        if Int(seq) < teamOf.count {
                            let index = teamIndex[team] ?? {
                                teamNames.append(team)
                                teamIndex[team] = Int32(teamNames.count - 1)
                                return Int32(teamNames.count - 1)
                            }()
                            teamOf[Int(seq)] = index
                            dayOf[Int(seq)] = Int32(date.daysSinceEpoch)
                        }
                        try insertAttribution.execute(arguments: [seq, team, day, customer])
                    }
                }
                // Each customer's first order: the earliest (then lowest seq) that was not voided.
                let insertCustomer = try db.makeStatement(sql: "INSERT INTO customers (key, name, first_seq, first_at, owner, ordered, paid) VALUES (?, ?, ?, ?, ?, ?, ?)")
                for (key, c) in customers {
                    let first = orders[key]?.filter { !voidedSeqs.contains($0.seq) }.min { ($0.at, $0.seq) < ($1.at, $1.seq) }
                    if let f = first {
                        totals[Total(subject: f.subject, team: f.team, metric: Metric.customersNew.name, day: f.day), default: 0] += 1
                    }
                    try insertCustomer.execute(arguments: [key, c.name, first?.seq, first?.at, first?.subject, c.ordered, c.paid])
                }
                let insertTotal = try db.makeStatement(sql: "INSERT INTO daily_totals (subject, team, metric, day, value) VALUES (?, ?, ?, ?, ?)")
                for (k, v) in totals where v != 0 {
                    try insertTotal.execute(arguments: [k.subject, k.team, k.metric, k.day, v])
                }
                let insertVoided = try db.makeStatement(sql: "INSERT INTO voided (event_seq, void_seq) VALUES (?, ?)")
                for v in voided { try insertVoided.execute(arguments: [v.event, v.by]) }
                if last > 0 {
                    try db.execute(sql: "INSERT INTO checkpoints (projection, seq) VALUES ('projections', ?)", arguments: [last])
                }
                return last
            }
        } catch let error as DatabaseError {
            throw StoreError(.database, "Rebuilding the projections failed: \(error.message ?? "\(error)")", sql: error.sql)
        }
    }

    /// Every projection table's rows, in a stable order, for comparing a maintained
    /// database with a rebuilt one.
    public func projectionDump() throws -> [String: [[String]]] {
        try read { db in
            var out: [String: [[String]]] = [:]
            for (table, order) in [("daily_totals", "subject, team, metric, day"), ("event_attribution", "seq"), ("customers", "key"),
                                   ("voided", "event_seq"), ("checkpoints", "projection")] {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)").map { row in
                    row.databaseValues.map { value in
                        switch value.storage {
                        case .null: "NULL"
                        case .int64(let i): String(i)
                        case .double(let d): String(d)
                        case .string(let s): s
                        case .blob(let b): b.map { String($0, radix: 16) }.joined()
                        }
                    }
                }
            }
            return out
        }
    }

    /// Sums of `daily_totals` for `metric` per local day in [from, to], for one
    /// subject, one team, or everyone (both nil).
    public func dailyActuals(metric: String, subject: String?, team: String?, from: CivilDate, to: CivilDate) throws -> [String: Int64] {
        var sql = "SELECT day, sum(value) FROM daily_totals WHERE metric = ? AND day >= ? AND day <= ?"
        var args: [any DatabaseValueConvertible] = [metric, from.description, to.description]
        if let subject { sql += " AND subject = ?"; args.append(subject) }
        if let team { sql += " AND team = ?"; args.append(team) }
        return try read { db in
            var out: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: sql + " GROUP BY day", arguments: StatementArguments(args)) { out[row[0]] = row[1] }
            return out
        }
    }
}

/// A row of the `customers` projection.
public struct CustomerRow: Sendable, Equatable {
    public var name: String
    public var owner: String?
    public var firstOrderAt: Timestamp?
    /// Minor units.
    public var ordered: Int64
    public var paid: Int64
    public var receivable: Int64 { ordered - paid }
}

extension EventStore {
    /// Customers whose first order was logged by one of `owners` (all when nil).
    public func customers(owners: [String]?) throws -> [CustomerRow] {
        var sql = "SELECT name, owner, first_at, ordered, paid FROM customers WHERE first_seq IS NOT NULL"
        var args: [any DatabaseValueConvertible] = []
        if let owners {
            sql += " AND owner IN (\(owners.map { _ in "?" }.joined(separator: ",")))"
            args += owners
        }
        return try read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY key", arguments: StatementArguments(args)).map { row in
                let at: Int64? = row[2]
                return CustomerRow(name: row[0], owner: row[1], firstOrderAt: at.map(Timestamp.init(milliseconds:)), ordered: row[3], paid: row[4])
            }
        }
    }

    /// Per subject and local day, the sums of `metric` counted for `team` in [from, to].
    public func teamActuals(metric: String, team: String, from: CivilDate, to: CivilDate) throws -> [String: [String: Int64]] {
        try read { db in
            var out: [String: [String: Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT subject, day, sum(value) FROM daily_totals WHERE team = ? AND metric = ? AND day >= ? AND day <= ?
                GROUP BY subject, day
                """, arguments: [team, metric, from.description, to.description]) {
                out[row[0], default: [:]][row[1]] = row[2]
            }
            return out
        }
    }

    /// The products with units recorded on any day of [from, to].
    public func products(from: CivilDate, to: CivilDate) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT substr(metric, 7) FROM daily_totals WHERE metric LIKE 'units:%' AND day >= ? AND day <= ?",
                                arguments: [from.description, to.description])
        }
    }
}
