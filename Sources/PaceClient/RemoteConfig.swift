#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// Where a remote paced is and how to sign in to it: written by `pace login` to
/// `$XDG_CONFIG_HOME/pace/remote.json` (default `~/.config/pace/remote.json`), mode
/// 0600 in a 0700 directory, since it holds a bearer token.
public struct RemoteConfig: Codable, Equatable, Sendable {
    /// `https://host:port`.
    public var url: String
    public var token: String
    /// A CA certificate (PEM) to verify the server with, instead of the system's CAs.
    public var ca: String?

    public init(url: String, token: String, ca: String?) {
        self.url = url
        self.token = token
        self.ca = ca
    }

    /// The host and port of an `https://host[:port]` URL (port 443 when not given).
    public static func hostPort(_ url: String) -> (host: String, port: Int)? {
        guard url.lowercased().hasPrefix("https://") else { return nil }
        var rest = url.dropFirst(8)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.isEmpty { return (host, 443) }
            guard after.hasPrefix(":"), let port = Int(after.dropFirst()), (1...65535).contains(port) else { return nil }
            return (host, port)
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else { return nil }
        guard parts.count == 2 else { return (String(host), 443) }
        guard let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
        return (String(host), port)
    }

    /// The file, from `$XDG_CONFIG_HOME` or `$HOME`.
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/pace/remote.json" }
        return environment["HOME"].map { $0 + "/.config/pace/remote.json" }
    }

    /// The saved configuration; nil when there is none; an error when it cannot be read.
    public static func load(environment: [String: String]) throws(ClientError) -> RemoteConfig? {
        guard let path = path(environment: environment) else { return nil }
        guard let f = fopen(path, "rb") else {
            if errno == ENOENT { return nil }
            throw ClientError.protocolError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while case let n = fread(&chunk, 1, chunk.count, f), n > 0, bytes.count < 1 << 20 { bytes += chunk[..<n] }
        guard let config = try? JSONDecoder().decode(RemoteConfig.self, from: Data(bytes)) else {
            throw ClientError.protocolError("\(path) is not a login pace can read")
        }
        return config
    }

    /// Saves it (0600 in a 0700 directory), atomically.
    public func save(environment: [String: String]) throws(ClientError) {
        guard let path = Self.path(environment: environment) else {
            throw ClientError.protocolError("neither XDG_CONFIG_HOME nor HOME is set, so there is nowhere to keep the login")
        }
        try PrivateFile.makeDirectories(String(path[..<path.lastIndex(of: "/")!]))
        guard let data = try? JSONEncoder().encode(self) else { throw ClientError.protocolError("cannot encode the login") }
        try PrivateFile.write([UInt8](data), to: path)
    }

    /// Removes the saved login; true when there was one.
    @discardableResult
    public static func remove(environment: [String: String]) -> Bool {
        guard let path = path(environment: environment) else { return false }
        return unlink(path) == 0
    }
}
