import Glibc
import PaceClient

/// Makes the socket path safe to bind: a socket file left by a crashed paced is
/// removed; a socket something still listens on is never taken over; a path that
/// is not a socket is never deleted.
enum SocketGuard {
    static func claim(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return }
            throw ServerError("Cannot inspect the socket path \(path): \(String(cString: strerror(errno))).")
        }
        guard st.st_mode & S_IFMT == S_IFSOCK else {
            throw ServerError("\(path) exists and is not a socket. Remove it or choose another --socket path.")
        }
        do {
            _ = try UnixSocket(connectingTo: path)
            throw ServerError("Another process is listening on \(path). Stop it first (another paced?), or choose another --socket path.")
        } catch let e as SocketError where e.errno == ECONNREFUSED || e.errno == ENOENT {
            // Stale: nothing listens. Safe to replace.
            guard unlink(path) == 0 || errno == ENOENT else {
                throw ServerError("Cannot remove the stale socket \(path): \(String(cString: strerror(errno))).")
            }
        } catch let e as SocketError {
            throw ServerError("Cannot tell whether something listens on \(path) (\(e)); not taking it over.")
        }
    }

    /// Creates the parent directory of `path` (and its parents) if missing, mode 0755.
    static func makeParent(of path: String) throws {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        guard !parts.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        if parts.first == "" { parts.removeFirst() }
        for p in parts where !p.isEmpty {
            current += "/" + p
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ServerError("Cannot create the directory \(current): \(String(cString: strerror(errno))).")
            }
        }
    }
}

/// paced could not start: the message says why and what to do.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
