import Foundation
import Glibc

/// A real systemd-journald of the test's own, in a private mount namespace (tmpfs on
/// /run/systemd, /run/log and /var/log/journal), so entries are read back from a
/// real journal without touching the machine's. Programs join it with `enter`.
final class PrivateJournal {
    private let holder: Process
    /// Prefix a command with this to run it in the journal's mount namespace.
    let enter: [String]

    init() throws {
        let script = """
            set -e
            for d in /run/systemd /run/log /var/log/journal; do mkdir -p $d; mount -t tmpfs tmpfs $d; done
            mkdir -p /run/systemd/journal
            /lib/systemd/systemd-journald >/dev/null 2>&1 &
            echo $! > /run/systemd/test-journald.pid
            exec sleep 3600
            """
        holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        holder.arguments = ["-m", "--propagation", "private", "/bin/sh", "-c", script]
        try holder.run()
        enter = ["/usr/bin/nsenter", "-t", String(holder.processIdentifier), "-m", "--"]
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try EndToEndTests.run(enter[0], Array(enter.dropFirst()) + ["test", "-S", "/run/systemd/journal/socket"]).status == 0 { return }
            guard holder.isRunning else { throw DaemonError("the private journal's namespace did not start") }
            usleep(50_000)
        }
        throw DaemonError("systemd-journald did not open its socket within 10 s")
    }

    /// Runs a command inside the namespace.
    func run(_ args: String...) throws -> Outcome { try EndToEndTests.run(enter[0], Array(enter.dropFirst()) + args) }

    /// Entries matching `matches` (`FIELD=value`), as JSON objects, after a sync.
    func entries(_ matches: String...) throws -> [[String: String]] {
        _ = try EndToEndTests.run(enter[0], Array(enter.dropFirst()) + ["journalctl", "--sync"])
        let r = try EndToEndTests.run(enter[0], Array(enter.dropFirst()) + ["journalctl", "-o", "json", "--no-pager"] + matches)
        return r.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }.map { $0.compactMapValues { $0 as? String } }
    }

    deinit {
        _ = try? EndToEndTests.run(enter[0], Array(enter.dropFirst()) + ["sh", "-c", "kill $(cat /run/systemd/test-journald.pid)"])
        holder.terminate()
        holder.waitUntilExit()
    }
}
