/// Who is calling, and what they may do. Built from the peer's uid.
public struct Caller: Sendable, Equatable {
    public var uid: UInt32
    public var name: String
    /// Root, or a member of the admin group (`pace-admin`).
    public var isAdmin: Bool

    public var role: String { isAdmin ? "admin" : "salesperson" }

    /// Whether the caller may log or read events that count for `subject`.
    /// For now: their own, or anyone's for an admin. Team managers come with teams.
    public func mayAct(for subject: String) -> Bool { isAdmin || subject == name }
}
