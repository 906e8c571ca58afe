import Foundation
import GRDB
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
                revenue[l.product, default: 0].add(saturating: l.amount.minorUnits)
                units[l.product, default: 0].add(saturating: Int64(l.quantity))
            }
            // Products in one normalised form (see ``CustomerKey/metric(_:)``), summed.
            var byKey: [String: Int64] = [:]
            func add(_ name: String, _ v: Int64) {
                let key = CustomerKey.metric(name)
                byKey[key, default: 0].add(saturating: v)
            }
            for (p, v) in revenue { add("revenue:\(p)", v) }
            for (p, v) in units { add("units:\(p)", v) }
            for (k, v) in byKey.sorted(by: { $0.key < $1.key }) { out.append((k, v)) }
        }
        return out
    }

    /// What one writer group adds to `daily_totals` and `team_daily_totals`, summed in
    /// memory and written once per row at the end of the group (``flush(_:)``): an
    /// order touches up to a dozen totals, and many events of a group share a day.
    /// Nothing in the writer's transaction reads these tables, so the sums may wait.
    struct Totals {
        struct Key: Hashable { var subject: String; var team: String; var metric: String; var day: String }
        private(set) var subjects: [Key: Int64] = [:]

        mutating func add(subject: String, team: String, metric: String, day: String, _ delta: Int64) {
            guard delta != 0 else { return }
            let key = Key(subject: subject, team: team, metric: metric, day: day)
            subjects[key, default: 0].add(saturating: delta)
        }

        /// Writes every summed change; a total that comes back to 0 is deleted.
        func flush(_ db: Database) throws {
            // Through RawStatement: a group of an import writes a thousand totals or more.
            try Self.write(subjects, upsert: RawStatement(db.cachedStatement(sql: """
                INSERT INTO daily_totals (subject, team, metric, day, value) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (subject, team, metric, day) DO UPDATE SET value = \(saturatingSum("value", "excluded.value"))
                RETURNING value
                """)), delete: RawStatement(db.cachedStatement(sql: "DELETE FROM daily_totals WHERE subject = ? AND team = ? AND metric = ? AND day = ?"))) { k, s in
                try s.bind(k.subject, at: 1)
                try s.bind(k.team, at: 2)
                try s.bind(k.metric, at: 3)
                try s.bind(k.day, at: 4)
                return 5
            }
            // The team's own total of the day, the sum over its subjects.
            struct TeamKey: Hashable { var team: String; var metric: String; var day: String }
            var teams: [TeamKey: Int64] = [:]
            for (k, v) in subjects {
                let t = TeamKey(team: k.team, metric: k.metric, day: k.day)
                teams[t, default: 0].add(saturating: v)
            }
            try Self.write(teams, upsert: RawStatement(db.cachedStatement(sql: """
                INSERT INTO team_daily_totals (team, metric, day, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (team, metric, day) DO UPDATE SET value = \(saturatingSum("value", "excluded.value"))
                RETURNING value
                """)), delete: RawStatement(db.cachedStatement(sql: "DELETE FROM team_daily_totals WHERE team = ? AND metric = ? AND day = ?"))) { k, s in
                try s.bind(k.team, at: 1)
                try s.bind(k.metric, at: 2)
                try s.bind(k.day, at: 3)
                return 4
            }
        }

        /// Adds each non-zero sum to its row and deletes a row that comes back to 0.
        /// `bind` binds a key's columns to `upsert` or `delete` (from parameter 1) and
        /// returns the next parameter's index; `upsert` takes the sum there and returns
        /// the row's new value.
        private static func write<K>(_ sums: [K: Int64], upsert: RawStatement, delete: RawStatement,
                                     bind: (K, RawStatement) throws -> Int32) throws {
            for (k, v) in sums where v != 0 {
                try upsert.bind(v, at: try bind(k, upsert))
                guard try upsert.step() else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the upsert returned no value", sql: upsert.statement.sql)
                }
                let value = upsert.int64(0)
                _ = try upsert.step()
                if value == 0 {
                    _ = try bind(k, delete)
                    try delete.execute()
                }
            }
        }
    }

    /// SQL for `a + b` clamped to the range of INTEGER: SQLite turns an overflowing
    /// integer sum into a REAL, which min/max bring back to the bound.
    static func saturatingSum(_ a: String, _ b: String) -> String {
        "min(max(\(a) + \(b), -9223372036854775808), 9223372036854775807)"
    }

    /// The customer account an order or payment moves, and by how much (what the
    /// customer owes: orders +, payments -); nil for other events.
    static func account(of payload: EventPayload, team: String, memo: CustomerKey.Memo? = nil) -> (key: String, name: String, amount: Int64)? {
        func key(_ name: String) -> String { memo?.account(team: team, name: name) ?? CustomerKey.account(team: team, name: name) }
        switch payload {
        case .order(let o): return (key(o.customer), o.customer, o.amount.minorUnits)
        case .payment(let p): return (key(p.customer), p.customer, -p.amount.minorUnits)
        default: return nil
        }
    }

    /// Applies a newly stored activity event; returns the team it counted for ("" for none).
    @discardableResult
    static func apply(seq: Int64, subject: String, occurredAt: Timestamp, payload: EventPayload, db: Database, attributor: any Attributor,
                      totals: inout Totals) throws -> String {
        let (team, date) = attributor.attribute(subject: subject, at: occurredAt)
        let day = date.description
        let account = account(of: payload, team: team)
        let attribution = try RawStatement(db.cachedStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer, amount) VALUES (?, ?, ?, ?, ?)"))
        try attribution.bind(seq, at: 1)
        try attribution.bind(team, at: 2)
        try attribution.bind(day, at: 3)
        try attribution.bind(account?.key, at: 4)
        try attribution.bind(account?.amount, at: 5)
        try attribution.execute()
        for (metric, value) in contributions(of: payload) {
            totals.add(subject: subject, team: team, metric: metric, day: day, value)
        }
        if let account {
            let ordered = max(account.amount, 0), paid = max(-account.amount, 0)
            // Whether this event can change the account's first order or owner: only when
            // the account has no owner yet, when it is an order and the account has none,
            // or when it is an order earlier than the first. Otherwise the settling (which
            // reads the account's events) is skipped: the common case costs one lookup.
            let known = try RawStatement(db.cachedStatement(sql: "SELECT first_at, owner FROM customers WHERE key = ?"))
            try known.bind(account.key, at: 1)
            var firstAt: Int64?, owner: String?
            if try known.step() {
                (firstAt, owner) = (known.integer(0), known.text(1))
                _ = try known.step()
            }
            let unsettled = owner == nil || (account.amount >= 0 && (firstAt.map { occurredAt.milliseconds < $0 } ?? true))
            let upsert = try RawStatement(db.cachedStatement(sql: """
                INSERT INTO customers (key, team, name, ordered, paid) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET ordered = \(saturatingSum("ordered", "excluded.ordered")),
                                                paid = \(saturatingSum("paid", "excluded.paid"))
                """))
            try upsert.bind(account.key, at: 1)
            try upsert.bind(team, at: 2)
            try upsert.bind(account.name, at: 3)
            try upsert.bind(ordered, at: 4)
            try upsert.bind(paid, at: 5)
            try upsert.execute()
            if unsettled { try settleOwner(of: account.key, db: db, totals: &totals) }
        }
        return team
    }

    /// Takes a voided activity event's contribution back out, from where it was added.
    static func revert(_ target: StoredEvent, db: Database, totals: inout Totals) throws {
        guard activityTypes.contains(target.type), let type = EventType(rawValue: target.type),
              let payload = try? EventPayload(type: type, json: target.data),
              let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT team, day, customer, amount FROM event_attribution WHERE seq = ?"), arguments: [target.seq])
        else { return }
        let team: String = row[0], day: String = row[1]
        for (metric, value) in contributions(of: payload) {
            totals.add(subject: target.subject, team: team, metric: metric, day: day, -value)
        }
        if let key: String = row[2], let amount: Int64 = row[3] {
            try db.cachedStatement(sql: """
                UPDATE customers SET ordered = \(saturatingSum("ordered", "?")), paid = \(saturatingSum("paid", "?")) WHERE key = ?
                """).execute(arguments: [-max(amount, 0), -max(-amount, 0), key])
            try settleOwner(of: key, db: db, totals: &totals)
        }
    }

    /// The non-voided event of `type` in the account `key` that happened first
    /// (`byRecording` false: earliest occurred_at, then lowest seq) or was recorded
    /// first (`byRecording` true: lowest seq).
    ///
    /// `CROSS JOIN` keeps the account's own rows as the outer loop: left to itself,
    /// SQLite walks every order of the log in time order (`events_type_occurred`)
    /// looking for this account's first, which made each order cost O(log size).
    private static func first(_ type: EventType, of key: String, byRecording: Bool = false, db: Database) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.seq, e.subject, e.occurred_at, a.team, a.day FROM event_attribution a
            CROSS JOIN events e ON e.seq = a.seq LEFT JOIN voided x ON x.event_seq = a.seq
            WHERE a.customer = ? AND e.type = ? AND x.event_seq IS NULL
            ORDER BY \(byRecording ? "e.seq" : "e.occurred_at, e.seq") LIMIT 1
            """), arguments: [key, type.rawValue])
    }

    /// Makes `customers.first_*` the account's earliest non-voided order and moves the
    /// `customers.new` count to that order's subject, team and day. The owner is whoever
    /// recorded the account's first non-voided order (else payment): a back-dated order
    /// counts as the customer's first order, but takes no customer from its owner.
    static func settleOwner(of key: String, db: Database, totals: inout Totals) throws {
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT first_seq FROM customers WHERE key = ?"), arguments: [key])
        let currentSeq: Int64? = current?[0]
        let firstOrder = try first(.order, of: key, db: db)
        let firstSeq: Int64? = firstOrder?[0]
        if firstSeq != currentSeq {
            if let currentSeq, let old = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT e.subject, a.team, a.day FROM events e JOIN event_attribution a ON a.seq = e.seq WHERE e.seq = ?
                """), arguments: [currentSeq]) {
                totals.add(subject: old[0], team: old[1], metric: Metric.customersNew.name, day: old[2], -1)
            }
            if let f = firstOrder {
                totals.add(subject: f[1], team: f[3], metric: Metric.customersNew.name, day: f[4], 1)
            }
        }
        let owner: String? = try first(.order, of: key, byRecording: true, db: db)?[1] ?? first(.payment, of: key, byRecording: true, db: db)?[1]
        try db.cachedStatement(sql: "UPDATE customers SET first_seq = ?, first_at = ?, owner = ? WHERE key = ?")
            .execute(arguments: [firstSeq, firstOrder.map { $0[2] as Int64 }, owner, key])
    }
}
