import PaceStore
import ServiceLifecycle

/// Owns the writer and the database for the life of the daemon. On graceful
/// shutdown (after the HTTP server has stopped and answered its requests) it lets
/// the groups in flight commit, then closes the database.
struct RecorderService: Service {
    let recorder: EventRecorder
    let store: EventStore

    func run() async throws {
        try? await gracefulShutdown()
        recorder.close()
        try store.close()
    }
}
