import GRDB
import PaceCore

extension EventStore {
    /// How far a background job has got (the `watermarks` table): nil before its first run.
    public func watermark(_ name: String) throws -> Timestamp? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT at FROM watermarks WHERE name = ?", arguments: [name]).map(Timestamp.init(milliseconds:))
        }
    }

    /// Moves a watermark to `at`. It only moves forward: an earlier `at` is ignored.
    public func advanceWatermark(_ name: String, to at: Timestamp) throws {
        do {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO watermarks (name, at) VALUES (?, ?)
                    ON CONFLICT (name) DO UPDATE SET at = max(at, excluded.at)
                    """, arguments: [name, at.milliseconds])
            }
        } catch let error as DatabaseError {
            throw StoreError(.database, "Cannot record the \(name) watermark: \(error.message ?? "\(error)")", sql: error.sql)
        }
    }

    /// Non-voided `slip` events that occurred at or after `since`, oldest first.
    public func slips(since: Timestamp, subjects: [String]? = nil) throws -> [StoredEvent] {
        try events(types: [.slip], subjects: subjects, from: since, to: Timestamp(milliseconds: Int64.max))
    }
}
