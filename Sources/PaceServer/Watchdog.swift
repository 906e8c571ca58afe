import CSystemd
import Logging
import ServiceLifecycle

/// Pings systemd's watchdog (WATCHDOG=1) at half of `WatchdogSec`, but only while
/// paced is healthy: the writer has not been stuck on one commit, and the slip
/// scheduler is running and not stuck in one check, for longer than `WatchdogSec`.
/// When either is stuck the pings stop and systemd restarts paced, as the unit asks.
struct Watchdog: Service {
    /// WatchdogSec, in seconds.
    let interval: Double
    /// nil when healthy, else what is wrong.
    let problem: @Sendable (_ limitSeconds: Double) -> String?
    let logger: Logger

    /// The interval systemd asked for ($WATCHDOG_USEC for this process), or nil.
    static func requestedInterval() -> Double? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return Double(usec) / 1e6
    }

    func run() async throws {
        var wasFailing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let problem = problem(interval) {
                if !wasFailing { logger.error("Withholding the watchdog ping: \(problem)") }
                wasFailing = true
            } else {
                SystemdNotifier.notify("WATCHDOG=1")
                if wasFailing { logger.notice("Healthy again; watchdog pings resume") }
                wasFailing = false
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int64(interval * 500))) }
        }
    }
}
