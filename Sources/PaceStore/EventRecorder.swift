import Dispatch
import Foundation
import GRDB
import PaceCore
import Synchronization

/// What an append did: stored a new event, or found the same event already stored
/// under that id (a retry) and returned it unchanged.
public enum AppendOutcome: Sendable, Equatable {
    case created(StoredEvent)
    case existing(StoredEvent)

    public var event: StoredEvent {
        switch self {
        case .created(let e), .existing(let e): e
        }
    }
}

/// The single writer of the event log, with group commit.
///
/// Appends from any number of tasks queue up here. One writer thread takes every
/// queued event, appends them all in one transaction (one fsync of the WAL with
/// `synchronous=FULL`), and only then answers each caller. While that commit runs,
/// new appends gather for the next group, so throughput grows with concurrency while
/// no caller is answered before its event is durable.
///
/// Projections written by the recorder (`voided`, the `checkpoints` row) are updated
/// in the same transaction as the events they come from.
public final class EventRecorder: Sendable {
    private struct Pending {
        var event: NewEvent
        var reply: Reply
    }

    /// Who waits for a pending event: one caller, or a batch answered once all its
    /// events are (a batch may span groups).
    private enum Reply {
        case one(CheckedContinuation<AppendOutcome, any Error>)
        case batch(BatchReply, index: Int)

        func resume(with result: Result<AppendOutcome, any Error>) {
            switch self {
            case .one(let c): c.resume(with: result)
            case .batch(let b, let index): b.set(index, result)
            }
        }
    }

    /// The results of one ``append(contentsOf:)``, filled by the writer thread.
    private final class BatchReply: Sendable {
        private struct Results {
            var results: [Result<AppendOutcome, any Error>?]
            var remaining: Int
        }
        private let state: Mutex<Results>
        private let continuation: CheckedContinuation<[Result<AppendOutcome, any Error>], Never>

        init(count: Int, continuation: CheckedContinuation<[Result<AppendOutcome, any Error>], Never>) {
            state = Mutex(Results(results: Array(repeating: nil, count: count), remaining: count))
            self.continuation = continuation
        }

        func set(_ index: Int, _ result: Result<AppendOutcome, any Error>) {
            let done = state.withLock { s -> [Result<AppendOutcome, any Error>]? in
                s.results[index] = result
                s.remaining -= 1
                return s.remaining == 0 ? s.results.map { $0! } : nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
        var closed = false
        /// When the group being committed was taken (monotonic ns), 0 when idle.
        var committingSince: UInt64 = 0
        /// The group being committed (empty when idle), until its callers are answered.
        var committing: [Pending] = []
        /// The ids of `pending` and `committing`, each with how many times it is there:
        /// ``isQueued(_:)`` without a scan of thousands of events (a batch's `after` asks
        /// every millisecond it waits, under the lock the writer needs too).
        var queuedIDs: [EventID: Int] = [:]
    }

    /// Upper bound on the events in one transaction, so one huge burst cannot hold
    /// the write lock for long.
    public static let maxGroup = 4096

    private let store: EventStore
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "pace.recorder")
    private let clock: @Sendable () -> Timestamp
    private let attributor: @Sendable () -> any Attributor
    private let observer: (@Sendable (CommitStats) -> Void)?

    /// One committed group, for metrics: its size, what was still queued behind it, and
    /// how long its transaction took.
    public struct CommitStats: Sendable {
        public var events: Int
        public var queued: Int
        public var seconds: Double
    }

    /// - Parameter attributor: where activity events count now (their subject's team
    ///   and local day); asked once per group.
    public init(store: EventStore, clock: @escaping @Sendable () -> Timestamp = EventRecorder.systemClock,
                attributor: @escaping @Sendable () -> any Attributor = { UTCAttributor() },
                observer: (@Sendable (CommitStats) -> Void)? = nil) {
        self.store = store
        self.clock = clock
        self.attributor = attributor
        self.observer = observer
    }

