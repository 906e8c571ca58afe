import GRDB
import PaceCore

extension EventStore {
    /// Every event of `types` that has not been voided, in log order (of everyone, or
    /// of the `subjects` listed): what an in-memory projection replays at start-up, and
    /// what a person's plans, reviews and goal plans are read from.
    public func replay(types: [EventType], subjects: [String]? = nil) throws -> [StoredEvent] {
        var args: [any DatabaseValueConvertible] = types.map(\.rawValue)
        var sql = """
            SELECT \(StoredEvent.columns) FROM \(StoredEvent.joins)
            WHERE e.type IN (\(types.map { _ in "?" }.joined(separator: ","))) AND x.event_seq IS NULL
            """
        if let subjects {
            sql += " AND e.subject IN (\(subjects.map { _ in "?" }.joined(separator: ",")))"
            args += subjects
        }
        return try read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY e.seq", arguments: StatementArguments(args)).map(StoredEvent.init(row:))
        }
    }

    /// Non-voided events of `types` that occurred in [from, to), for all subjects or those listed.
    public func events(types: [EventType], subjects: [String]?, from: Timestamp, to: Timestamp) throws -> [StoredEvent] {
        var args: [any DatabaseValueConvertible] = types.map(\.rawValue)
        var sql = """
            SELECT \(StoredEvent.columns) FROM \(StoredEvent.joins)
            WHERE e.type IN (\(types.map { _ in "?" }.joined(separator: ","))) AND x.event_seq IS NULL
              AND e.occurred_at >= ? AND e.occurred_at < ?
            """
        args += [from.milliseconds, to.milliseconds]
        if let subjects {
            sql += " AND e.subject IN (\(subjects.map { _ in "?" }.joined(separator: ",")))"
            args += subjects
        }
        return try read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY e.occurred_at, e.seq", arguments: StatementArguments(args)).map(StoredEvent.init(row:))
        }
    }
}
