import Foundation
import PaceAPI
import PaceClient
import Glibc
import PacePosix

/// The dashboard's team board over plain HTTP on loopback, as a browser asks for it:
/// one keep-alive connection with the session cookie that a one-time link gave.
final class PageClient {
    let socket: UnixSocket
    let host: String, port: Int
    var cookie = ""
    private var buffer: [UInt8] = []

    init(host: String, port: Int) throws {
        self.host = host
        self.port = port
        socket = try UnixSocket.tcp(host: host, port: port, timeoutSeconds: 30)
    }

    /// GET `target`; returns the status, the Set-Cookie session (if any) and the body's size.
    func get(_ target: String) throws -> (status: Int, setCookie: String?, bytes: Int) {
        var head = "GET \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        if !cookie.isEmpty { head += "Cookie: \(cookie)\r\n" }
        try socket.write(Array((head + "\r\n").utf8))
        while true {
            if let end = find(Array("\r\n\r\n".utf8)) {
                let headers = String(decoding: buffer[..<end], as: UTF8.self).split(separator: "\r\n")
                let status = Int(headers.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
                var length = 0
                var setCookie: String?
                for h in headers.dropFirst() {
                    let parts = h.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    if parts[0].lowercased() == "content-length" { length = Int(parts[1]) ?? 0 }
                    if parts[0].lowercased() == "set-cookie", parts[1].hasPrefix("pace_session=") { setCookie = String(parts[1].split(separator: ";")[0]) }
                }
                while buffer.count < end + 4 + length { try fill() }
                buffer.removeFirst(end + 4 + length)
                return (status, setCookie, length)
            }
            try fill()
        }
    }

    private func fill() throws {
        let bytes = try socket.read(max: 65536)
        if bytes.isEmpty { throw SocketError(operation: "read", errno: 0, detail: "paced closed the connection") }
        buffer += bytes
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] && Array(buffer[i..<i + needle.count]) == needle { return i }
        return nil
    }
}

/// A TCP port free on loopback now (bound, read, closed).
func freePort() -> Int {
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}
