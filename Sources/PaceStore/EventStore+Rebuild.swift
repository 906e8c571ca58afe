import Foundation
import GRDB
import PaceCore

extension EventStore {
    /// Drops every projection and replays the whole log into them, in seq order, in
    /// one transaction: management events rebuild the organisation as it was at each
    /// point, so each activity event is attributed exactly as when it was recorded.
    ///
    /// The fields of activity events (customer, amount, kind, minutes, order lines) are
    /// taken out of their stored JSON by SQLite's JSON functions in the one pass over
    /// the log, not by Foundation's `JSONDecoder`, and built into payloads through the
    /// same checking initialisers; the few management events are decoded as before.
    /// Totals are summed in memory, keyed by interned names, and written once at the
    /// end. The result is the same rows the writer maintains, which a test checks after
    /// a random workload. An event whose data cannot be read is skipped, as the writer
    /// never stores one (`pace verify` counts them).
    ///
    /// - Parameter attributor: where events count for a given organisation.
    /// - Returns: the number of events replayed.
    @discardableResult
    public func rebuild(attributor: @escaping (Organization) -> any Attributor) throws -> Int64 {
        do {
            return try pool.write { db in
                for table in ["daily_totals", "team_daily_totals", "event_attribution", "customers", "voided", "checkpoints"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
                var replay = try ProjectionReplay(db: db, attributor: attributor)
                // One row per event, one per order line for orders with lines (consecutive).
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT e.seq, e.type, e.subject, e.occurred_at, CASE WHEN e.activity THEN NULL ELSE e.data END, e.ok,
                           CASE WHEN e.ok THEN e.data ->> '$.customer' END, CASE WHEN e.ok THEN e.data ->> '$.amount' END,
                           CASE WHEN e.ok THEN e.data ->> '$.kind' END, CASE WHEN e.ok THEN e.data ->> '$.minutes' END,
                           l.value ->> '$.product', l.value ->> '$.quantity', l.value ->> '$.amount'
                    FROM (SELECT seq, type, subject, occurred_at, data, type IN ('visit', 'call', 'payment', 'order') AS activity,
                                 type IN ('visit', 'call', 'payment', 'order') AND json_valid(data) AS ok FROM events) e
                    LEFT JOIN json_each(CASE WHEN e.type = 'order' AND e.ok THEN e.data ELSE '{}' END, '$.lines') l
                    ORDER BY e.seq
                    """)
                var event: ProjectionReplay.Event?
                while let row = try rows.next() {
                    let seq: Int64 = row[0]
                    if let e = event, e.seq == seq {
                        event?.addLine(row)
                        continue
                    }
                    if let e = event { try replay.apply(e) }
                    event = ProjectionReplay.Event(row: row)
                }
                if let e = event { try replay.apply(e) }
                try replay.finish()
                return replay.last
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
            for (table, order) in [("daily_totals", "subject, team, metric, day"), ("team_daily_totals", "team, metric, day"),
                                   ("event_attribution", "seq"), ("customers", "key"),
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
    /// Per local day, the sums of `metric` in [from, to] for `subject` (nil: everyone),
    /// counted for `team`, or for any of `teams` (nil: any team).
    public func dailyActuals(metric: String, subject: String?, team: String?, teams: Set<String>? = nil,
                             from: CivilDate, to: CivilDate) throws -> [String: Int64] {
        // Summed here, saturating: SQLite's sum() fails on an integer overflow.
        if subject == nil, teams == nil, let team {
            // A whole team: its own totals, a row a day.
            return try read { db in
                var out: [String: Int64] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT day, value FROM team_daily_totals WHERE team = ? AND metric = ? AND day >= ? AND day <= ?",
                                               arguments: [team, CustomerKey.metric(metric), from.description, to.description])
                while let row = try rows.next() { out[row[0]] = row[1] }
                return out
            }
        }
        var sql = "SELECT day, value FROM daily_totals WHERE metric = ? AND day >= ? AND day <= ?"
        var args: [any DatabaseValueConvertible] = [CustomerKey.metric(metric), from.description, to.description]
        if let subject { sql += " AND subject = ?"; args.append(subject) }
        if let team { sql += " AND team = ?"; args.append(team) }
        if let teams {
            sql += " AND team IN (\(teams.map { _ in "?" }.joined(separator: ",")))"
            args += teams.sorted()
        }
        return try read { db in
            var out: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try rows.next() {
                let day: String = row[0], value: Int64 = row[1]
                out[day] = out[day, default: 0].adding(saturating: value)
            }
            return out
        }
    }

    /// ``dailyActuals(metric:subject:team:teams:from:to:)`` of several subjects in one
    /// read: subject → `YYYY-MM-DD` → value (subjects with nothing are absent).
    public func dailyActuals(metric: String, subjects: [String], teams: Set<String>?, from: CivilDate, to: CivilDate) throws -> [String: [String: Int64]] {
        guard !subjects.isEmpty else { return [:] }
        var sql = "SELECT subject, day, value FROM daily_totals WHERE metric = ? AND day >= ? AND day <= ?"
            + " AND subject IN (\(subjects.map { _ in "?" }.joined(separator: ",")))"
        var args: [any DatabaseValueConvertible] = [CustomerKey.metric(metric), from.description, to.description]
        args += subjects
        if let teams {
            sql += " AND team IN (\(teams.map { _ in "?" }.joined(separator: ",")))"
            args += teams.sorted()
        }
        return try read { db in
            var out: [String: [String: Int64]] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try rows.next() {
                let subject: String = row[0], day: String = row[1], value: Int64 = row[2]
                out[subject, default: [:]][day] = out[subject]?[day, default: 0].adding(saturating: value) ?? value
            }
            return out
        }
    }
}

/// A row of the `customers` projection: one customer account of one team.
public struct CustomerRow: Sendable, Equatable {
    public var team: String
    public var name: String
    public var owner: String?
    public var firstOrderAt: Timestamp?
    /// Minor units.
    public var ordered: Int64
    public var paid: Int64
    /// What the customer owes (negative: what is owed to them, an advance or a refund due).
    public var balance: Int64 { ordered.subtracting(saturating: paid) }
}

/// Which customer accounts a view shows.
public enum CustomerScope: Sendable, Equatable {
    /// The accounts `user` owns, in any team (nil) or only in `teams`.
    case owner(String, teams: Set<String>?)
    /// Every account of a team.
    case team(String)
    case all
}

/// What is owed as of a day, from the per-customer balances: `receivables` sums the
/// accounts that owe (balance > 0), `credits` those owed money (balance < 0, as a
/// positive amount). One customer's credit never nets another's debt.
public struct Receivables: Sendable, Equatable {
    public var receivables: Int64
    public var credits: Int64
}

extension EventStore {
    /// The WHERE condition on `customers` (aliased `table`) for `scope`, and its arguments.
    private static func customerFilter(_ scope: CustomerScope, table: String = "customers") -> (sql: String, args: [any DatabaseValueConvertible]) {
        switch scope {
        case .owner(let user, let teams?):
            ("\(table).owner = ? AND \(table).team IN (\(teams.map { _ in "?" }.joined(separator: ",")))", [user] + teams.sorted())
        case .owner(let user, nil): ("\(table).owner = ?", [user])
        case .team(let team): ("\(table).team = ?", [team])
        case .all: ("1", [])
        }
    }

    /// Customer accounts with any money on them (orders or payments not voided), by name.
    public func customers(_ scope: CustomerScope) throws -> [CustomerRow] {
        let (filter, args) = Self.customerFilter(scope)
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT team, name, owner, first_at, ordered, paid FROM customers
                WHERE \(filter) AND (ordered != 0 OR paid != 0) ORDER BY key
                """, arguments: StatementArguments(args)).map { row in
                let at: Int64? = row[3]
                return CustomerRow(team: row[0], name: row[1], owner: row[2], firstOrderAt: at.map(Timestamp.init(milliseconds:)), ordered: row[4], paid: row[5])
            }
        }
    }

    /// Receivables and credits of the accounts in `scope` at the end of `day` (a local
    /// day of each account's team), from the orders and payments not voided.
    public func receivables(_ scope: CustomerScope, asOf day: CivilDate) throws -> Receivables {
        let (filter, args) = Self.customerFilter(scope, table: "c")
        return try read { db in
            var out = Receivables(receivables: 0, credits: 0)
            var balance: Int64 = 0
            var key: String?
            func close() {
                if balance > 0 { out.receivables = out.receivables.adding(saturating: balance) }
                if balance < 0 { out.credits = out.credits.subtracting(saturating: balance) }
                balance = 0
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.customer, a.amount FROM customers c JOIN event_attribution a ON a.customer = c.key
                LEFT JOIN voided x ON x.event_seq = a.seq
                WHERE \(filter)
                  AND a.day <= ? AND x.event_seq IS NULL
                ORDER BY a.customer
                """, arguments: StatementArguments(args + [day.description]))
            while let row = try rows.next() {
                let k: String = row[0], amount: Int64 = row[1]
                if k != key { close(); key = k }
                balance = balance.adding(saturating: amount)
            }
            close()
            return out
        }
    }

    /// Per subject and local day, the sums of `metric` counted for `team` in [from, to].
    public func teamActuals(metric: String, team: String, from: CivilDate, to: CivilDate) throws -> [String: [String: Int64]] {
        try read { db in
            var out: [String: [String: Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT subject, day, value FROM daily_totals WHERE team = ? AND metric = ? AND day >= ? AND day <= ?
                """, arguments: [team, CustomerKey.metric(metric), from.description, to.description]) {
                let subject: String = row[0], day: String = row[1], value: Int64 = row[2]
                out[subject, default: [:]][day] = out[subject, default: [:]][day, default: 0].adding(saturating: value)
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
