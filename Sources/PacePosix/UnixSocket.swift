import Glibc

/// Bytes to and from a peer: a socket, or TLS over one.
public protocol ByteStream: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(SocketError)
    /// Reads up to `max` bytes; an empty result means the peer closed the connection.
    func read(max: Int) throws(SocketError) -> [UInt8]
}

/// A connected stream socket (`AF_UNIX`, or TCP through ``tcp(host:port:)``): a thin,
/// blocking layer over the syscalls, with `EINTR` retried and failures carrying their errno.
public final class UnixSocket: ByteStream {
    public let fd: Int32

    /// Takes over a connected socket.
    public init(fd: Int32) { self.fd = fd }

    /// Connects to the socket at `path`.
    public init(connectingTo path: String) throws(SocketError) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket", errno: errno) }
        guard var addr = sockaddr_un(path: path) else {
            close(fd)
            throw SocketError(operation: "connect", errno: ENAMETOOLONG)
        }
        var rc: Int32
        repeat {
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        } while rc == -1 && errno == EINTR
        guard rc == 0 else {
            let e = errno
            close(fd)
            throw SocketError(operation: "connect", errno: e)
        }
        self.fd = fd
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SocketError(operation: "send", errno: errno)
            }
            offset += n
        }
    }

    /// Reads up to `max` bytes; an empty result means the peer closed the connection.
    public func read(max: Int = 65536) throws(SocketError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, max, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SocketError(operation: "recv", errno: errno)
            }
            buffer.removeSubrange(n...)
            return buffer
        }
    }

    /// The uid of the process at the other end (`SO_PEERCRED`), as the kernel saw it
    /// when the connection was made.
    public func peerUID() throws(SocketError) -> UInt32 {
        // Linux's struct ucred: pid, uid, gid (Glibc does not export it without _GNU_SOURCE).
        var cred: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
        var len = socklen_t(MemoryLayout.size(ofValue: cred))
        let rc = withUnsafeMutablePointer(to: &cred) { getsockopt(fd, SOL_SOCKET, 17 /* SO_PEERCRED */, $0, &len) }
        guard rc == 0 else { throw SocketError(operation: "getsockopt(SO_PEERCRED)", errno: errno) }
        return cred.uid
    }

    deinit { close(fd) }
}

/// A failed socket call and its errno.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var errno: Int32
    /// What the library said, when it is more than the errno (TLS, name resolution).
    public var detail: String?

    public init(operation: String, errno: Int32, detail: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String { "\(operation): \(detail ?? String(cString: strerror(errno)))" }
}

extension sockaddr_un {
    /// The address of the Unix socket at `path`; nil when the path does not fit in
    /// `sun_path` (107 bytes and a NUL on Linux).
    public init?(path: String) {
        self.init()
        sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: sun_path) else { return nil }
        withUnsafeMutableBytes(of: &sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
    }
}
