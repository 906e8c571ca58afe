#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import PaceAPI
import PaceClient
import PaceCore
import Synchronization

extension ImportEvents {
    /// The ranges of `count` events, ``batch`` a request.
    static func batches(of count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: batch).map { $0..<min($0 + batch, count) }
    }

    /// `transform` of each of `items`, in their order, computed in chunks on every core.
    static func concurrentMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        let chunks = min(items.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        guard chunks > 1 else { return items.map(transform) }
        let done = Mutex<[Int: [U]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let part = items[items.count * c / chunks ..< items.count * (c + 1) / chunks].map(transform)
            done.withLock { $0[c] = part }
        }
        return done.withLock { d in (0..<chunks).flatMap { d[$0] ?? [] } }
    }

    /// Why batch `index` (from 0) of a ``send(_:sizes:afters:client:connect:dryRun:progress:)`` failed.
    struct BatchFailure: Error {
        let index: Int
        let error: any Error
    }

    /// What the batches being sent share: the next batch to send, each one's answer (nil
    /// until it has one), how many events have an answer, and whether one failed.
    private final class Sending: Sendable {
        struct State {
            var answers: [Result<BatchResult, any Error>?]
            var done = 0
        }
        let next = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let state: Mutex<State>
        init(count: Int) { state = Mutex(State(answers: Array(repeating: nil, count: count))) }
    }

    /// Sends batches of encoded events (`events[n]`, a JSON array of `sizes[n]` events)
    /// as `POST /v1/events/batch` and returns paced's answers in batch order, or throws
    /// the first batch's failure as a ``BatchFailure``.
    ///
    /// The batches go two at a time, the second over a connection `connect` opens, so
    /// that paced works on two cores. A check (`dryRun`) records nothing. A recording
    /// gives batch n `afters[n]` as `after`, the last event of the batches before it
    /// that is not stored yet: paced checks batch N + 1 while it writes batch N, and
    /// appends it only after the batches before, so the log holds the file's order.
    /// After a failure no further batch is sent. `progress` is told how many events
    /// have an answer.
    static func send(_ events: [[UInt8]], sizes: [Int], afters: [EventID?], client: PaceClient,
                     connect: (@Sendable () throws -> PaceClient)?, dryRun: Bool, progress: @escaping @Sendable (Int) -> Void) throws -> [BatchResult] {
        let sending = Sending(count: events.count)
        @Sendable func work(_ client: PaceClient) {
            while !sending.failed.load(ordering: .relaxed) {
                let n = sending.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard n < events.count else { return }
                let after = dryRun ? nil : afters[n]
                let answer = Result {
                    try client.post(BatchResult.self, "/v1/events/batch", json: BatchRequest.body(encodedEvents: events[n], dryRun: dryRun, after: after))
                }
                if case .failure = answer { sending.failed.store(true, ordering: .relaxed) }
                sending.state.withLock { state in
                    state.answers[n] = answer
                    state.done += sizes[n]
                    progress(state.done)
                }
            }
        }
        let second = DispatchGroup()
        if events.count > 1, let connect {
            DispatchQueue.global().async(group: second) {
                // Without a second connection the first sends every batch.
                if let other = try? connect() { work(other) }
            }
        }
        work(client)
        second.wait()
        return try sending.state.withLock { state in
            try state.answers.enumerated().map { n, answer in
                // A batch is left unanswered only after an earlier one failed.
                guard let answer else { throw ClientError.protocolError("batch \(n + 1) was not sent") }
                switch answer {
                case .success(let result): return result
                case .failure(let error): throw BatchFailure(index: n, error: error)
                }
            }
        }
    }
}
