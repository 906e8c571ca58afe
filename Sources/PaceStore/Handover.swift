import Foundation

/// Hands chunks from one producer thread to one consumer thread, at most `capacity`
/// waiting at a time (the producer blocks beyond that, so memory stays bounded).
///
/// The producer ends with ``finish(_:)`` (its error, if any, is thrown to the
/// consumer after the chunks already handed over); a consumer that stops early calls
/// ``cancel()``, after which ``put(_:)`` returns false and the producer should stop.
/// ``waitUntilFinished()`` waits for the producer's ``finish(_:)``.
final class Handover<Chunk: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [Chunk] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room, then hands `chunk` over; false when the consumer has cancelled.
    func put(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The producer is done, with `error` if it failed.
    func finish(_ error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, in order; nil when the producer has finished and every chunk
    /// was taken. Throws the producer's error once its chunks are taken.
    func take() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops: chunks still waiting are dropped and further ``put(_:)``s refused.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer has called ``finish(_:)``.
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
