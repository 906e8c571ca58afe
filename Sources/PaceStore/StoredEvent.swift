import Foundation
import GRDB
import PaceCore

/// A row of the `events` table, plus the id of the void that took it back, if any.
public struct StoredEvent: Sendable, Equatable {
    public var seq: Int64
    public var id: EventID
    /// Raw type name; readers turn it into `EventType` (it may be newer than this binary).
    public var type: String
    public var subject: String
    public var recordedBy: String
    public var occurredAt: Timestamp
    public var recordedAt: Timestamp
    public var data: String
    public var hash: [UInt8]
    public var voidedBy: EventID?
    /// Activity events: the team the event counted for when it happened (its subject's
    /// team on that local day, "" for none), from `event_attribution`. nil for other types.
    public var team: String?

    static let columns = "e.seq, e.id, e.type, e.subject, e.recorded_by, e.occurred_at, e.recorded_at, e.data, e.hash, v.id, a.team"
    static let joins = """
        events e LEFT JOIN voided x ON x.event_seq = e.seq LEFT JOIN events v ON v.seq = x.void_seq \
        LEFT JOIN event_attribution a ON a.seq = e.seq
        """

    /// An event as stored, for callers that hold one already (the application layer's tests).
    public init(seq: Int64, id: EventID, type: String, subject: String, recordedBy: String, occurredAt: Timestamp, recordedAt: Timestamp,
                data: String, hash: [UInt8], voidedBy: EventID?, team: String?) {
        self.seq = seq
        self.id = id
        self.type = type
        self.subject = subject
        self.recordedBy = recordedBy
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.data = data
        self.hash = hash
        self.voidedBy = voidedBy
        self.team = team
    }

    init(row: Row) throws {
        seq = row[0]
        id = try EventID(parsing: row[1])
        type = row[2]
        subject = row[3]
        recordedBy = row[4]
        occurredAt = Timestamp(milliseconds: row[5])
        recordedAt = Timestamp(milliseconds: row[6])
        data = row[7]
        let blob: Data = row[8]
        hash = [UInt8](blob)
        let voided: String? = row[9]
        voidedBy = try voided.map(EventID.init(parsing:))
        team = row[10]
    }

    init(seq: Int64, new e: NewEvent, recordedAt: Timestamp, hash: [UInt8]) {
        self.seq = seq
        id = e.id
        type = e.type.rawValue
        subject = e.subject
        recordedBy = e.recordedBy
        occurredAt = e.occurredAt
        self.recordedAt = recordedAt
        data = e.data
        self.hash = hash
        voidedBy = nil
        team = nil
    }
}

extension StoredEvent {
    /// The event's payload; nil for a type newer than this paced (it is kept and
    /// skipped). Throws ``StoreError`` (`unreadable`) when a known type's data cannot be
    /// read: a read path must not skip it silently and answer with wrong figures.
    public func payload() throws -> EventPayload? {
        guard let type = EventType(rawValue: self.type) else { return nil }
        do {
            return try EventPayload(type: type, json: data)
        } catch {
            throw StoreError(.unreadable, "Event #\(seq) (\(self.type)) cannot be read: \(error). Run `pace verify`; restore the database from a backup if the log was damaged.")
        }
    }
}
