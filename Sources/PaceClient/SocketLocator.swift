import Glibc

/// Where `pace` looks for paced: `--socket PATH`, then `$PACE_SOCKET`, then
/// `./.pace/pace.sock` if it exists (a `make run` checkout), then `/run/pace/pace.sock`.
public enum SocketLocator {
    public static let systemPath = "/run/pace/pace.sock"
    public static let localPath = ".pace/pace.sock"

    public static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["PACE_SOCKET"], !env.isEmpty { return env }
        if access(localPath, F_OK) == 0 { return localPath }
        return systemPath
    }
}
