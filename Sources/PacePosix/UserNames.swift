import Glibc

/// Lookups in the system's user database (NSS), for messages and trust checks.
public enum UserNames {
    /// What NSS says of a login name.
    public enum Lookup: Sendable, Equatable {
        /// An account, with its uid and primary gid.
        case found(uid: UInt32, gid: UInt32)
        /// No such account.
        case absent
        /// The lookup failed (the directory could not be reached, no memory): the errno.
        case failed(errno: Int32)
    }

    /// `name` in the passwd database. A buffer too small (ERANGE) is retried larger, up
    /// to 1 MiB. glibc says "not found" with 0 and no entry; some NSS modules with
    /// ENOENT or ESRCH, which count as not found too.
    public static func lookup(_ name: String) -> Lookup {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        var code = getpwnam_r(name, &pwd, &buffer, buffer.count, &result)
        while code == ERANGE && buffer.count < 1 << 20 {
            buffer = [CChar](repeating: 0, count: buffer.count * 4)
            code = getpwnam_r(name, &pwd, &buffer, buffer.count, &result)
        }
        guard code == 0 || code == ENOENT || code == ESRCH else { return .failed(errno: code) }
        return result == nil ? .absent : .found(uid: pwd.pw_uid, gid: pwd.pw_gid)
    }

    /// The uid of the user `name`, nil when there is none (or the lookup failed).
    public static func uid(of name: String) -> UInt32? {
        if case .found(let uid, _) = lookup(name) { return uid }
        return nil
    }

    /// The login name of `uid`, nil when it has none.
    public static func name(of uid: UInt32) -> String? {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &pwd, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: pwd.pw_name)
    }
}