    public static let systemClock: @Sendable () -> Timestamp = {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Appends `event` and returns once it is durable (or was already stored).
    /// Throws ``StoreError`` for conflicts, bad void targets, or a failed commit.
    public func append(_ event: NewEvent) async throws -> AppendOutcome {
        try await withCheckedThrowingContinuation { continuation in
            if !enqueue([Pending(event: event, reply: .one(continuation))]) {
                continuation.resume(throwing: Self.closedError)
            }
        }
    }

    /// Appends `events` in order, queued together so that they commit in as few groups
    /// as possible (one, up to ``maxGroup``), and returns each one's result in the same
    /// order: a refusal of one (conflict, bad void) leaves the others as they are.
    /// Callers that need all-or-nothing check the batch first (``EventStore/events(ids:)``).
    public func append(contentsOf events: [NewEvent]) async -> [Result<AppendOutcome, any Error>] {
        guard !events.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            let reply = BatchReply(count: events.count, continuation: continuation)
            let pending = events.enumerated().map { Pending(event: $1, reply: .batch(reply, index: $0)) }
            if !enqueue(pending) {
                for i in events.indices { reply.set(i, .failure(Self.closedError)) }
            }
        }
    }

    private static let closedError = StoreError(.closed, "paced is shutting down and takes no more events. Retry with the same id once it is back.")

    /// Queues `pending` and starts the writer if it is idle; false once closed.
    private func enqueue(_ pending: [Pending]) -> Bool {
        let start = state.withLock { s -> Bool? in
            if s.closed { return nil }
            s.pending.append(contentsOf: pending)
            for p in pending { s.queuedIDs[p.event.id, default: 0] += 1 }
            if s.draining { return false }
            s.draining = true
            return true
        }
        switch start {
        case nil: return false
        case true?: queue.async { self.drain() }
        case false?: break
        }
        return true
    }

    /// Stops taking appends and waits until every queued group is committed and answered.
    public func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
    }

    /// How long the group now being committed has taken, in seconds (0 when idle):
    /// the watchdog's measure of a stuck writer.
    public var commitAge: Double {
        let since = state.withLock { $0.committingSince }
        return since == 0 ? 0 : Double(DispatchTime.now().uptimeNanoseconds - since) / 1e9
    }

    /// The number of groups committed and events appended so far (for status and benchmarks).
    public var counters: (groups: Int, events: Int) { stats.withLock { ($0.groups, $0.events) } }
    private let stats = Mutex<(groups: Int, events: Int)>((0, 0))

