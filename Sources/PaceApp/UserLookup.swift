import PaceCore

/// Who the users are, as far as the authorization rules need to know: implemented by
/// paced over the system's user database (NSS); in-process tests use a list.
public protocol UserLookup: Sendable {
    /// Whether `user` exists.
    func exists(user: String) -> Bool
    /// Whether `user` is an admin (root, or a member of the admin group).
    func isAdmin(user: String) -> Bool
}

/// The users Pace knows: Pace users (added with `user` events, or named as members and
/// managers) and the system's users. Admins are the system's (root, the admin group).
public struct PaceUsers: UserLookup {
    public let system: any UserLookup
    public let org: Organization

    public init(system: any UserLookup, org: Organization) {
        self.system = system
        self.org = org
    }

    public func exists(user: String) -> Bool { org.users[user] != nil || system.exists(user: user) }
    public func isAdmin(user: String) -> Bool { system.isAdmin(user: user) }
}
