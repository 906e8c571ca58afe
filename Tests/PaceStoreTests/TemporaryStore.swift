import Foundation
import PaceStore

/// Runs `body` with an `EventStore` on a new temporary directory; afterwards the
/// store is closed and the directory removed. A test that makes a recorder over it
/// closes the recorder inside `body`.
func withTemporaryStore<T>(_ body: (EventStore) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pace-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try EventStore(path: dir.appendingPathComponent("pace.db").path)
    defer { try? store.close() }
    return try await body(store)
}
