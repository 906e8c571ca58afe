/// Who the users are, as far as the authorization rules need to know: implemented by
/// paced over the system's user database (NSS); in-process tests use a list.
public protocol UserLookup: Sendable {
    /// Whether `user` exists.
    func exists(user: String) -> Bool
    /// Whether `user` is an admin (root, or a member of the admin group).
    func isAdmin(user: String) -> Bool
}
