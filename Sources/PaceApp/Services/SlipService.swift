import PaceAPI
import PaceCore

/// The slips paced recorded: days and weeks behind, recoveries, missed milestones.
public struct SlipService: Sendable {
    let env: AppEnvironment

    /// Slips since a day (default: 7 days ago, UTC). A salesperson sees their own; a
    /// manager also their teams' and members'; an admin everyone's. `team` narrows to
    /// one team (its managers and admins).
    public func slips(_ q: SlipQuery, access: Access) throws -> SlipList {
        let since = q.since ?? env.utcToday().adding(days: -7)
        if let team = q.team {
            guard access.org.teams[team] != nil else { throw AppError.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its slips.") }
        } else if !access.caller.isAdmin {
            try access.requireTeam()
        }
        let managed = Set(access.org.teamsManaged(by: access.name))
        var rows: [SlipList.Row] = []
        let from = FixedOffsetZone.utc.instant(of: LocalDateTime(date: since, hour: 0, minute: 0))
        for e in try env.store.slips(since: from) {
            guard case .slip(let s)? = try e.payload() else { continue }
            if let team = q.team, s.team != team { continue }
            guard access.caller.isAdmin || e.subject == access.name || managed.contains(s.team) else { continue }
            rows.append(.init(seq: e.seq, subject: e.subject, at: e.occurredAt, slip: s, message: s.message(subject: e.subject)))
        }
        return SlipList(slips: rows)
    }
}
