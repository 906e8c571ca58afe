import Hummingbird
import ServiceLifecycle
import Synchronization

/// Open once paced can answer: until then (while `--demo` seeds an empty database)
/// every request gets `503 starting` with `Retry-After`, which pace retries, instead
/// of a refused connection; and the services that read the data wait.
final class StartupGate: Sendable {
    private let open: Mutex<Bool>

    init(open: Bool) { self.open = Mutex(open) }

    var isOpen: Bool { open.withLock { $0 } }
    func openNow() { open.withLock { $0 = true } }

    /// Returns once the gate is open (or the task is cancelled).
    func wait() async {
        while !isOpen && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
    }
}

/// Answers `503 starting` while the gate is closed.
struct StartupMiddleware<Context: RequestContext>: RouterMiddleware {
    let gate: StartupGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard gate.isOpen else {
            throw APIError(.serviceUnavailable, "starting", "paced is starting (seeding the demo company); it answers in a moment. Try again.",
                           retryAfter: 1)
        }
        return try await next(request, context)
    }
}

/// Runs `service` once the gate is open.
struct AfterStartup<S: Service>: Service {
    let gate: StartupGate
    let service: S

    func run() async throws {
        await gate.wait()
        try await service.run()
    }
}

/// Seeds the demo company into an empty database, then opens the gate.
struct DemoSeedService: Service {
    let gate: StartupGate
    let seed: @Sendable () async throws -> Void

    func run() async throws {
        try await seed()
        gate.openNow()
        try? await gracefulShutdown()
    }
}
