import PaceCore
import PaceStore

/// Who is calling: decided once per request, from the kernel (the socket peer's uid).
public struct Caller: Sendable, Equatable {
    public var uid: UInt32
    public var name: String
    /// Root, or a member of the admin group (`pace-admin`).
    public var isAdmin: Bool

    public init(uid: UInt32, name: String, isAdmin: Bool) {
        self.uid = uid
        self.name = name
        self.isAdmin = isAdmin
    }
}

/// A caller's role in the organisation as it is now.
public enum Role: String, Sendable {
    case admin, manager, salesperson
    case none = "not on a team"
}

/// What a caller may do, given the organisation: admins anything; a team's manager
/// reads that team's data, sets its targets and logs for its members; a salesperson
/// logs and reads their own; a user on no team nothing but `status`.
///
/// Access to an event, or to a person's figures, is decided by the team it counted
/// for when it happened, never by the person's team today: a manager sees a member's
/// events from the days they were in a team the manager manages, and nothing from
/// before they joined or after they left.
public struct Access: Sendable {
    public let caller: Caller
    public let org: Organization

    public init(caller: Caller, org: Organization) {
        self.caller = caller
        self.org = org
    }

    public var name: String { caller.name }

    public var role: Role {
        if caller.isAdmin { return .admin }
        if !org.teamsManaged(by: name).isEmpty { return .manager }
        if org.currentTeam(of: name) != nil { return .salesperson }
        return .none
    }

    /// Whether the caller manages the team `user` is in now.
    public func manages(user: String) -> Bool {
        guard let team = org.currentTeam(of: user) else { return false }
        return org.manages(name, team: team)
    }

    /// Whether the caller manages a team that `user` belonged to on some day of [from, to].
    public func manages(user: String, from: CivilDate, to: CivilDate) -> Bool {
        !managedTeams(of: user, from: from, to: to).isEmpty
    }

    /// The teams the caller manages that `user` belonged to on some day of [from, to].
    public func managedTeams(of user: String, from: CivilDate, to: CivilDate) -> Set<String> {
        Set((org.spans[user] ?? []).filter { span in
            span.from <= to && (span.until.map { $0 > from } ?? true) && org.manages(name, team: span.team)
        }.map(\.team))
    }

    /// The teams the caller manages that `user` ever belonged to.
    public func managedTeams(of user: String) -> Set<String> {
        Set((org.spans[user] ?? []).map(\.team).filter { org.manages(name, team: $0) })
    }

    /// Refuses a non-admin who is on no team and manages none, saying how to get added.
    public func requireTeam() throws {
        guard role == .none else { return }
        throw AppError(.forbidden, "not_on_team",
                       "You (\(name)) are on no team yet. Ask an admin or your manager to add you: pace team add TEAM \(name)")
    }

    /// Log for `subject` now, or read `subject`'s current plan and goals: oneself, an
    /// admin, or the manager of the team `subject` is in now.
    public func mayAct(for subject: String) -> Bool { caller.isAdmin || subject == name || manages(user: subject) }

    public func mayManage(team: String) -> Bool { caller.isAdmin || org.manages(name, team: team) }

    /// The team `e` counted for when it happened: its attribution for activity events,
    /// else its subject's team on the UTC day it happened.
    public func team(of e: StoredEvent) -> String? {
        if let t = e.team { return t.isEmpty ? nil : t }
        if let team = Subject(stored: e.subject).team { return team }
        return org.team(of: e.subject, on: FixedOffsetZone.utc.local(e.occurredAt).date)
    }

    /// Void `e`, or read it as part of its subject's data: an admin, its subject, or a
    /// manager of the team it counted for when it happened.
    public func mayActOn(_ e: StoredEvent) -> Bool {
        if caller.isAdmin || e.subject == name { return true }
        if Subject(stored: e.subject) == .company { return false }
        return team(of: e).map { org.manages(name, team: $0) } ?? false
    }

    /// See `e` at all: as ``mayActOn(_:)``, or its recorder (what you wrote you may see).
    public func mayRead(_ e: StoredEvent) -> Bool {
        // A token's record (its hash, label, expiry) is for its owner and admins only.
        if e.type == EventType.token.rawValue { return caller.isAdmin || e.subject == name }
        return mayActOn(e) || (e.recordedBy == name && e.recordedBy != Subject.paced)
    }
}

