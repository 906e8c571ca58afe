import Glibc

extension UnixSocket {
    /// Connects a TCP stream socket to `host:port` (a name or an address; every address
    /// the name resolves to is tried in turn, each for at most `timeoutSeconds`), with
    /// EINTR retried.
    public static func tcp(host: String, port: Int, timeoutSeconds: Int = 5) throws(SocketError) -> UnixSocket {
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
            // Non-blocking connect, so an address that never answers costs `timeout`, not
            // the kernel's two minutes; then blocking again for the TLS client.
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var r = connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen)
            if r == -1 && (errno == EINPROGRESS || errno == EINTR) {
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                var ready: Int32
                repeat { ready = poll(&p, 1, Int32(timeoutSeconds * 1000)) } while ready == -1 && errno == EINTR
                if ready == 1 {
                    var err: Int32 = 0
                    var len = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
                    if err == 0 { r = 0 } else { errno = err }
                } else if ready == 0 {
                    errno = ETIMEDOUT
                }
            }
            if r == 0 {
                _ = fcntl(fd, F_SETFL, flags)
                // Requests are written whole: no Nagle delay behind the handshake's last record.
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                // A server that accepts and then says nothing fails the read, not hangs it.
                var tv = timeval(tv_sec: 20, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                return UnixSocket(fd: fd)
            }
            lastErrno = errno
            close(fd)
        }
        throw SocketError(operation: "connect", errno: lastErrno)
    }
}
