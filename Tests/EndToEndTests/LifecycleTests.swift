import Foundation
import Glibc
import PaceClient
import Testing

/// paced as a well-behaved daemon: one per database, stale sockets, signals, and a
/// database that refuses to rewrite history.
@Suite(.serialized)
struct LifecycleTests {
    @Test func sigtermStopsCleanlyAndRemovesTheSocket() throws {
        let d = try Daemon()
        _ = try d.pace("log", "call", "ACME")
        #expect(d.stop(signal: SIGTERM) == 0)
        #expect(!FileManager.default.fileExists(atPath: d.socket))
        #expect(d.log.contains("paced stopped cleanly"))
        try d.start()
        #expect(try d.eventCount() == 1)
        #expect(d.stop(signal: SIGINT) == 0)
    }

    @Test func aSecondPacedOnTheSameDatabaseRefusesAndNamesTheHolder() throws {
        let d = try Daemon()
        let pid = try #require(d.process?.processIdentifier)
        let other = d.dir.appendingPathComponent("other.sock").path
        let r = try run(Binaries.paced, ["--db", d.database, "--socket", other])
        #expect(r.status != 0)
        #expect(r.stderr.contains("is in use by process \(pid)"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: other))
        #expect(try d.eventCount() == 0)
    }

    @Test func aStaleSocketIsReplacedButALiveOneIsNeverTakenOver() throws {
        let d = try Daemon()
        // A second paced with its own database but the first one's live socket.
        let db2 = d.dir.appendingPathComponent("second.db").path
        let r = try run(Binaries.paced, ["--db", db2, "--socket", d.socket])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Another process is listening on \(d.socket)"), "\(r)")
        #expect(try d.pace("status").status == 0, "the first paced must keep its socket")

        // kill -9 leaves the socket file behind; the next start replaces it.
        d.stop(signal: SIGKILL)
        #expect(FileManager.default.fileExists(atPath: d.socket))
        try d.start()
        #expect(try d.pace("log", "call", "ACME").status == 0)
    }

    @Test func aPathThatIsNotASocketIsNeverDeleted() throws {
        let dir = URL(fileURLWithPath: "/tmp/pace-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pace.sock").path
        FileManager.default.createFile(atPath: file, contents: Data("precious".utf8))
        let r = try run(Binaries.paced, ["--db", dir.appendingPathComponent("pace.db").path, "--socket", file])
        #expect(r.status != 0)
        #expect(r.stderr.contains("exists and is not a socket"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "precious")
    }

    @Test func sqliteItselfRefusesToUpdateOrDeleteEvents() throws {
        let d = try Daemon()
        _ = try d.pace("log", "payment", "ACME", "100")
        let update = try run("/usr/bin/sqlite3", [d.database, "UPDATE events SET data = '{}' WHERE seq = 1"])
        #expect(update.status != 0)
        #expect(update.stderr.contains("events are append-only"))
        let delete = try run("/usr/bin/sqlite3", [d.database, "DELETE FROM events"])
        #expect(delete.status != 0)
        #expect(delete.stderr.contains("events are append-only"))
        #expect(try d.eventCount() == 1)
        #expect(try d.pace("verify").status == 0)
    }

    @Test func verifyNamesTheFirstTamperedEvent() throws {
        let d = try Daemon()
        for i in 1...5 { _ = try d.pace("log", "payment", "ACME", "\(i)00") }
        let tamper = try run("/usr/bin/sqlite3", [d.database, """
            DROP TRIGGER events_no_update;
            UPDATE events SET data = '{"amount":"9.00","customer":"ACME"}' WHERE seq = 3;
            """])
        #expect(tamper.status == 0, "\(tamper)")
        let v = try d.pace("verify")
        #expect(v.status == 65)
        #expect(v.stdout.contains("chain     BROKEN at event #3"))
        #expect(v.stderr.contains("The hash chain breaks at event #3"))
    }

    @Test func badFlagsOfPacedAreUsageErrors() throws {
        let r = try run(Binaries.paced, ["--socket-mode", "999"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--socket-mode 999 is not an octal file mode"))
        let c = try run(Binaries.paced, ["--currency", "euro"])
        #expect(c.status == 64)
        #expect(c.stderr.contains("--currency euro is not an ISO 4217 code"))
        let t = try run(Binaries.paced, ["--tolerance", "0.3", "--behind", "0.9"])
        #expect(t.status == 64)
        #expect(t.stderr.contains("--behind at most 1 - tolerance"))
        let g = try run(Binaries.paced, ["--grace-minutes", "-5"])
        #expect(g.status == 64)
        // The test clock exists only where a test asked for it.
        let clock = try run(Binaries.paced, ["--test-clock", "2026-12-01T08:00:00Z"], environment: ["PACED_ALLOW_TEST_CLOCK": "0"])
        #expect(clock.status == 64)
        #expect(clock.stderr.contains("--test-clock is for tests only and is refused unless PACED_ALLOW_TEST_CLOCK=1 is set."), "\(clock)")
        let badClock = try run(Binaries.paced, ["--test-clock", "tomorrow"], environment: ["PACED_ALLOW_TEST_CLOCK": "1"])
        #expect(badClock.status == 64 && badClock.stderr.contains("--test-clock tomorrow is not an RFC 3339 time"), "\(badClock)")
    }

    @Test func withoutTheTestClockThereIsNoClockEndpoint() throws {
        let d = try Daemon()
        let r = try HTTPConnection(path: d.socket).send("POST", "/v1/test/clock", body: Array("{\"now\":\"2030-01-01T00:00:00Z\"}".utf8))
        #expect(r.status == 404, "\(r.status)")
    }

    @Test func theSocketGetsTheRequestedMode() throws {
        let d = try Daemon(extraArguments: ["--socket-mode", "0660"])
        var st = stat()
        #expect(stat(d.socket, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o660)
    }
}
