import Synchronization

/// Counts the open connections of each uid and refuses more than `perUser`, so one
/// local user holding idle connections cannot use up paced's file descriptors and
/// shut everyone else out. Root is counted but not capped.
final class ConnectionLimiter: Sendable {
    let perUser: Int
    private let open = Mutex<[UInt32: Int]>([:])

    init(perUser: Int) { self.perUser = perUser }

    /// Takes a slot for `uid`; false when it has `perUser` open already.
    func acquire(_ uid: UInt32) -> Bool {
        open.withLock { counts in
            let n = counts[uid, default: 0]
            guard uid == 0 || n < perUser else { return false }
            counts[uid] = n + 1
            return true
        }
    }

    func release(_ uid: UInt32) {
        open.withLock { counts in
            let n = counts[uid, default: 1] - 1
            counts[uid] = n > 0 ? n : nil
        }
    }
}
