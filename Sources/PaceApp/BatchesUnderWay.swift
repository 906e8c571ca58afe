import Synchronization

/// How many `POST /v1/events/batch` requests each caller has under way, counted from
/// before the body is read until the answer. A batch whose ``BatchRequest/after``
/// event is not in the log yet waits while another batch of the same caller is under
/// way, since that one may hold the event (`pace import` sends batch N + 1 while
/// paced writes batch N).
public final class BatchesUnderWay: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    public init() {}

    /// Runs `body` counted as one batch of the user `name` under way.
    public func counting<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        counts.withLock { $0[name, default: 0] += 1 }
        defer {
            counts.withLock { c in
                let left = (c[name] ?? 1) - 1
                c[name] = left > 0 ? left : nil
            }
        }
        return try await body()
    }

    /// The number of the user `name`'s batches under way.
    public func count(of name: String) -> Int { counts.withLock { $0[name] ?? 0 } }
}
