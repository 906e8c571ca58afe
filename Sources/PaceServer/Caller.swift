import PaceCore

/// Who is calling. Built from the peer's uid.
public struct Caller: Sendable, Equatable {
    public var uid: UInt32
    public var name: String
    /// Root, or a member of the admin group (`pace-admin`).
    public var isAdmin: Bool
}

/// What a caller may do, given the organisation: admins anything; a team's manager
/// reads that team's data, sets its targets and logs for its members; a salesperson
/// logs and reads their own; a user on no team nothing but `status`.
struct Access: Sendable {
    let caller: Caller
    let org: Organization

    var name: String { caller.name }

    var role: String {
        if caller.isAdmin { return "admin" }
        if !org.teamsManaged(by: name).isEmpty { return "manager" }
        if org.currentTeam(of: name) != nil { return "salesperson" }
        return "not on a team"
    }

    /// Whether the caller manages the team `user` is in now.
    func manages(user: String) -> Bool {
        guard let team = org.currentTeam(of: user) else { return false }
        return org.manages(name, team: team)
    }

    /// Refuses a non-admin who is on no team and manages none, saying how to get added.
    func requireTeam() throws {
        guard !caller.isAdmin, org.currentTeam(of: name) == nil, org.teamsManaged(by: name).isEmpty else { return }
        throw APIError(.forbidden, "not_on_team",
                       "You (\(name)) are on no team yet. Ask an admin or your manager to add you: pace team add TEAM \(name)")
    }

    /// Log, void or read events that count for `subject`.
    func mayAct(for subject: String) -> Bool { caller.isAdmin || subject == name || manages(user: subject) }

    func mayManage(team: String) -> Bool { caller.isAdmin || org.manages(name, team: team) }
}
