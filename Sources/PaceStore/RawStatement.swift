import GRDB
import GRDBSQLite

/// A thin typed layer over SQLite's C API for one of GRDB's prepared statements, for
/// the rebuild's million-row loops and the writer's per-event statements, where GRDB's
/// `Row` decoding and `StatementArguments` boxing cost more than SQLite itself.
///
/// Column reads say how they treat storage classes: ``text(_:)`` is a string only for
/// a TEXT value and ``integer(_:)`` an integer only for an INTEGER value (nil for any
/// other, as GRDB's `String.fromDatabaseValue` and `Int64.fromDatabaseValue`), while
/// ``string(_:)`` converts any value but NULL to text, as GRDB's `row[i] as String`.
/// Binds throw SQLite's error. Indexes are 0-based for columns, as in SQLite, and
/// 1-based for parameters. Not thread-safe: one thread at a time, on the connection
/// that prepared the statement.
struct RawStatement {
    let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// Steps to the next row: true for a row, false when done; throws SQLite's error
    /// (the statement is reset after done or an error).
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return false
        case let code:
            throw failure(code)
        }
    }

    /// Runs a statement that returns no rows (after binding), then resets it.
    func execute() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(handle)
    }

    /// Whether the statement (after binding) returns a row; leaves it reset.
    func hasRow() throws -> Bool {
        let found = try step()
        if found { sqlite3_reset(handle) }
        return found
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    // MARK: columns of the current row

    /// The column as an integer, whatever its storage class (for NOT NULL INTEGER columns).
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// The column's integer, nil unless its value is an INTEGER.
    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_INTEGER ? sqlite3_column_int64(handle, column) : nil
    }

    /// The column's text (UTF-8, invalid bytes repaired), nil unless its value is TEXT.
    func text(_ column: Int32) -> String? {
        sqlite3_column_type(handle, column) == SQLITE_TEXT ? string(column) : nil
    }

    /// The column's value as text (SQLite's conversion of a number or blob), nil for NULL.
    func string(_ column: Int32) -> String? {
        withText(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// `body` of the column's value as text (SQLite's bytes, valid only during `body`;
    /// a number or blob converted), nil for NULL.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return body(UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))))
    }

    // MARK: parameters

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Int64?, at index: Int32) throws {
        try check(value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
    }

    /// Binds a string; SQLite copies its bytes.
    func bind(_ value: String?, at index: Int32) throws {
        guard var value else {
            try check(sqlite3_bind_null(handle, index))
            return
        }
        let code = value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // A nil pointer would bind NULL: the empty string gets a literal's.
                if let base = chars.baseAddress, !chars.isEmpty {
                    sqlite3_bind_text(handle, index, base, Int32(chars.count), RawStatement.transient)
                } else {
                    sqlite3_bind_text(handle, index, "", 0, RawStatement.transient)
                }
            }
        }
        try check(code)
    }

    /// Binds bytes as a BLOB; SQLite copies them.
    func bind(_ bytes: [UInt8], at index: Int32) throws {
        let code = bytes.withUnsafeBytes { raw in
            // A nil pointer would bind NULL: no bytes get a zero-length blob.
            raw.isEmpty ? sqlite3_bind_zeroblob(handle, index, 0)
                : sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), RawStatement.transient)
        }
        try check(code)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)), sql: statement.sql)
        }
    }

    /// SQLite's SQLITE_TRANSIENT: copy the bound bytes before returning.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
