import Foundation
import Glibc
import Testing

/// paced under systemd's eyes: the unit checked by systemd's own tools, and the
/// sd_notify messages read from a real notification socket.
@Suite(.serialized)
struct SystemdTests {
    /// The units, with ExecStart pointing at the built binary (verify checks that it
    /// exists), in a directory of their own; returns the directory.
    func unitsForTest() throws -> String {
        let dir = "/tmp/pace-unit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["paced.service", "paced.socket"] {
            let unit = try String(contentsOf: Binaries.root.appendingPathComponent("systemd/\(name)"), encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/bin/paced", with: Binaries.paced)
            try unit.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// systemd-analyze touches /run/systemd, so it runs in a private mount namespace.
    func analyze(_ args: String) throws -> Outcome {
        try run("/usr/bin/unshare", ["-m", "/bin/sh", "-c", "mount -t tmpfs tmpfs /run/systemd && systemd-analyze \(args) 2>&1"])
    }

    @Test(arguments: ["paced.service", "paced.socket"])
    func eachUnitVerifiesCleanly(unit: String) throws {
        let dir = try unitsForTest()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // verify exits 0 even on unknown keys: any output at all is a failure.
        let r = try analyze("verify --man=no \(dir)/\(unit)")
        #expect(r.status == 0 && r.stdout == "" && r.stderr == "", "\(r)")
    }

    @Test func theServiceIsHardened() throws {
        let dir = try unitsForTest()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try analyze("security --offline=yes \(dir)/paced.service")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("Overall exposure level for paced.service:") })
        let score = try #require(Double(line.split(separator: ":")[1].split(separator: " ")[0]))
        print("systemd-analyze security --offline=yes paced.service: exposure \(score)")
        #expect(score <= 2.0, "\(line)")
    }

    @Test func journalctlAcceptsTheCatalog() throws {
        let root = "/tmp/pace-catalog-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/usr/lib/systemd/catalog", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binaries.root.appendingPathComponent("systemd/paced.catalog").path,
                                         toPath: root + "/usr/lib/systemd/catalog/paced.catalog")
        let update = try run("/usr/bin/journalctl", ["--root=\(root)", "--update-catalog"])
        #expect(update.status == 0 && update.stdout.isEmpty && update.stderr.isEmpty, "\(update)")
        let list = try run("/usr/bin/journalctl", ["--root=\(root)", "--list-catalog"])
        for id in SlipJournalTests.messageIDs.values { #expect(list.stdout.contains("\(id) paced: "), "\(id) in \(list)") }
    }

    /// systemd-socket-activate holds the socket; paced starts on the first connection
    /// and serves the socket it was handed, and leaves the path to its owner at exit.
    /// (One shell runs the scenario: Foundation's Process does not notice its other
    /// children exit while an exec'd systemd-socket-activate child runs.)
    @Test func socketActivationStartsPacedOnFirstConnection() throws {
        let dir = "/tmp/pace-act-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = """
            export PACE_SOCKET=\(dir)/pace.sock TZ=UTC NO_COLOR=1
            systemd-socket-activate -l \(dir)/pace.sock \(Binaries.paced) --db \(dir)/pace.db --socket \(dir)/unused.sock >\(dir)/log 2>&1 &
            activator=$!
            for i in $(seq 100); do [ -S \(dir)/pace.sock ] && break; sleep 0.05; done
            pgrep -f "^\(Binaries.paced) --db \(dir)/" >/dev/null && echo "paced ran before any connection"
            \(Binaries.pace) log call ACME --json | grep '"type" : "call"'
            \(Binaries.pace) status | grep '^events'
            kill -TERM $activator; wait $activator; echo "paced exit $?"
            [ -S \(dir)/pace.sock ] && echo "socket stays"
            [ -e \(dir)/unused.sock ] || echo "nothing bound at --socket"
            """
        let r = try run("/bin/sh", ["-c", script])
        #expect(r.stdout == """
              "type" : "call"
            events    1
            paced exit 0
            socket stays
            nothing bound at --socket

            """, "\(r)")
        let log = (try? String(contentsOfFile: dir + "/log", encoding: .utf8)) ?? ""
        #expect(log.contains("Communication attempt on fd 3") && log.contains("listening on \(dir)/pace.sock (socket from systemd)"), "\(log)")
    }

    @Test func readyStatusWatchdogAndStoppingReachNotifySocket() throws {
        let notify = try NotifySocket()
        let path = notify.path
        let d = try Daemon(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000"])
        #expect(try d.pace("log", "call", "ACME").status == 0)
        usleep(1_200_000)
        #expect(d.stop(signal: SIGTERM) == 0)
        var messages: [String] = []
        while true {
            let m = notify.receive()
            if m.isEmpty { break }
            messages.append(m)
            if m.hasPrefix("STOPPING=1") { break }
        }
        let ready = try #require(messages.first { $0.hasPrefix("READY=1") }, "\(messages)")
        #expect(ready == "READY=1\nSTATUS=0 events, 0 slips today; listening on \(d.socket)", "\(ready)")
        // Pinged at half the interval while healthy: at least twice in 1.2 s.
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 2, "\(messages)")
        #expect(messages.last?.hasPrefix("STOPPING=1\nSTATUS=stopping") == true, "\(messages)")
    }

    /// The watchdog follows the writer's health, not a timer: while another process
    /// holds SQLite's write lock, paced's commit waits, the pings stop once it has
    /// waited longer than WatchdogSec, and they resume when the commit goes through.
    @Test func watchdogPingsStopWhileTheWriterIsStuck() throws {
        let dir = "/tmp/pace-wd-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let notify = try NotifySocket()
        let path = notify.path
        /// The WATCHDOG=1 pings received since the last call.
        func pings() -> Int { notify.drain().filter { $0 == "WATCHDOG=1" }.count }

        let d = try Daemon(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000"])
        usleep(1_100_000)
        #expect(pings() >= 1, "healthy: pinged every half second")
        // Another process takes the write lock for 6 s; an append waits for it.
        let locked = dir + "/locked"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [d.database, "BEGIN EXCLUSIVE;", ".shell touch \(locked)", ".shell sleep 6", "COMMIT;"]
        try holder.run()
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: locked) { usleep(20_000) }
        let append = Process()
        append.executableURL = URL(fileURLWithPath: Binaries.pace)
        append.arguments = ["log", "call", "ACME"]
        append.environment = ["PACE_SOCKET": d.socket, "TZ": "UTC"]
        append.standardOutput = FileHandle.nullDevice
        try append.run()
        usleep(2_500_000)
        _ = pings()                      // the first second of waiting may still be pinged
        usleep(2_000_000)
        #expect(pings() == 0, "no ping while the commit has waited more than WatchdogSec")
        holder.waitUntilExit()
        append.waitUntilExit()
        #expect(append.terminationStatus == 0, "the append went through once the lock was released")
        usleep(1_100_000)
        #expect(pings() >= 1, "pings resume")
        #expect(d.log.contains("Withholding the watchdog ping: the writer has been committing one group for"), "\(d.log)")
        #expect(d.log.contains("Healthy again; watchdog pings resume"), "\(d.log)")
    }
}
