import Foundation
@testable import PaceStore
import Synchronization
import Testing

/// The rebuild's hand-over between its reading thread and the writer's.
@Suite struct HandoverTests {
    struct Failure: Error, Equatable {}

    @Test func chunksArriveInOrderThenTheProducersError() throws {
        let handover = Handover<[Int]>(capacity: 2)
        Thread.detachNewThread {
            for i in 0..<50 { _ = handover.put([i, i]) }
            handover.finish(Failure())
        }
        var seen: [Int] = []
        #expect(throws: Failure.self) {
            while let chunk = try handover.take() { seen += chunk }
        }
        #expect(seen == (0..<50).flatMap { [$0, $0] })
        handover.waitUntilFinished()
    }

    @Test func aConsumerThatStopsStopsTheProducer() throws {
        let handover = Handover<Int>(capacity: 1)
        let refusedAt = Mutex<Int?>(nil)
        Thread.detachNewThread {
            for i in 0..<1_000 where !handover.put(i) {
                refusedAt.withLock { $0 = i }
                break
            }
            handover.finish()
        }
        #expect(try handover.take() == 0)
        handover.cancel()
        handover.waitUntilFinished()
        // The producer was refused at once, not after handing over all 1,000.
        let refused = try #require(refusedAt.withLock { $0 })
        #expect(refused < 3)
        #expect(try handover.take() == nil)
    }

    @Test func aProducerWithNothingEndsTheLoop() throws {
        let handover = Handover<Int>(capacity: 2)
        Thread.detachNewThread { handover.finish() }
        #expect(try handover.take() == nil)
    }
}
