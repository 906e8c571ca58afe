import Glibc

/// An exclusive POSIX record lock on `<database>.lock`, held for the life of the
/// process, so a second paced on the same database refuses to start.
///
/// A crashed process's lock is released by the kernel, so no stale lock survives.
/// The holder's pid comes from `F_GETLK`, so the error can name it.
final class DatabaseLock: Sendable {
    private let fd: Int32

    init(databasePath: String) throws {
        let path = databasePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(.database, "Cannot open \(path): \(String(cString: strerror(errno))). Check that the directory exists and is writable.")
        }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        var rc: Int32
        repeat { rc = fcntl(fd, F_SETLK, &lock) } while rc == -1 && errno == EINTR
        if rc == -1 {
            let err = errno
            var probe = flock()
            probe.l_type = Int16(F_WRLCK)
            probe.l_whence = Int16(SEEK_SET)
            let holder = fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != Int16(F_UNLCK) ? " by process \(probe.l_pid)" : ""
            close(fd)
            if err == EAGAIN || err == EACCES {
                throw StoreError(.locked, "The database \(databasePath) is in use\(holder). Only one paced may serve a database; stop the other one first.")
            }
            throw StoreError(.database, "Cannot lock \(path): \(String(cString: strerror(err))).")
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
