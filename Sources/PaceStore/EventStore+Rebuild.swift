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
        try rebuild(deletingInRangesOf: Self.rebuildDeleteRange, attributor: attributor)
    }

    /// ``rebuild(attributor:)``, deleting `event_attribution` `range` seqs a statement.
    func rebuild(deletingInRangesOf range: Int, attributor: @escaping (Organization) -> any Attributor) throws -> Int64 {
        do {
            return try pool.write { db in
                for table in ["daily_totals", "team_daily_totals", "customers", "voided", "checkpoints"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
                // With foreign keys on, SQLite does not truncate a table that has one: it
                // deletes row by row and keeps every rowid of the statement in memory (24 MB
                // for 1M events, most of a rebuild's peak). In ranges of seq it keeps one range's.
                let lastAttributed = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event_attribution") ?? 0
                let deleteRange = try db.makeStatement(sql: "DELETE FROM event_attribution WHERE seq > ? AND seq <= ?")
                for start in stride(from: Int64(0), to: lastAttributed, by: range) {
                    try deleteRange.execute(arguments: [start, start + Int64(range)])
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

    /// How many seqs of `event_attribution` one statement of a rebuild deletes.
    static let rebuildDeleteRange = 50_000

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
}
