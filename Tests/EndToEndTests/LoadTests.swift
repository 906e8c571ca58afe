import Foundation
import Glibc
import PaceAPI
import PaceClient
import PaceCore
import Synchronization
import Testing

/// Many clients at once, and a crash in the middle of them: no acknowledged event is
/// ever lost or stored twice.
@Suite(.serialized)
struct LoadTests {
    /// Runs `clients` threads, each appending up to `perClient` events over its own
    /// connection; returns the ids paced acknowledged. A thread stops at its first error.
    static func load(socket: String, clients: Int, perClient: Int) -> (acked: [String], failures: Int) {
        load(clients: clients, perClient: perClient) { try PaceClient(socketPath: socket) }
    }

    /// As ``load(socket:clients:perClient:)``, with clients made by `connect`.
    static func load(clients: Int, perClient: Int, connect: @escaping @Sendable () throws -> PaceClient) -> (acked: [String], failures: Int) {
        let acked = Mutex<[String]>([])
        let failures = Mutex(0)
        let group = DispatchGroup()
        for c in 0..<clients {
            group.enter()
            let t = Thread {
                defer { group.leave() }
                guard let client = try? connect() else { failures.withLock { $0 += 1 }; return }
                for i in 0..<perClient {
                    let id = EventID.v7(at: SystemZone.now())
                    let payload = EventPayload.call(try! Call(customer: "C\(c)", minutes: i % 60))
                    do {
                        let (e, created) = try client.append(AppendRequest(id: id, occurredAt: nil, subject: nil, payload: payload))
                        guard created, e.id == id else { failures.withLock { $0 += 1 }; return }
                        acked.withLock { $0.append(id.text) }
                    } catch {
                        failures.withLock { $0 += 1 }
                        return
                    }
                }
            }
            t.start()
        }
        group.wait()
        return (acked.withLock { $0 }, failures.withLock { $0 })
    }

    @Test func thirtyTwoClientsTimesTwoHundredAppendsAreEachStoredOnce() throws {
        let d = try Daemon()
        let (acked, failures) = Self.load(socket: d.socket, clients: 32, perClient: 200)
        #expect(failures == 0)
        #expect(acked.count == 6400)
        let stored = try d.client().events(subject: "*", limit: 100_000)
        #expect(stored.count == 6400)
        #expect(Set(stored.map(\.id.text)) == Set(acked))
        #expect(Set(stored.map(\.seq)) == Set(1...6400))
        #expect(try d.pace("verify").status == 0)
    }

    @Test func killMinusNineMidLoadLosesNoAcknowledgedEvent() throws {
        let d = try Daemon()
        let pid = try #require(d.process?.processIdentifier)
        let killer = Thread {
            usleep(400_000)
            kill(pid, SIGKILL)
        }
        killer.start()
        let (acked, failures) = Self.load(socket: d.socket, clients: 32, perClient: 2000)
        d.stop()
        #expect(failures > 0, "the load should have been cut off by the kill")
        #expect(acked.count > 0, "some events should have been acknowledged before the kill")

        try d.start()
        let stored = try d.client().events(subject: "*", limit: 100_000)
        let storedIDs = Set(stored.map(\.id.text))
        #expect(storedIDs.count == stored.count, "an event was stored twice")
        let lost = Set(acked).subtracting(storedIDs)
        #expect(lost.isEmpty, "\(lost.count) acknowledged events were lost")
        #expect(Set(stored.map(\.seq)) == Set(1...Int64(stored.count)))
        let v = try d.pace("verify")
        #expect(v.status == 0, "\(v)")
    }
}
