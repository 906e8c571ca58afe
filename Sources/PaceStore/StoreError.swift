import GRDB
import PaceCore

/// A failure of the event store, with a stable `code`, a `message` a person can act
/// on, and, for SQLite failures, the SQL that failed.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The id was used before for an event with other content.
        case idConflict = "id_conflict"
        /// A referenced event does not exist.
        case notFound = "not_found"
        /// The event was voided already.
        case alreadyVoided = "already_voided"
        /// The referenced event cannot be voided (it is a void itself, or belongs to someone else).
        case cannotVoid = "cannot_void"
        /// Another process holds the database.
        case locked = "database_locked"
        /// The database could not be opened, migrated or written.
        case database = "database_error"
        /// The store is shutting down and takes no more appends.
        case closed = "store_closed"
        /// A stored event of a known type cannot be decoded (damage, or a bug).
        case unreadable = "unreadable_event"
        /// Another connection holds a lock for longer than the busy timeout; retry.
        case busy = "database_busy"
        /// The disk (or the database's size limit) is full; nothing was recorded.
        case full = "disk_full"
    }

    public var code: Code
    public var message: String
    public var sql: String?

    public init(_ code: Code, _ message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The id is taken by an event with other content (or one the caller may not
    /// read). The message reveals nothing of that event, and never advises a step
    /// that would record a retried event twice.
    public static func idTaken(_ id: EventID) -> StoreError {
        StoreError(.idConflict, "The id \(id) is already taken by a different event, so nothing was recorded. "
            + "Repeating a command with its --id is safe only when every other option is the same; for a new event, use a new id.")
    }

    /// A failed write, by SQLite's primary result code: busy or locked (retry),
    /// full (free space), or any other failure. Nothing of the group was recorded.
    static func writing(_ e: DatabaseError) -> StoreError {
        let detail = e.message ?? "\(e)"
        switch e.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "The database is busy (\(detail)); nothing was recorded. Retry with the same id in a moment.", sql: e.sql)
        case .SQLITE_FULL:
            return StoreError(.full, "The disk holding the database is full; nothing was recorded. Free some space, then retry with the same id.", sql: e.sql)
        default:
            return StoreError(.database, "The events could not be stored: \(detail). Nothing was recorded; retry with the same id.", sql: e.sql)
        }
    }

    public var description: String { sql.map { "\(message) (SQL: \($0))" } ?? message }
}
