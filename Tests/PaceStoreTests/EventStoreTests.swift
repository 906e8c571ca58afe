import Foundation
import GRDB
import PaceCore
import PaceStore
import Testing

/// A store on a fresh temporary database file.
final class TempStore: Sendable {
    let path: String
    let store: EventStore
    let recorder: EventRecorder

    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pace-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("pace.db").path
        store = try EventStore(path: path)
        recorder = EventRecorder(store: store, clock: { Timestamp(milliseconds: 1_795_797_000_000) })
    }

    func event(_ customer: String = "ACME", id: EventID = .v7(at: Timestamp(milliseconds: 1_795_797_000_000)),
               subject: String = "alice", at ms: Int64 = 1_795_790_000_000) -> NewEvent {
        NewEvent(id: id, type: .call, subject: subject, recordedBy: subject, occurredAt: Timestamp(milliseconds: ms),
                 data: #"{"customer":"\#(customer)"}"#)
    }

    deinit {
        recorder.close()
        try? store.close()
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}

struct EventStoreTests {
    /// A batch's `after` asks whether an event is still on its way: true from the moment
    /// it is queued until it is stored and answered (also for an id queued twice, a
    /// retry), false for any other id and afterwards.
    @Test func anEventIsQueuedUntilItIsStored() async throws {
        let t = try TempStore()
        // Another connection holds the write lock, so the writer waits with the events queued.
        let blocker = try DatabaseQueue(path: t.path)
        let held = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? blocker.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                release.wait()
                try db.execute(sql: "COMMIT")
            }
        }
        held.wait()
        let a = t.event("A"), b = t.event("B"), other = t.event("C")
        let batch = Task { await t.recorder.append(contentsOf: [a, b]) }
        let retry = Task { try await t.recorder.append(a) }
        for _ in 0..<5_000 where !(t.recorder.isQueued(a.id) && t.recorder.isQueued(b.id)) { try await Task.sleep(for: .milliseconds(1)) }
        #expect(t.recorder.isQueued(a.id))
        #expect(t.recorder.isQueued(b.id))
        #expect(!t.recorder.isQueued(other.id))
        release.signal()
        let results = await batch.value
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        _ = try await retry.value
        #expect(!t.recorder.isQueued(a.id))
        #expect(!t.recorder.isQueued(b.id))
        #expect(try t.store.count() == 2)
    }

    @Test func appendsGetConsecutiveSeqsAndAValidChain() async throws {
        let t = try TempStore()
        for i in 1...5 {
            let outcome = try await t.recorder.append(t.event("C\(i)"))
            #expect(outcome == .created(outcome.event))
            #expect(outcome.event.seq == Int64(i))
        }
        let report = try t.store.verify()
        #expect(report.ok)
        #expect(report.events == 5)
        #expect(report.headHash.count == 32)
        #expect(try t.store.count() == 5)
    }

    @Test func sameIdSameContentReturnsTheOriginalAndOtherContentConflicts() async throws {
        let t = try TempStore()
        let e = t.event()
        let first = try await t.recorder.append(e)
        let retry = try await t.recorder.append(e)
        #expect(retry == .existing(first.event))
        var other = e
        other.data = #"{"customer":"OTHER"}"#
        await #expect {
            try await t.recorder.append(other)
        } throws: { ($0 as? StoreError)?.code == .idConflict }
        #expect(try t.store.count() == 1)
    }

    @Test func theDatabaseRefusesUpdateAndDelete() async throws {
        let t = try TempStore()
        _ = try await t.recorder.append(t.event())
        let q = try DatabaseQueue(path: t.path)
        #expect {
            try q.write { try $0.execute(sql: "UPDATE events SET subject = 'mallory'") }
        } throws: { ($0 as? DatabaseError)?.message?.contains("append-only") == true }
        #expect {
            try q.write { try $0.execute(sql: "DELETE FROM events") }
        } throws: { ($0 as? DatabaseError)?.message?.contains("append-only") == true }
        #expect(try t.store.verify().ok)
    }

    @Test func theChainFindsAnEditMadeBehindTheTriggersBack() async throws {
        let t = try TempStore()
        for i in 1...4 { _ = try await t.recorder.append(t.event("C\(i)")) }
        let q = try DatabaseQueue(path: t.path)
        try await q.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: #"UPDATE events SET data = '{"customer":"EVIL"}' WHERE seq = 2"#)
        }
        let report = try t.store.verify()
        #expect(!report.ok)
        #expect(report.firstBadSeq == 2)
    }

    @Test func concurrentAppendsAreCommittedInGroups() async throws {
        let t = try TempStore()
        let n = 400
        let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<n { group.addTask { try await t.recorder.append(t.event("C\(i)")).event.seq } }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(seqs) == Set(1...Int64(n)))
        let (groups, events) = t.recorder.counters
        #expect(events == n)
        #expect(groups < n, "\(groups) commits for \(n) concurrent appends: no grouping happened")
        #expect(try t.store.verify().ok)
    }

    @Test func voidsMarkTheirEventOnceAndOnlyForItsSubject() async throws {
        let t = try TempStore()
        let original = try await t.recorder.append(t.event()).event
        func void(_ target: EventID, subject: String = "alice") -> NewEvent {
            NewEvent(id: .v7(at: Timestamp(milliseconds: 1)), type: .void, subject: subject, recordedBy: subject,
                     occurredAt: Timestamp(milliseconds: 1_795_790_000_000), data: "{}", voids: target)
        }
        await #expect { try await t.recorder.append(void(original.id, subject: "bob")) } throws: {
            ($0 as? StoreError)?.code == .cannotVoid
        }
        let v = try await t.recorder.append(void(original.id)).event
        #expect(try t.store.event(id: original.id)?.voidedBy == v.id)
        await #expect { try await t.recorder.append(void(original.id)) } throws: { ($0 as? StoreError)?.code == .alreadyVoided }
        await #expect { try await t.recorder.append(void(v.id)) } throws: { ($0 as? StoreError)?.code == .cannotVoid }
        let missing = try EventID(parsing: "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f")
        await #expect { try await t.recorder.append(void(missing)) } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect(try t.store.count() == 2)
    }

    @Test func historyFiltersBySubjectTypeAndTimeNewestFirst() async throws {
        let t = try TempStore()
        _ = try await t.recorder.append(t.event("A", at: 1000_000_000_000))
        _ = try await t.recorder.append(t.event("B", at: 3000_000_000_000))
        _ = try await t.recorder.append(t.event("C", at: 2000_000_000_000))
        _ = try await t.recorder.append(t.event("D", subject: "bob", at: 2500_000_000_000))
        let alice = try t.store.history(subject: "alice", since: nil, type: nil, limit: 10)
        #expect(alice.map(\.seq) == [2, 3, 1])
        let recent = try t.store.history(subject: nil, since: Timestamp(milliseconds: 2000_000_000_000), type: "call", limit: 2)
        #expect(recent.map(\.seq) == [2, 4])
    }

    @Test func appendsAfterCloseAreRefused() async throws {
        let t = try TempStore()
        t.recorder.close()
        await #expect { try await t.recorder.append(t.event()) } throws: { ($0 as? StoreError)?.code == .closed }
    }
}
