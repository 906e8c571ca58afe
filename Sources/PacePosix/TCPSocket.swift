import Glibc

extension UnixSocket {
    /// Connects a TCP stream socket to `host:port` (a name or an address; every address
    /// the name resolves to is tried in turn), with EINTR retried.
    public static func tcp(host: String, port: Int) throws(SocketError) -> UnixSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw SocketError(operation: "resolve \(host)", errno: EHOSTUNREACH, detail: rc == 0 ? nil : String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(list) }
        var lastErrno: Int32 = ECONNREFUSED
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            cursor = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), ai.pointee.ai_protocol)
            if fd < 0 { lastErrno = errno; continue }
            var r: Int32
            repeat { r = connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) } while r == -1 && errno == EINTR
            if r == 0 { return UnixSocket(fd: fd) }
            lastErrno = errno
            close(fd)
        }
        throw SocketError(operation: "connect", errno: lastErrno)
    }
}
