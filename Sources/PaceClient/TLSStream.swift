import COpenSSL
import Glibc
import PacePosix

/// TLS (1.2 or later) over a TCP socket, through OpenSSL: the server's certificate is
/// verified against `caFile` (or the system's CAs) and must name `host`. A thin,
/// blocking layer; failures say what OpenSSL said.
public final class TLSStream: ByteStream {
    private let socket: UnixSocket
    private let ctx: OpaquePointer
    private let ssl: OpaquePointer

    public init(host: String, port: Int, caFile: String?) throws(SocketError) {
        // OpenSSL writes with write(2), not send(MSG_NOSIGNAL): a server that goes away
        // mid-request would kill the process with SIGPIPE instead of failing the write.
        signal(SIGPIPE, SIG_IGN)
        socket = try UnixSocket.tcp(host: host, port: port)
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw Self.error("TLS setup") }
        // Everything the connection takes from the context is set before SSL_new copies it.
        guard pace_ssl_ctx_min_tls12(ctx) == 1 else {
            SSL_CTX_free(ctx)
            throw Self.error("TLS setup")
        }
        if let caFile {
            guard SSL_CTX_load_verify_locations(ctx, caFile, nil) == 1 else {
                SSL_CTX_free(ctx)
                throw Self.error("load the CA certificate \(caFile)")
            }
        } else {
            SSL_CTX_set_default_verify_paths(ctx)
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        self.ctx = ctx
        guard let ssl = SSL_new(ctx) else {
            SSL_CTX_free(ctx)
            throw Self.error("TLS setup")
        }
        self.ssl = ssl
        SSL_set_verify(ssl, SSL_VERIFY_PEER, nil)
        // The certificate must name the host: as an IP address or as a DNS name.
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1 {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host)
        } else {
            SSL_set1_host(ssl, host)
            _ = pace_ssl_set_sni(ssl, host)
        }
        SSL_set_fd(ssl, socket.fd)
        var rc: Int32
        repeat { rc = SSL_connect(ssl) } while rc != 1 && SSL_get_error(ssl, rc) == SSL_ERROR_SYSCALL && errno == EINTR
        guard rc == 1 else {
            let verify = SSL_get_verify_result(ssl)
            if verify != X509_V_OK {
                throw SocketError(operation: "TLS handshake with \(host)", errno: EPROTO,
                                  detail: "the server's certificate is not trusted: \(String(cString: X509_verify_cert_error_string(verify)))")
            }
            throw Self.error("TLS handshake with \(host)")
        }
    }

    deinit {
        SSL_shutdown(ssl)
        SSL_free(ssl)
        SSL_CTX_free(ctx)
    }

    public func write(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress! + offset, Int32($0.count - offset)) }
            if n <= 0 {
                if SSL_get_error(ssl, n) == SSL_ERROR_SYSCALL && errno == EINTR { continue }
                throw Self.error("TLS write")
            }
            offset += Int(n)
        }
    }

    public func read(max: Int = 65536) throws(SocketError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress!, Int32(max)) }
            if n > 0 { return Array(buffer[..<Int(n)]) }
            switch SSL_get_error(ssl, n) {
            case SSL_ERROR_ZERO_RETURN: return []
            case SSL_ERROR_SYSCALL where errno == EINTR: continue
            case SSL_ERROR_SYSCALL where n == 0: return []
            default: throw Self.error("TLS read")
            }
        }
    }

    /// The last OpenSSL error, as text, with `operation`.
    static func error(_ operation: String) -> SocketError {
        let code = ERR_get_error()
        var text = [CChar](repeating: 0, count: 256)
        if code != 0 { ERR_error_string_n(code, &text, text.count) }
        return SocketError(operation: operation, errno: EPROTO, detail: code != 0 ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "the connection failed")
    }
}

/// SHA-256 through the OpenSSL the client links already.
public enum Digest {
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = bytes.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { o in SHA256(b.baseAddress, b.count, o.baseAddress) } }
        return out
    }
}
