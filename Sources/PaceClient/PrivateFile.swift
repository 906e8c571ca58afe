import Glibc

/// Files that are the user's alone (a login with its token, queued requests): made
/// 0600 in 0700 directories, written to a fresh temporary file (never through a link
/// or into a file someone made beforehand), fsynced, renamed into place, and the
/// directory fsynced so that the rename survives a crash.
enum PrivateFile {
    /// Creates `path` and its parents with mode 0700 where missing, and makes `path`
    /// itself 0700 whatever it was made with.
    static func makeDirectories(_ path: String) throws(ClientError) {
        var dir = ""
        for part in path.split(separator: "/") {
            dir += "/" + part
            if mkdir(dir, 0o700) != 0 && errno != EEXIST {
                throw ClientError.protocolError("cannot create \(dir): \(String(cString: strerror(errno)))")
            }
        }
        chmod(path, 0o700)
    }

    /// Writes `bytes` to `path` atomically and durably, mode 0600.
    static func write(_ bytes: [UInt8], to path: String) throws(ClientError) {
        let tmp = path + ".tmp"
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ClientError.protocolError("cannot write \(tmp): \(String(cString: strerror(errno)))") }
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard n == bytes.count, synced, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw ClientError.protocolError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let dir = open(String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
