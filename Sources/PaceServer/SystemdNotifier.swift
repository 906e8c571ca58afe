import CSystemd

/// Tells systemd how paced is doing (`sd_notify`): READY=1 once the database is open
/// and the socket listens, STATUS= with a one-line summary, STOPPING=1 on shutdown.
/// Without $NOTIFY_SOCKET (not started by systemd) every call does nothing.
enum SystemdNotifier {
    /// Sends `state` (newline-separated `KEY=VALUE` lines). Returns false when systemd
    /// did not get it; that is never fatal.
    @discardableResult
    static func notify(_ state: String) -> Bool {
        sd_notify(0, state) > 0
    }
}

import ServiceLifecycle

/// The first service to hear of a graceful shutdown (it is last in the group, and the
/// group shuts down in reverse order): tells systemd that paced is stopping.
struct StoppingNotice: Service {
    func run() async throws {
        try? await gracefulShutdown()
        SystemdNotifier.notify("STOPPING=1\nSTATUS=stopping: finishing the requests and events in flight")
    }
}
