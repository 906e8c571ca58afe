/// Why a call to paced failed. Each case maps to a sysexits exit code for the CLI.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// paced is not reachable at `path` (`errno` from connect, or 0 when unknown).
    case unreachable(path: String, errno: Int32, detail: String)
    /// paced answered with an error.
    case api(status: Int, code: String, message: String)
    /// The connection broke or paced's answer could not be read.
    case protocolError(String)
    /// The process at `path` runs as `uid`: not root, paced's user, nor the caller.
    case untrusted(path: String, uid: UInt32, user: String?)

    public var description: String {
        switch self {
        case .unreachable(let path, _, let detail) where path.hasPrefix("https://"):
            return "Cannot reach paced at \(path): \(detail). Check the address, that paced serves it (paced --listen), "
                + "and the CA that signed its certificate (pace login --ca FILE, or $PACE_CA)."
        case .unreachable(let path, _, let detail):
            return "Cannot reach paced at \(path): \(detail). Start it with `make run` (development) or `systemctl start paced`, or point to it with --socket PATH or $PACE_SOCKET."
        case .api(_, _, let message):
            return message
        case .protocolError(let m):
            return "paced's answer could not be read: \(m)"
        case .untrusted(let path, let uid, let user):
            return "The process listening on \(path) runs as \(user ?? "uid \(uid)"), not as root, pace or you; nothing was sent to it. "
                + "Someone else may have put that socket there. Use paced's own socket with --socket /run/pace/pace.sock."
        }
    }

    /// The sysexits code for this error: 69 unavailable, 77 permission, 65 data, 64 usage.
    public var exitCode: Int32 {
        switch self {
        case .unreachable: return 69
        case .protocolError: return 69
        case .untrusted: return 77
        case .api(let status, _, _):
            switch status {
            case 401, 403: return 77
            case 429, 503, 507: return 75
            case 404, 409, 413, 422, 400: return 65
            case 400..<500: return 64
            default: return 70
            }
        }
    }
}
