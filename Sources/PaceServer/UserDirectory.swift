import PaceApp
import PacePosix
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
    private let names = Mutex<[String: (isAdmin: Bool, expires: UInt64)]>([:])

    init(adminGroup: String, ttlSeconds: UInt64 = 5) {
        self.adminGroup = adminGroup
        ttlNanoseconds = ttlSeconds * 1_000_000_000
    }

    func caller(uid: UInt32, gid: UInt32) throws -> Caller {
        let now = Self.monotonicNanoseconds()
        if let hit = cache.withLock({ $0[uid] }), hit.expires > now { return hit.caller }
        guard let name = UserNames.name(of: uid) else {
            throw APIError(.forbidden, "unknown_user",
                           "Your uid \(uid) has no user name on the paced host. Ask the administrator to create a user account for you.")
        }
        let caller = Caller(uid: uid, name: name, isAdmin: uid == 0 || isMember(user: name, primaryGroup: gid, of: adminGroup))
        cache.withLock { $0[uid] = (caller, now + ttlNanoseconds) }
        return caller
    }

    /// Whether `name` is a user of this machine. A lookup that fails (the directory
    /// cannot be reached) says yes, so that an outage of NSS does not lock everyone
    /// out; it is looked up again on the next request.
    func exists(user name: String) -> Bool {
        switch account(named: name) {
        case .found, .unknown: true
        case .absent: false
        }
    }

    /// Whether the user `name` is an admin: root, or a member of the admin group.
    func isAdmin(user name: String) -> Bool {
        if case .found(let isAdmin) = account(named: name) { return isAdmin }
        return false
    }

    /// What NSS says of a name: an account (and whether it is an admin), none, or
    /// nothing (an error other than "not found").
    private enum Account {
        case found(isAdmin: Bool)
        case absent
        case unknown
    }

    /// `name`'s account, looked up at most once per ``ttlNanoseconds`` while it is
    /// found: remote requests (bearer tokens, dashboard sessions) ask on every request,
    /// so a deleted account is seen within that time. A name not found, or a failed
    /// lookup, is not kept: an account made a moment ago counts at once. The table is
    /// emptied when it reaches 10,000 names.
    private func account(named name: String) -> Account {
        let now = Self.monotonicNanoseconds()
        if let hit = names.withLock({ $0[name] }), hit.expires > now { return .found(isAdmin: hit.isAdmin) }
        let isAdmin: Bool
        switch UserNames.lookup(name) {
        case .found(let uid, let gid): isAdmin = uid == 0 || isMember(user: name, primaryGroup: gid, of: adminGroup)
        case .absent: return .absent
        case .failed: return .unknown
        }
        names.withLock {
            if $0.count >= 10_000 { $0.removeAll() }
            $0[name] = (isAdmin, now + ttlNanoseconds)
        }
        return .found(isAdmin: isAdmin)
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
