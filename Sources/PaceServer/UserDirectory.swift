import PaceApp
import Glibc
import Synchronization

/// Unix users and groups, from the system's passwd and group databases (NSS).
///
/// Lookups are cached for a few seconds: an append must not read /etc/group each
/// time, yet adding someone to `pace-admin` takes effect without a restart.
final class UserDirectory: UserLookup {
    private let adminGroup: String
    private let ttlNanoseconds: UInt64
    private let cache = Mutex<[UInt32: (caller: Caller, expires: UInt64)]>([:])
    private let names = Mutex<[String: (account: (exists: Bool, isAdmin: Bool), expires: UInt64)]>([:])

    init(adminGroup: String, ttlSeconds: UInt64 = 5) {
        self.adminGroup = adminGroup
        ttlNanoseconds = ttlSeconds * 1_000_000_000
    }

    func caller(uid: UInt32, gid: UInt32) throws -> Caller {
        let now = Self.monotonicNanoseconds()
        if let hit = cache.withLock({ $0[uid] }), hit.expires > now { return hit.caller }
        guard let name = Self.userName(uid: uid) else {
            throw APIError(.forbidden, "unknown_user",
                           "Your uid \(uid) has no user name on the paced host. Ask the administrator to create a user account for you.")
        }
        let caller = Caller(uid: uid, name: name, isAdmin: uid == 0 || isMember(user: name, primaryGroup: gid, of: adminGroup))
        cache.withLock { $0[uid] = (caller, now + ttlNanoseconds) }
        return caller
    }

    /// Whether `name` is a user of this machine (cached like the uids).
    func exists(user name: String) -> Bool { account(named: name).exists }

    /// Whether the user `name` is an admin: root, or a member of the admin group.
    func isAdmin(user name: String) -> Bool { account(named: name).isAdmin }

    /// `name`'s account as NSS has it, looked up at most once per ``ttlNanoseconds``:
    /// remote requests (bearer tokens, dashboard sessions) ask for it on every request.
    /// The table is emptied when it reaches 10,000 names, since callers may ask about
    /// any name (`--for`).
    private func account(named name: String) -> (exists: Bool, isAdmin: Bool) {
        let now = Self.monotonicNanoseconds()
        if let hit = names.withLock({ $0[name] }), hit.expires > now { return hit.account }
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        var account = (exists: false, isAdmin: false)
        if getpwnam_r(name, &pwd, &buffer, buffer.count, &result) == 0, result != nil {
            account = (true, pwd.pw_uid == 0 || isMember(user: name, primaryGroup: pwd.pw_gid, of: adminGroup))
        }
        names.withLock {
            if $0.count >= 10_000 { $0.removeAll() }
            $0[name] = (account, now + ttlNanoseconds)
        }
        return account
    }

    static func userName(uid: UInt32) -> String? {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &pwd, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: pwd.pw_name)
    }

    private func isMember(user: String, primaryGroup: UInt32, of groupName: String) -> Bool {
        var grp = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getgrnam_r(groupName, &grp, &buffer, buffer.count, &result) == 0, result != nil else { return false }
        let gid = grp.gr_gid
        if gid == primaryGroup { return true }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primaryGroup, &groups, &count) == -1 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(user, primaryGroup, &groups, &count) != -1 else { return false }
        }
        return groups.prefix(Int(count)).contains(gid)
    }

    static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
