import NIOPosix

/// Runs route handlers off Swift's cooperative pool. Handlers make blocking calls
/// (GRDB reads and writes, NSS lookups of users and groups); on the cooperative pool
/// (one thread per core, two here) a few slow ones would stall every other task,
/// the slip scheduler's too. With this executor as the task's preference, every
/// synchronous stretch of a handler runs on one of these threads instead; awaits
/// still suspend without holding a thread.
final class BlockingExecutor: TaskExecutor {
    private let pool: NIOThreadPool

    /// - Parameter threads: at least the store's reader count plus one writer.
    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in job.runSynchronously(on: executor) }
    }

    /// Runs `body` with this executor preferred for it and its child tasks.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(self) { try await body() }
    }
}
