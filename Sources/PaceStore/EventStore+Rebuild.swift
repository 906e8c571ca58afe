import Foundation
import GRDB
import PaceCore

extension EventStore {
    /// Drops every projection and replays the whole log into them, in seq order, in
    /// one transaction: management events rebuild the organisation as it was at each
    /// point, so each activity event is attributed exactly as when it was recorded.
    ///
    /// The fields of activity events (customer, amount, kind, minutes, order lines) are
    /// read from their stored JSON's bytes as the log is read (``ActivityFields``, for
    /// the form paced writes), not by Foundation's `JSONDecoder`, and built into
    /// payloads through the same checking initialisers; an activity in any other form,
    /// and the few management events, are decoded as before. Totals are summed
    /// in memory, keyed by interned names, and written once at the end. The result is
    /// the same rows the writer maintains, which a test checks after a random workload.
    /// An event whose data cannot be read is skipped, as the writer never stores one
    /// (`pace verify` counts them).
    ///
    /// - Parameter attributor: where events count for a given organisation.
    /// - Returns: the number of events replayed.
    ///
    /// The transaction runs with foreign keys off (on again after it, whatever the
    /// outcome): every row it writes refers to an event read in the same pass, so they
    /// hold by construction. With them on, SQLite would not truncate `event_attribution`
    /// but delete it row by row, keeping every rowid in memory (24 MB of the peak for
    /// 1M events), and would look up the event of every row written (15% of the time).
    ///
    /// It also runs with `secure_delete` at `FAST` (as it was after it): Debian's SQLite
    /// is built with secure delete on, which zeroes every page the old projections free.
    /// Emptying them took 70 ms for 1M events with it, 18 ms with `FAST`. What they held
    /// is all in the log, which is never deleted.
    @discardableResult
    public func rebuild(attributor: @escaping @Sendable (Organization) -> any Attributor) throws -> Int64 {
        try rebuild(attributor: attributor, chunkSize: 1_024)
    }

    /// ``rebuild(attributor:)`` with the reader handing over `chunkSize` events at a time
    /// (tests use small chunks to cross many hand-overs).
    func rebuild(attributor: @escaping @Sendable (Organization) -> any Attributor, chunkSize: Int) throws -> Int64 {
        do {
            return try pool.writeWithoutTransaction { db in
                let secureDelete = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 1
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "PRAGMA secure_delete = FAST")
                let replayed = Result { try replayAll(db, attributor: attributor, chunkSize: chunkSize) }
                // The pragma reads 0, 1 or 2 but is set by name: "2" would set it on.
                try db.execute(sql: "PRAGMA secure_delete = \([0: "OFF", 2: "FAST"][secureDelete] ?? "ON")")
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                return try replayed.get()
            }
        } catch let error as DatabaseError {
            throw StoreError(.database, "Rebuilding the projections failed: \(error.message ?? "\(error)")", sql: error.sql)
        }
    }

    /// The page cache of both connections while the log is replayed: -256 is 256 KiB
    /// (SQLite's default is 2 MiB).
    private static let replayCacheSize = -256

    /// Empties the projections and replays the log into them, in one transaction.
    ///
    /// Two threads share the work: a reader (a connection of the pool's, on its own
    /// thread) runs the log's query, keeps the organisation, builds each activity's
    /// payload and says where it counts, and hands chunks of events to this, the
    /// writer's thread, which applies them in seq order and writes the rows. The writer holds
    /// the write lock from before the reader starts, so the reader's snapshot has every
    /// event there is. Whatever happens, the reader is stopped and waited for before
    /// the transaction ends, so its connection goes back to the pool.
    private func replayAll(_ db: Database, attributor: @escaping @Sendable (Organization) -> any Attributor, chunkSize: Int) throws -> Int64 {
        var last: Int64 = 0
        try db.inTransaction(.immediate) {
            let tables = ["daily_totals", "team_daily_totals", "event_attribution", "customers", "voided", "checkpoints"]
            for table in tables {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            // The tables' own indexes go while the rows are written and are made again
            // from their schema's SQL at the end: one sorted pass instead of an index
            // entry put in its place for each row (a million random inserts into
            // `event_attribution_customer`, whose pages no page cache holds).
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables.map { "'\($0)'" }.joined(separator: ", ")))
                """).map { (name: $0[0] as String, sql: $0[1] as String) }
            for index in indexes {
                try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)")
            }
            // Small page caches while the rows go in (the reader scans the log once; the
            // writer fills pages one after another): 1.5 MB less at paced's peak. The
            // connection's own size again before the indexes, whose sorts it bounds.
            var replay = try ProjectionReplay(db: db)
            try db.withCacheSize(Self.replayCacheSize) {
                // Two chunks in flight keep both threads busy; more only cost memory.
                let handover = Handover<[ReplayReader.Event]>(capacity: 2)
                let pool = self.pool
                Thread.detachNewThread {
                    do {
                        try pool.read { reader in
                            try reader.withCacheSize(Self.replayCacheSize) {
                                var replay = ReplayReader(attributor: attributor)
                                try replay.read(reader, chunkSize: chunkSize) { handover.put($0) }
                            }
                        }
                        handover.finish()
                    } catch {
                        handover.finish(error)
                    }
                }
                defer {
                    handover.cancel()
                    handover.waitUntilFinished()
                }
                while let chunk = try handover.take() {
                    for event in chunk { try replay.apply(event) }
                }
                try replay.finish()
            }
            for index in indexes {
                try db.execute(sql: index.sql)
            }
            last = replay.last
            return .commit
        }
        return last
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
}

private extension Database {
    /// Runs `body` with the connection's page cache at `size` (`PRAGMA cache_size`:
    /// pages when positive, KiB when negative), and its own size again after, whatever
    /// `body` does.
    func withCacheSize<T>(_ size: Int, _ body: () throws -> T) throws -> T {
        let own = try Int.fetchOne(self, sql: "PRAGMA cache_size") ?? -2000
        try execute(sql: "PRAGMA cache_size = \(size)")
        defer { try? execute(sql: "PRAGMA cache_size = \(own)") }
        return try body()
    }
}
