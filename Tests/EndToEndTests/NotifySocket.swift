import PacePosix
import Foundation
import Glibc
import PaceClient

/// A datagram socket standing in for systemd's notification socket: pass `path` as
/// NOTIFY_SOCKET and read what paced sends (READY=1, STATUS=, WATCHDOG=1, STOPPING=1).
final class NotifySocket {
    let path: String
    private let dir: String
    private let fd: Int32

    init() throws {
        dir = "/tmp/pace-notify-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/notify.sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0, var addr = sockaddr_un(path: path),
              withUnsafePointer(to: &addr, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }) == 0
        else { throw DaemonError("cannot bind a notification socket at \(path): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next message, waiting up to 10 s; "" when none came.
    func receive() -> String { read(flags: 0) }

    /// Every message already waiting, without blocking.
    func drain() -> [String] {
        var out: [String] = []
        while case let m = read(flags: Int32(MSG_DONTWAIT)), !m.isEmpty { out.append(m) }
        return out
    }

    private func read(flags: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, flags)
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
    }

    deinit {
        close(fd)
        try? FileManager.default.removeItem(atPath: dir)
    }
}