    private func drain() {
        while true {
            let (group, queued): ([Pending], Int) = state.withLock { s in
                if s.pending.isEmpty {
                    s.draining = false
                    return ([], 0)
                }
                let n = min(s.pending.count, EventRecorder.maxGroup)
                let g = Array(s.pending.prefix(n))
                s.pending.removeFirst(n)
                s.committingSince = DispatchTime.now().uptimeNanoseconds
                s.committing = g
                return (g, s.pending.count)
            }
            if group.isEmpty { return }
            let started = DispatchTime.now().uptimeNanoseconds
            let results = commit(group.map(\.event))
            observer?(CommitStats(events: group.count, queued: queued, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
            for (p, r) in zip(group, results) { p.reply.resume(with: r) }
            // Only now: an event stays "queued" until it is stored (or refused) and answered.
            state.withLock { s in
                s.committingSince = 0
                s.committing = []
                for p in group {
                    if let n = s.queuedIDs[p.event.id], n > 1 { s.queuedIDs[p.event.id] = n - 1 } else { s.queuedIDs[p.event.id] = nil }
                }
            }
        }
    }

    /// Whether an event with this id waits to be written: queued, or in the group
    /// being committed. Once its commit has ended it is in the log (or was refused),
    /// and this is false.
    public func isQueued(_ id: EventID) -> Bool {
        state.withLock { $0.queuedIDs[id] != nil }
    }

    /// Appends `events` in one transaction. A per-event refusal (conflict, bad void)
    /// does not affect the others; a failed commit fails them all.
    private func commit(_ events: [NewEvent]) -> [Result<AppendOutcome, any Error>] {
        var results: [Result<AppendOutcome, any Error>] = []
        results.reserveCapacity(events.count)
        let now = clock()
        let attributor = attributor()
        do {
            try store.pool.write { db in
                results.removeAll(keepingCapacity: true)
                var head = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"))
                    .map { (seq: $0[0] as Int64, hash: [UInt8]($0[1] as Data)) } ?? (seq: 0, hash: HashChain.genesis)
                let firstSeq = head.seq
                var totals = Projection.Totals()
                for e in events {
                    results.append(try Self.appendOne(e, db: db, head: &head, now: now, attributor: attributor, totals: &totals))
                }
                try totals.flush(db)
                if head.seq != firstSeq {
                    try db.execute(sql: "INSERT OR REPLACE INTO checkpoints (projection, seq) VALUES ('projections', ?)", arguments: [head.seq])
                }
            }
            let created = results.reduce(0) { n, r in if case .success(.created) = r { n + 1 } else { n } }
            stats.withLock { $0.groups += 1; $0.events += created }
            return results
        } catch {
            let failure: any Error = (error as? DatabaseError).map(StoreError.writing) ?? error
            return events.map { _ in .failure(failure) }
        }
    }

    private static func appendOne(_ e: NewEvent, db: Database, head: inout (seq: Int64, hash: [UInt8]),
                                  now: Timestamp, attributor: any Attributor, totals: inout Projection.Totals) throws -> Result<AppendOutcome, any Error> {
        // Most appends are new: a probe of the id's index, then the whole event only if taken.
        let probe = try RawStatement(db.cachedStatement(sql: "SELECT 1 FROM events WHERE id = ?"))
        try probe.bind(e.id.text, at: 1)
        if try probe.hasRow(), let existing = try fetch(id: e.id, db: db) {
            if e.isSame(as: existing) { return .success(.existing(existing)) }
            // Says nothing of the stored event: the caller may not be allowed to read it.
            return .failure(StoreError.idTaken(e.id))
        }
        var voidTarget: StoredEvent?
        if e.type == .void {
            guard let targetID = e.voids, let target = try fetch(id: targetID, db: db) else {
                return .failure(StoreError(.notFound, "No event has the id \(e.voids?.text ?? "?"). See `pace history` for the ids of your events."))
            }
            if target.type == EventType.void.rawValue {
                return .failure(StoreError(.cannotVoid, "Event #\(target.seq) is itself a void; a void cannot be voided. Log the event again instead."))
            }
            if let by = target.voidedBy {
                return .failure(StoreError(.alreadyVoided, "Event #\(target.seq) was already voided by \(by)."))
            }
            if target.subject != e.subject {
                return .failure(StoreError(.cannotVoid, "Event #\(target.seq) counts for \(target.subject), not \(e.subject)."))
            }
            voidTarget = target
        }
        let seq = head.seq + 1
        let hash = HashChain.hash(previous: head.hash, seq: seq, id: e.id.text, type: e.type.rawValue, subject: e.subject,
                                  recordedBy: e.recordedBy, occurredAt: e.occurredAt.milliseconds,
                                  recordedAt: now.milliseconds, data: e.data)
        let insert = try RawStatement(db.cachedStatement(sql: """
            INSERT INTO events (seq, id, type, subject, recorded_by, occurred_at, recorded_at, data, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        try insert.bind(seq, at: 1)
        try insert.bind(e.id.text, at: 2)
        try insert.bind(e.type.rawValue, at: 3)
        try insert.bind(e.subject, at: 4)
        try insert.bind(e.recordedBy, at: 5)
        try insert.bind(e.occurredAt.milliseconds, at: 6)
        try insert.bind(now.milliseconds, at: 7)
        try insert.bind(e.data, at: 8)
        try insert.bind(hash, at: 9)
        try insert.execute()
        var team: String?
        if let voidTarget {
            try db.cachedStatement(sql: "INSERT INTO voided (event_seq, void_seq) VALUES (?, ?)")
                .execute(arguments: [voidTarget.seq, seq])
            try Projection.revert(voidTarget, db: db, totals: &totals)
        } else if Projection.activityTypes.contains(e.type.rawValue) {
            let payload = try e.payload ?? EventPayload(type: e.type, json: e.data)
            team = try Projection.apply(seq: seq, subject: e.subject, occurredAt: e.occurredAt, payload: payload, db: db, attributor: attributor, totals: &totals)
        }
        head = (seq, hash)
        var stored = StoredEvent(seq: seq, new: e, recordedAt: now, hash: hash)
        stored.team = team
        return .success(.created(stored))
    }

    private static func fetch(id: EventID, db: Database) throws -> StoredEvent? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(StoredEvent.columns) FROM \(StoredEvent.joins) WHERE e.id = ?"),
                         arguments: [id.text]).map(StoredEvent.init(row:))
    }
}
