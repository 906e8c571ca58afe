import Logging
import PaceCore
import PaceStore
import Synchronization

/// When each token was last used: kept in memory, written to the store at most once a
/// minute per token, so that a busy client does not write on every request.
public final class TokenUse: Sendable {
    private let store: EventStore
    private let recent = Mutex<[EventID: (at: Timestamp, written: Timestamp)]>([:])

    public init(store: EventStore) { self.store = store }

    public func last(_ id: EventID) -> Timestamp? { recent.withLock { $0[id]?.at } }

    /// Notes a use at `now`; writes it when the last write is a minute old.
    public func used(_ id: EventID, at now: Timestamp) {
        let write = recent.withLock { r -> Bool in
            let due = r[id].map { now.milliseconds - $0.written.milliseconds >= 60_000 } ?? true
            r[id] = (now, due ? now : r[id]!.written)
            return due
        }
        if write { try? store.recordTokenUse(id, at: now) }
    }
}
