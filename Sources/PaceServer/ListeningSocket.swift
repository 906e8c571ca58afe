import CSystemd
import Glibc
import PacePosix

/// The Unix stream socket paced serves: inherited from systemd (socket activation,
/// `LISTEN_FDS`) or bound by paced itself.
struct ListeningSocket: Sendable {
    let fd: Int32
    let path: String
    /// Inherited sockets belong to systemd: paced never unlinks their path.
    let inherited: Bool

    /// The socket systemd passed (`sd_listen_fds`), if it passed exactly one Unix
    /// stream socket; nil when paced was not socket-activated.
    static func inherited() throws -> ListeningSocket? {
        let n = sd_listen_fds(1)
        if n == 0 { return nil }
        guard n > 0 else { throw ServerError("Cannot read the sockets systemd passed (LISTEN_FDS): \(String(cString: strerror(-n))).") }
        guard n == 1 else { throw ServerError("systemd passed \(n) sockets; paced serves exactly one. Give paced.socket one ListenStream=.") }
        let fd = SD_LISTEN_FDS_START
        guard sd_is_socket_unix(fd, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else {
            throw ServerError("The socket systemd passed is not a listening Unix stream socket. Use ListenStream=/run/pace/pace.sock in paced.socket.")
        }
        var addr = sockaddr_un()
        var len = socklen_t(MemoryLayout<sockaddr_un>.size)
        let path: String = withUnsafeMutablePointer(to: &addr) { p in
            _ = p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            return withUnsafeBytes(of: p.pointee.sun_path) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return ListeningSocket(fd: fd, path: path, inherited: true)
    }

    /// Binds a new socket at `path` with file mode `mode` (the caller has made the
    /// path free; see ``SocketGuard``). NIO starts listening on it.
    static func bind(path: String, mode: UInt32) throws -> ListeningSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServerError("Cannot create a Unix socket: \(String(cString: strerror(errno))).") }
        guard var addr = sockaddr_un(path: path) else {
            close(fd)
            throw ServerError("The socket path \(path) is longer than a Unix socket allows (107 bytes). Choose a shorter --socket.")
        }
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            let e = errno
            close(fd)
            throw ServerError("Cannot bind the socket \(path): \(String(cString: strerror(e))).")
        }
        guard chmod(path, mode_t(mode)) == 0 else {
            let e = errno
            close(fd)
            unlink(path)
            throw ServerError("Cannot set mode \(String(mode, radix: 8)) on \(path): \(String(cString: strerror(e))).")
        }
        return ListeningSocket(fd: fd, path: path, inherited: false)
    }
}
