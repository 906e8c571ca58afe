import Glibc
import PacePosix

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

    /// Creates the parent directory of `path` (and its parents) if missing, with `mode`
    /// whatever the umask (existing directories are left as they are).
    static func makeParent(of path: String, mode: mode_t = 0o755) throws {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        guard !parts.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        if parts.first == "" { parts.removeFirst() }
        for p in parts where !p.isEmpty {
            current += "/" + p
            if mkdir(current, mode) == 0 {
                chmod(current, mode)
            } else if errno != EEXIST {
                throw ServerError("Cannot create the directory \(current): \(String(cString: strerror(errno))).")
            }
        }
    }
}

/// The database's files are paced's alone: created 0600 (0640 under the unit's
/// UMask=0027, for a backup group), and never served when others may read them.
enum DatabaseFiles {
    /// Creates the database file 0600 if it does not exist (SQLite then gives its
    /// `-wal` and `-shm` files the same mode), and refuses files that others may read
    /// or write, or that belong to another user.
    static func secure(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw ServerError("Cannot open the database \(path): \(String(cString: strerror(errno))). Check the --db path and its directory's permissions.")
        }
        close(fd)
        for file in [path, path + "-wal", path + "-shm", path + ".lock"] {
            var st = stat()
            guard lstat(file, &st) == 0 else { continue }
            if st.st_mode & S_IFMT != S_IFREG {
                throw ServerError("\(file) is not a regular file. Move it away; paced keeps only regular files beside its database.")
            }
            if st.st_uid != geteuid() {
                throw ServerError("\(file) belongs to uid \(st.st_uid), not to paced's user (uid \(geteuid())). Fix it with: chown \(geteuid()) \(path)*")
            }
            // 0600, or 0640 for a backup group: nobody else may read, nobody else may write.
            if st.st_mode & 0o027 != 0 {
                throw ServerError("\(file) has mode \(String(st.st_mode & 0o777, radix: 8)): users other than paced's may read or change the event log. Fix it with: chmod 600 \(path)*")
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
