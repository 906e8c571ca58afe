import Foundation
import Glibc
import Testing

/// paced under systemd's eyes: the unit checked by systemd's own tools, and the
/// sd_notify messages read from a real notification socket.
@Suite(.serialized)
struct SystemdTests {
    /// The unit with ExecStart pointing at the built binary (verify checks that it exists).
    func unitForTest() throws -> String {
        let dir = "/tmp/pace-unit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let unit = try String(contentsOf: Binaries.root.appendingPathComponent("systemd/paced.service"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/paced", with: Binaries.paced)
        let path = dir + "/paced.service"
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// systemd-analyze touches /run/systemd, so it runs in a private mount namespace.
    func analyze(_ args: String) throws -> Outcome {
        try run("/usr/bin/unshare", ["-m", "/bin/sh", "-c", "mount -t tmpfs tmpfs /run/systemd && systemd-analyze \(args) 2>&1"])
    }

    @Test func theUnitVerifiesCleanly() throws {
        let unit = try unitForTest()
        defer { try? FileManager.default.removeItem(atPath: (unit as NSString).deletingLastPathComponent) }
        // verify exits 0 even on unknown keys: any output at all is a failure.
        let r = try analyze("verify --man=no \(unit)")
        #expect(r.status == 0 && r.stdout == "" && r.stderr == "", "\(r)")
    }

    @Test func theUnitIsHardened() throws {
        let unit = try unitForTest()
        defer { try? FileManager.default.removeItem(atPath: (unit as NSString).deletingLastPathComponent) }
        let r = try analyze("security --offline=yes \(unit)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("Overall exposure level for paced.service:") })
        let score = try #require(Double(line.split(separator: ":")[1].split(separator: " ")[0]))
        #expect(score <= 2.0, "\(line)")
    }

    @Test func readyAndStoppingAreSentToNotifySocket() throws {
        let dir = "/tmp/pace-notify-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/notify.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        func receive() -> String {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
        }

        let d = try Daemon(environment: ["NOTIFY_SOCKET": path])
        let ready = receive()
        #expect(ready.hasPrefix("READY=1\nSTATUS=0 events in \(d.database); listening on \(d.socket)"), "\(ready)")
        #expect(try d.pace("status").status == 0)
        #expect(d.stop(signal: SIGTERM) == 0)
        let stopping = receive()
        #expect(stopping.hasPrefix("STOPPING=1"), "\(stopping)")
    }
}
