import Glibc

/// Where `pace` looks for paced: `--socket PATH`, then `$PACE_SOCKET`, then
/// `./.pace/pace.sock` if it exists (a `make run` checkout), then `/run/pace/pace.sock`.
public enum SocketLocator {
    public static let systemPath = "/run/pace/pace.sock"
    public static let localPath = ".pace/pace.sock"

    /// `./.pace/pace.sock` is used only when the caller owns it and its directory, and
    /// nobody else may write to that directory: in a shared directory another user
    /// could plant a fake paced there. `warn` hears why a local socket was passed over.
    public static func resolve(flag: String?, environment: [String: String], warn: (String) -> Void = { _ in }) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["PACE_SOCKET"], !env.isEmpty { return env }
        var sock = stat(), dir = stat()
        if lstat(localPath, &sock) == 0 {
            let me = geteuid()
            if lstat(".pace", &dir) == 0, dir.st_mode & S_IFMT == S_IFDIR, dir.st_uid == me, dir.st_mode & 0o022 == 0,
               sock.st_mode & S_IFMT == S_IFSOCK, sock.st_uid == me {
                return localPath
            }
            warn("pace: not using ./\(localPath): it or its directory belongs to someone else or is writable by others. Using \(systemPath).")
        }
        return systemPath
    }
}
