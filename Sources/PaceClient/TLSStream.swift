import CPaceTLS
import Glibc
import PacePosix

/// TLS (1.2 or later) over a TCP socket, through the system's OpenSSL 3, loaded at the
/// first connection (see ``OpenSSL``): the server's certificate is verified against
/// `caFile` (or the system's CAs) and must name `host`. A thin, blocking layer; failures
/// say what OpenSSL said.
public final class TLSStream: ByteStream {
    private let socket: UnixSocket
    private let ctx: OpaquePointer
    private let ssl: OpaquePointer

    public init(host: String, port: Int, caFile: String?) throws(SocketError) {
        do { try OpenSSL.load() } catch {
            throw SocketError(operation: "load OpenSSL for HTTPS", errno: ELIBACC, detail: error.detail)
        }
        // OpenSSL writes with write(2), not send(MSG_NOSIGNAL): a server that goes away
        // mid-request would kill the process with SIGPIPE instead of failing the write.
        signal(SIGPIPE, SIG_IGN)
        socket = try UnixSocket.tcp(host: host, port: port)
        // TLS 1.2 or later, the peer verified: everything is set before SSL_new copies it.
        guard let ctx = pace_ssl_ctx_new_client() else { throw Self.error("TLS setup") }
        if let caFile {
            guard pace_ssl_ctx_load_ca_file(ctx, caFile) == 1 else {
                pace_ssl_ctx_free(ctx)
                throw Self.error("load the CA certificate \(caFile)")
            }
        } else {
            _ = pace_ssl_ctx_use_system_cas(ctx)
        }
        self.ctx = ctx
        guard let ssl = pace_ssl_new(ctx) else {
            pace_ssl_ctx_free(ctx)
            throw Self.error("TLS setup")
        }
        self.ssl = ssl
        // The certificate must name the host: as an IP address or as a DNS name.
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1 {
            _ = pace_ssl_expect_ip(ssl, host)
        } else {
            _ = pace_ssl_expect_host(ssl, host)
        }
        _ = pace_ssl_set_fd(ssl, socket.fd)
        var rc: Int32
        repeat { rc = pace_ssl_connect(ssl) } while rc != 1 && pace_ssl_get_error(ssl, rc) == PACE_SSL_ERROR_SYSCALL && errno == EINTR
        guard rc == 1 else {
            let verify = pace_ssl_get_verify_result(ssl)
            if verify != Int(PACE_X509_V_OK) {
                throw SocketError(operation: "TLS handshake with \(host)", errno: EPROTO,
                                  detail: "the server's certificate is not trusted: \(String(cString: pace_x509_verify_error_string(verify)))")
            }
            throw Self.error("TLS handshake with \(host)")
        }
    }

    deinit {
        _ = pace_ssl_shutdown(ssl)
        pace_ssl_free(ssl)
        pace_ssl_ctx_free(ctx)
    }

    public func write(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { pace_ssl_write(ssl, $0.baseAddress! + offset, Int32($0.count - offset)) }
            if n <= 0 {
                if pace_ssl_get_error(ssl, n) == PACE_SSL_ERROR_SYSCALL && errno == EINTR { continue }
                throw Self.error("TLS write")
            }
            offset += Int(n)
        }
    }

    public func read(max: Int = 65536) throws(SocketError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n = buffer.withUnsafeMutableBytes { pace_ssl_read(ssl, $0.baseAddress!, Int32(max)) }
            if n > 0 { return Array(buffer[..<Int(n)]) }
            switch pace_ssl_get_error(ssl, n) {
            case PACE_SSL_ERROR_ZERO_RETURN: return []
            case PACE_SSL_ERROR_SYSCALL where errno == EINTR: continue
            case PACE_SSL_ERROR_SYSCALL where n == 0: return []
            default: throw Self.error("TLS read")
            }
        }
    }

    /// The last OpenSSL error, as text, with `operation`.
    static func error(_ operation: String) -> SocketError {
        let code = pace_err_get_error()
        var text = [CChar](repeating: 0, count: 256)
        if code != 0 { pace_err_error_string_n(code, &text, text.count) }
        return SocketError(operation: operation, errno: EPROTO, detail: code != 0 ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "the connection failed")
    }
}
