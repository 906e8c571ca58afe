import PaceCore
import PaceStore
import Synchronization

/// paced's idea of now (UTC instants, millisecond resolution).
///
/// Normally the system clock. For tests only (`paced --test-clock`, refused unless
/// `PACED_ALLOW_TEST_CLOCK=1` is set), a clock that starts at a chosen instant, runs
/// at the system clock's rate, and can be moved forward with `POST /v1/test/clock`,
/// so a test runs days of slip boundaries in seconds.
public final class DaemonClock: Sendable {
    /// The environment variable that must be `1` for `--test-clock` to be accepted.
    public static let testEnvironmentVariable = "PACED_ALLOW_TEST_CLOCK"

    /// Whether this is a test clock (and `POST /v1/test/clock` exists).
    public let isTest: Bool
    /// Milliseconds added to the system clock.
    private let offset: Mutex<Int64>

    /// The system clock.
    public init() {
        isTest = false
        offset = Mutex(0)
    }

    /// A test clock that reads `start` now.
    public init(testStart start: Timestamp) {
        isTest = true
        offset = Mutex(start.milliseconds - DaemonClock.system().milliseconds)
    }

    public func now() -> Timestamp {
        let o = offset.withLock { $0 }
        return Timestamp(milliseconds: DaemonClock.system().milliseconds + o)
    }

    /// Moves a test clock forward to `instant`. Returns false (and changes nothing)
    /// for the system clock or an instant before now: time does not run backwards.
    public func advance(to instant: Timestamp) -> Bool {
        guard isTest else { return false }
        return offset.withLock { o in
            let now = DaemonClock.system().milliseconds + o
            guard instant.milliseconds >= now else { return false }
            o += instant.milliseconds - now
            return true
        }
    }

    static func system() -> Timestamp { EventRecorder.systemClock() }
}
