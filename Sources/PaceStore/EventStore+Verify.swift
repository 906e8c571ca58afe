import Foundation
import GRDB
import PaceCore

/// What a full check of the log found.
public struct ChainReport: Sendable, Equatable {
    public var events: Int64
    public var headHash: [UInt8]
    /// The first seq whose hash does not follow from its content and its predecessor,
    /// or that breaks the 1, 2, 3... sequence.
    public var firstBadSeq: Int64?
    /// `PRAGMA integrity_check`'s answer: "ok" when sound.
    public var integrity: String
    /// Events of a known type whose data cannot be read (reads of them fail).
    public var unreadable: [Int64] = []

    public var ok: Bool { firstBadSeq == nil && integrity == "ok" && unreadable.isEmpty }
}

extension EventStore {
    /// Recomputes the hash chain over every event, in seq order, and runs SQLite's
    /// integrity check. Reads in one snapshot, so concurrent appends don't disturb it.
    public func verify() throws -> ChainReport {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            var previous = HashChain.genesis
            var expectedSeq: Int64 = 1
            var count: Int64 = 0
            var firstBad: Int64?
            var unreadable: [Int64] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(StoredEvent.columns) FROM \(StoredEvent.joins) ORDER BY e.seq")
            while let row = try rows.next() {
                count += 1
                let seq: Int64 = row[0]
                guard let e = try? StoredEvent(row: row) else {
                    if firstBad == nil { firstBad = seq }
                    continue
                }
                if (try? e.payload()) == nil && EventType(rawValue: e.type) != nil { unreadable.append(e.seq) }
                let recomputed = HashChain.hash(previous: previous, of: e)
                if firstBad == nil && (e.seq != expectedSeq || recomputed != e.hash) { firstBad = e.seq }
                previous = e.hash
                expectedSeq = e.seq + 1
            }
            return ChainReport(events: count, headHash: count == 0 ? [] : previous, firstBadSeq: firstBad, integrity: integrity, unreadable: unreadable)
        }
    }
}
