#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PacePosix
import Glibc
import PaceCore

/// A minimal HTTP/1.1 client over one connection (paced's Unix socket, or HTTPS to its
/// TCP listener with a bearer token), kept alive across requests. Enough for paced's
/// API (bodies with Content-Length), and small enough to keep `pace` starting in a few
/// milliseconds: no NIO, no URLSession.
public final class HTTPConnection {
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// Where paced is: the socket's path, or the server's URL.
    public let path: String
    /// Whether paced is a remote server (``path`` is its `https://` URL).
    public var isRemote: Bool { path.hasPrefix("https://") }
    private var socket: any ByteStream
    private var buffer: [UInt8] = []
    /// Makes a fresh connection (after paced restarted), checked as the first was.
    private let reconnect: () throws(ClientError) -> any ByteStream
    /// `Authorization` for a remote server.
    private let authorization: String?
    private let hostHeader: String
    /// How long a request keeps retrying while paced restarts, in seconds.
    public var retryWindow: Double = 10

    public init(path: String) throws(ClientError) {
        self.path = path
        let connect = { () throws(ClientError) -> any ByteStream in
            let socket: UnixSocket
            do throws(SocketError) {
                socket = try UnixSocket(connectingTo: path)
            } catch {
                throw ClientError.unreachable(path: path, errno: error.errno, detail: error.description)
            }
            try Self.checkPeer(socket, path: path)
            return socket
        }
        socket = try connect()
        reconnect = connect
        authorization = nil
        hostHeader = "pace"
    }

    /// HTTPS to paced's TCP listener at `host:port`, verified against `caFile` (or the
    /// system's CAs), authenticated with the bearer `token`.
    public init(host: String, port: Int, token: String, caFile: String?) throws(ClientError) {
        let url = "https://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        path = url
        let connect = { () throws(ClientError) -> any ByteStream in
            do throws(SocketError) {
                return try TLSStream(host: host, port: port, caFile: caFile)
            } catch {
                throw ClientError.unreachable(path: url, errno: error.errno, detail: error.description)
            }
        }
        socket = try connect()
        reconnect = connect
        authorization = "Bearer " + token
        hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Refuses to talk to a process that is neither root, paced's system user (`pace`)
    /// nor the caller: a socket planted by another local user would otherwise see
    /// every order sent to it and could forge "Recorded".
    static func checkPeer(_ socket: UnixSocket, path: String) throws(ClientError) {
        let uid: UInt32
        do { uid = try socket.peerUID() } catch {
            throw ClientError.unreachable(path: path, errno: error.errno, detail: error.description)
        }
        guard uid == 0 || uid == geteuid() || uid == UserNames.uid(of: "pace") else {
            throw ClientError.untrusted(path: path, uid: uid, user: UserNames.name(of: uid))
        }
    }

    /// Sends one request and reads its answer.
    ///
    /// Every request pace sends is safe to repeat (reads, and appends that carry their
    /// own id), so when paced restarts under it, it is sent again: after the
    /// connection broke before an answer, or after a 503 from a paced that is stopping.
    /// Retries back off from 20 ms and stop after `retryWindow` seconds.
    public func send(_ method: String, _ target: String, body: [UInt8]? = nil) throws(ClientError) -> Response {
        let start = Self.monotonicSeconds()
        var pause: UInt32 = 20_000
        while true {
            var failure: ClientError
            do {
                let r = try sendOnce(method, target, body: body)
                if r.status != 503 { return r }
                failure = .api(status: 503, code: "unavailable", message: "paced is restarting")
                if Self.monotonicSeconds() - start > retryWindow { return r }
            } catch .protocolError(let m) {
                failure = .protocolError(m)
            } catch {
                throw error
            }
            guard Self.monotonicSeconds() - start < retryWindow else { throw failure }
            usleep(pause)
            pause = min(pause * 2, 500_000)
            if let fresh = try? reconnect() {
                socket = fresh
                buffer = []
            }
        }
    }

    private static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func sendOnce(_ method: String, _ target: String, body: [UInt8]?) throws(ClientError) -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: pace\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        do {
            try socket.write(Array(head.utf8) + (body ?? []))
            return try readResponse()
        } catch let e as SocketError {
            throw ClientError.protocolError("the connection to paced broke (\(e))")
        } catch {
            throw error as! ClientError
        }
    }

    private func readResponse() throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if let r = find(separator, in: buffer) { headerEnd = r; break }
            let chunk = try socket.read(max: 65536)
            if chunk.isEmpty { throw ClientError.protocolError("paced closed the connection before answering") }
            buffer += chunk
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError.protocolError("bad status line")
        }
        var length = 0
        var chunked = false
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            if name == "content-length" {
                // A server (or something posing as one) must not make pace trap or hoard memory.
                guard let n = Int(value), (0...(64 << 20)).contains(n) else { throw ClientError.protocolError("bad Content-Length \(value)") }
                length = n
            }
            if name == "transfer-encoding" && value.lowercased().contains("chunked") { chunked = true }
        }
        buffer.removeSubrange(..<(headerEnd! + 4))
        var body: [UInt8]
        if chunked {
            body = try readChunked()
        } else {
            while buffer.count < length {
                let chunk = try socket.read(max: 65536)
                if chunk.isEmpty { throw ClientError.protocolError("paced closed the connection mid-answer") }
                buffer += chunk
            }
            body = Array(buffer[..<length])
            buffer.removeSubrange(..<length)
        }
        return Response(status: status, body: body)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            guard let size = Int(line.split(separator: ";").first ?? "", radix: 16), (0...(64 << 20)).contains(size), body.count + size <= 64 << 20 else {
                throw ClientError.protocolError("bad chunk size")
            }
            if size == 0 {
                _ = try readLine()
                return body
            }
            while buffer.count < size + 2 {
                let chunk = try socket.read(max: 65536)
                if chunk.isEmpty { throw ClientError.protocolError("paced closed the connection mid-answer") }
                buffer += chunk
            }
            body += buffer[..<size]
            buffer.removeSubrange(..<(size + 2))
        }
    }

    private func readLine() throws -> String {
        while true {
            if let r = find([13, 10], in: buffer) {
                let line = String(decoding: buffer[..<r], as: UTF8.self)
                buffer.removeSubrange(..<(r + 2))
                return line
            }
            let chunk = try socket.read(max: 65536)
            if chunk.isEmpty { throw ClientError.protocolError("paced closed the connection mid-answer") }
            buffer += chunk
        }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
