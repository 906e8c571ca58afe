import Synchronization

/// Counts the open connections of each uid and refuses more than `perUser`, so one
/// local user holding idle connections cannot use up paced's file descriptors and
/// shut everyone else out. Root is counted but not capped.
final class ConnectionLimiter: Sendable {
    let perUser: Int
    private let state = Mutex<(open: [UInt32: Int], warned: Set<UInt32>)>(([:], []))

    init(perUser: Int) { self.perUser = perUser }

    enum Answer: Equatable {
        case granted
        /// Refused; `firstTime` is true once per run of refusals, so the log says it once.
        case refused(firstTime: Bool)
    }

    /// Takes a slot for `uid`, unless it has `perUser` open already.
    func acquire(_ uid: UInt32) -> Answer {
        state.withLock { s in
            let n = s.open[uid, default: 0]
            guard uid == 0 || n < perUser else { return .refused(firstTime: s.warned.insert(uid).inserted) }
            s.open[uid] = n + 1
            return .granted
        }
    }

    func release(_ uid: UInt32) {
        state.withLock { s in
            let n = s.open[uid, default: 1] - 1
            s.open[uid] = n > 0 ? n : nil
            s.warned.remove(uid)
        }
    }
}
