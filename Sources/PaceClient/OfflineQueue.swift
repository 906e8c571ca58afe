#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import PaceAPI
import PaceCore

/// Appends that could not reach paced, kept on the client until they can: one file per
/// request under `$XDG_STATE_HOME/pace/queue/SERVER-USER/` (default
/// `~/.local/state/pace/queue/...`), written to a temporary file, fsynced and renamed
/// into place. Each request carries its id and the time it was logged, so sending it
/// again is harmless and offline work counts on the day it happened. A request paced
/// refuses is moved to `failed/` beside its reason, never dropped silently.
public struct OfflineQueue: Sendable {
    public let directory: String

    /// A queued request, in the order it was made.
    public struct Entry: Codable, Sendable, Equatable {
        public var request: AppendRequest
        public var queuedAt: Timestamp
        /// Why paced refused it (entries in `failed/` only).
        public var reason: String?

        public init(request: AppendRequest, queuedAt: Timestamp, reason: String? = nil) {
            self.request = request
            self.queuedAt = queuedAt
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case request, reason
            case queuedAt = "queued_at"
        }
    }

    /// The queue of `server` (a URL or socket path) for `user` (who the client signs in as).
    public init?(server: String, user: String, environment: [String: String]) {
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { base = xdg }
        else if let home = environment["HOME"] { base = home + "/.local/state" }
        else { return nil }
        // FNV-1a over server and user: a short, stable directory name.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in (server + "\n" + user).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let readable = String(server.filter { $0.isLetter || $0.isNumber }.suffix(24))
        directory = base + "/pace/queue/" + readable + "-" + String(h, radix: 16)
    }

    var failedDirectory: String { directory + "/failed" }

    /// Stores `request` (fsynced) and returns its entry.
    @discardableResult
    public func enqueue(_ request: AppendRequest, at now: Timestamp) throws(ClientError) -> Entry {
        let entry = Entry(request: request, queuedAt: now)
        try PrivateFile.makeDirectories(directory)
        let ms = String(now.milliseconds)
        let id = request.id?.text ?? "none"
        let name = String(repeating: "0", count: max(0, 13 - ms.count)) + ms + "-" + id + ".json"
        try write(entry, to: directory + "/" + name)
        return entry
    }

    /// Why the queue's lock could not be taken: its file cannot be opened or locked.
    public struct LockError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `body` holding the queue's lock (`flock` on `DIR/.lock`, a file created
    /// 0600 in the 0700 queue directory), so that two pace commands of the same account
    /// never send the same queued requests at once. With `wait`, waits for the other
    /// command (a second `pace sync`: it then finds what the first sent gone);
    /// without, returns nil at once while another holds it. Throws ``LockError``.
    public func exclusively<T>(wait: Bool, _ body: () throws -> T) throws -> T? {
        do {
            try PrivateFile.makeDirectories(directory)
        } catch {
            throw LockError(description: "\(error)")
        }
        let path = directory + "/.lock"
        // flock needs no write access; never follow a link planted there.
        let fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LockError(description: "Cannot open the offline queue's lock \(path): \(String(cString: strerror(errno))).") }
        defer { close(fd) }  // which also releases the lock
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EWOULDBLOCK { return nil }
            guard errno == EINTR else { throw LockError(description: "Cannot lock the offline queue's lock \(path): \(String(cString: strerror(errno))).") }
        }
        return try body()
    }

    /// Whether nothing waits in the queue (readable or not): one directory read, no lock.
    public var isEmpty: Bool { Self.names(in: directory).isEmpty }

    /// The queued requests, oldest first, with their file names.
    public func pending() -> [(file: String, entry: Entry)] { Self.entries(in: directory) }

    /// The requests paced refused, with their reasons.
    public func failed() -> [(file: String, entry: Entry)] { Self.entries(in: failedDirectory) }

    public func remove(_ file: String) { unlink(file) }

    /// Moves a refused request to `failed/` with paced's reason.
    public func fail(_ file: String, entry: Entry, reason: String) throws(ClientError) {
        var e = entry
        e.reason = reason
        try PrivateFile.makeDirectories(failedDirectory)
        try write(e, to: failedDirectory + "/" + (file.split(separator: "/").last.map(String.init) ?? "request.json"))
        unlink(file)
    }

    /// Puts a failed request back in the queue, to be sent again.
    public func retry(_ file: String, entry: Entry) throws(ClientError) {
        var e = entry
        e.reason = nil
        try write(e, to: directory + "/" + (file.split(separator: "/").last.map(String.init) ?? "request.json"))
        unlink(file)
    }

    private func write(_ entry: Entry, to path: String) throws(ClientError) {
        guard let data = try? JSONEncoder().encode(entry) else { throw ClientError.protocolError("cannot encode a queued request") }
        try PrivateFile.write([UInt8](data), to: path)
    }

    /// Files in the queue that are not requests pace can read (left alone, reported).
    public func unreadable() -> [String] {
        Self.names(in: directory).filter { name in Self.entry(at: directory + "/" + name) == nil }.map { directory + "/" + $0 }
    }

    /// The `.json` names in `dir`, sorted.
    static func names(in dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json") { names.append(name) }
        }
        return names.sorted()
    }

    /// The request in `path`: a regular file (never a FIFO or a link) of at most 1 MiB.
    static func entry(at path: String) -> Entry? {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size <= 1 << 20 else { return nil }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: Data(bytes))
    }

    static func entries(in dir: String) -> [(file: String, entry: Entry)] {
        names(in: dir).compactMap { name in entry(at: dir + "/" + name).map { (dir + "/" + name, $0) } }
    }
}
