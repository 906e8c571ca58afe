import CPaceSQLite
import Foundation
import GRDB
import PaceCore

/// The SQLite database that holds the event log and its projections.
///
/// Opening it takes an exclusive lock (one paced per database), applies pending
/// migrations, and sets every connection to WAL with `synchronous=FULL`, so an
/// acknowledged event survives power loss. Reads may run concurrently with the
/// single writer (``EventRecorder``).
public final class EventStore: Sendable {
    public let path: String
    let pool: DatabasePool
    private let lock: DatabaseLock

    public init(path: String) throws {
        self.path = path
        _ = Self.sqliteSettingsApplied
        lock = try DatabaseLock(databasePath: path)
        var config = Configuration()
        config.busyMode = .timeout(10)
        // Two readers are plenty for a team server and keep memory down (each has its own page cache).
        config.maximumReaderCount = 2
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator().migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError(.database, "Cannot open the database \(path): \(error.message ?? "\(error)")", sql: error.sql)
        }
    }

    /// Whether the process's SQLite settings took: made once, before the first
    /// connection opens (paced asks first thing, and warns if not; a store opened first
    /// asks too). No memory statistics, so that connections on different threads (the
    /// writer and the readers; the rebuild's two threads) do not queue on SQLite's
    /// global memory mutex: SQLite's own advice for speed; nothing in Pace reads them.
    /// False when SQLite was in use before (`sqlite3_config` then refuses, changing
    /// nothing); Pace works the same, a little slower.
    public static let sqliteSettingsApplied: Bool = pace_sqlite_disable_memstatus() == 0

    /// Closes every connection. Appends after this fail.
    public func close() throws {
        try pool.close()
    }

    /// The number of events (seq is gap-free, so this is the last seq).
    public func count() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0 }
    }

    /// Whether the projections have applied every event (their checkpoint is the last
    /// seq). False after a migration that emptied them: replay with ``rebuild(attributor:)``.
    public func projectionsAreCurrent() throws -> Bool {
        try read { db in
            let last = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
            let checkpoint = try Int64.fetchOne(db, sql: "SELECT seq FROM checkpoints WHERE projection = 'projections'") ?? 0
            return last == checkpoint
        }
    }

    /// One event by id.
    public func event(id: EventID) throws -> StoredEvent? {
        try events(ids: [id])[id]
    }

    /// The stored events among `ids`, by id (ids not stored are absent), read in one
    /// read transaction: a batch's checks see one state of the log.
    public func events(ids: some Sequence<EventID>) throws -> [EventID: StoredEvent] {
        try read { db in
            // Most ids asked for are not stored (a batch of new events): a probe of the
            // id's index for each, and the whole event, with its joins, only for a hit.
            let probe = try RawStatement(db.cachedStatement(sql: "SELECT 1 FROM events WHERE id = ?"))
            let statement = try db.cachedStatement(sql: "SELECT \(StoredEvent.columns) FROM \(StoredEvent.joins) WHERE e.id = ?")
            var out: [EventID: StoredEvent] = [:]
            for id in ids where out[id] == nil {
                try probe.bind(id.text, at: 1)
                guard try probe.hasRow() else { continue }
                if let row = try Row.fetchOne(statement, arguments: [id.text]) { out[id] = try StoredEvent(row: row) }
            }
            return out
        }
    }

    /// A position in the newest-first history: the last event of a page, as
    /// (occurred_at in ms, seq). The next page starts strictly after it.
    public struct HistoryCursor: Sendable, Equatable {
        public var occurredAt: Int64
        public var seq: Int64
        public init(occurredAt: Int64, seq: Int64) { self.occurredAt = occurredAt; self.seq = seq }

        /// `OCCURRED_MS.SEQ`, opaque to clients.
        public var text: String { "\(occurredAt).\(seq)" }
        public init?(text: String) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let a = Int64(parts[0]), let b = Int64(parts[1]) else { return nil }
            self.init(occurredAt: a, seq: b)
        }
    }

    /// Events for `subject` (all subjects when nil), newest `occurred_at` first, at
    /// most `limit` of them, starting after `after` (a previous page's last event).
    public func history(subject: String?, since: Timestamp?, type: String?, after: HistoryCursor? = nil, limit: Int) throws -> [StoredEvent] {
        var clauses: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if let subject { clauses.append("e.subject = ?"); args.append(subject) }
        if let since { clauses.append("e.occurred_at >= ?"); args.append(since.milliseconds) }
        if let type { clauses.append("e.type = ?"); args.append(type) }
        if let after {
            clauses.append("(e.occurred_at < ? OR (e.occurred_at = ? AND e.seq < ?))")
            args += [after.occurredAt, after.occurredAt, after.seq]
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT \(StoredEvent.columns) FROM \(StoredEvent.joins) \(filter) ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ?"
        args.append(limit)
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(StoredEvent.init(row:))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError(.database, "Reading the database failed: \(error.message ?? "\(error)")", sql: error.sql)
        }
    }
}
