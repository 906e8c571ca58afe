import PaceCore

/// Who may change teams, calendars and targets, and what makes such a change valid.
/// Checked against the organisation as it is just before the event is appended.
public enum ManagementRules {
    /// - Parameters:
    ///   - today: today in a calendar's zone: a team's for its members, the target's
    ///     calendar for a target's "past days" (never the machine's or UTC's today).
    ///   - zoneExists: whether an IANA zone name is known (paced asks Foundation's tz database).
    public static func check(_ payload: EventPayload, access: Access, today todayIn: (WorkCalendar) -> CivilDate,
                             users: any UserLookup, zoneExists: (String) -> Bool) throws {
        let org = access.org
        func adminOnly(_ what: String) throws {
            guard access.caller.isAdmin else {
                throw AppError(.forbidden, "forbidden", "Only an admin (root or group pace-admin) may \(what). Ask one to do it.")
            }
        }
        func requireTeam(_ team: String) throws {
            guard org.teams[team] != nil else {
                throw AppError(.notFound, "unknown_team", "There is no team '\(team)'. See `pace team list`, or create it with `pace team create \(team)`.")
            }
        }
        func requireUser(_ user: String) throws {
            guard PaceUsers(system: users, org: org).exists(user: user) else {
                throw AppError(.unprocessable, "unknown_user", "There is no user '\(user)'. Add them with `pace user add \(user) --name \"...\"`, or check the name with `pace user list`.")
            }
        }
        switch payload {
        case .user(let u):
            try adminOnly("add users")
            if let known = org.users[u.name], known.displayName == u.displayName, known.email == u.email, known.displayName != nil || known.email != nil {
                throw AppError(.conflict, "user_exists", "\(u.name) is a Pace user already, with this name and email. See `pace user show \(u.name)`.")
            }
        case .team(let t):
            try adminOnly("create teams")
            guard org.teams[t.name] == nil else {
                throw AppError(.conflict, "team_exists", "The team '\(t.name)' exists already. See `pace team show \(t.name)`.")
            }
            for m in t.managers { try requireUser(m) }
        case .member(let m):
            try requireTeam(m.team)
            guard access.mayManage(team: m.team) else {
                throw AppError(.forbidden, "forbidden", "Only an admin or a manager of \(m.team) may change its members.")
            }
            try requireUser(m.user)
            let current = org.spans[m.user]?.last(where: { $0.until == nil })
            // A manager's changes start today or later and touch only teams they manage:
            // back-dating rewrites past splits, and taking someone from another team, or
            // adding an admin, would open their data to this manager.
            if !access.caller.isAdmin {
                let local = todayIn(org.calendar(ofTeam: m.team))
                if m.fromDate < local {
                    throw AppError(.forbidden, "forbidden", "--from \(m.fromDate) is in the past; only an admin may back-date a membership change. Use --from \(local) or later, or ask an admin.")
                }
                if users.isAdmin(user: m.user) {
                    throw AppError(.forbidden, "forbidden", "\(m.user) is an admin; only an admin may add an admin to a team.")
                }
                if m.action == .add, let c = current, c.team != m.team, !access.mayManage(team: c.team) {
                    throw AppError(.forbidden, "forbidden", "\(m.user) is in \(c.team), which you do not manage; only an admin (or a manager of both teams) may move them to \(m.team).")
                }
            }
            switch m.action {
            case .add:
                if current?.team == m.team {
                    throw AppError(.conflict, "already_member", "\(m.user) is in \(m.team) already (since \(current!.from)).")
                }
                if let c = current, m.fromDate < c.from {
                    throw AppError(.unprocessable, "bad_from", "\(m.user) joined \(c.team) on \(c.from); a move must start on or after that day.")
                }
            case .remove:
                guard current?.team == m.team else {
                    throw AppError(.unprocessable, "not_member", "\(m.user) is not in \(m.team) now. See `pace team show \(m.team)`.")
                }
                if m.fromDate <= current!.from {
                    throw AppError(.unprocessable, "bad_from", "\(m.user) joined \(m.team) on \(current!.from); --from must be after that.")
                }
            }
        case .calendar(let c):
            try adminOnly("change work calendars")
            try requireTeam(c.team)
            if c.change == .set, let tz = c.timeZone, !zoneExists(tz) || !tz.contains("/") && tz != "UTC" {
                throw AppError(.unprocessable, "bad_tz", "'\(tz)' is not an IANA time zone. Use a name like Asia/Shanghai, Europe/Berlin or America/New_York.")
            }
            if c.change == .workday, let day = c.from.flatMap({ CivilDate(iso: Substring($0)) }),
               org.calendar(ofTeam: c.team).isWorkingDay(day) {
                throw AppError(.unprocessable, "already_workday", "\(day) is already a working day for \(c.team); a make-up day is a day off that is worked.")
            }
        case .target(let t):
            switch t.scope {
            case .company:
                try adminOnly("set company targets")
            case .team:
                try requireTeam(t.name ?? "")
                guard access.mayManage(team: t.name ?? "") else {
                    throw AppError(.forbidden, "forbidden", "Only an admin or a manager of \(t.name ?? "") may set its targets.")
                }
                // A manager who is also a member would set their own share.
                if !access.caller.isAdmin, let split = t.split, case .shares(let shares)? = try? TargetSplit(parsing: split),
                   shares.contains(where: { $0.user == access.name }) {
                    throw AppError(.forbidden, "forbidden", "The split sets your own share of \(t.name ?? "")'s target, and nobody sets their own target but an admin. "
                        + "Ask an admin or another manager of \(t.name ?? ""), or use --split workdays or equal.")
                }
            case .user:
                try requireUser(t.name ?? "")
                if t.name == access.name && !access.caller.isAdmin {
                    let team = org.currentTeam(of: access.name)
                    let others = team.map { org.teams[$0]?.managers.subtracting([access.name]).sorted() ?? [] } ?? []
                    throw AppError(.forbidden, "forbidden", "Nobody sets their own target but an admin. Ask an admin"
                        + (others.isEmpty ? "" : " or another manager of \(team!) (\(others.joined(separator: ", ")))") + " to set it.")
                }
                guard access.caller.isAdmin || access.manages(user: t.name ?? "") else {
                    throw AppError(.forbidden, "forbidden", "Only an admin or \(t.name ?? "")'s team manager may set their targets.")
                }
                // A manager sets a member's target for the days from when they joined the
                // manager's team, never for their days in another team.
                if !access.caller.isAdmin, let user = t.name, let span = org.spans[user]?.last(where: { $0.until == nil }) {
                    let joined = span.from
                    if t.year < joined.year || (t.year == joined.year && joined > CivilDate(year: t.year, month: 1, day: 1) && (t.fromDate ?? CivilDate(year: t.year, month: 1, day: 1)) < joined) {
                        throw AppError(.forbidden, "forbidden", "\(user) joined \(span.team) on \(joined); you may set their targets from that day on"
                            + (t.year == joined.year ? ": add --from \(joined) or later." : ". Their \(t.year) targets are for an admin to change."))
                    }
                }
            }
            let key = Organization.TargetKey(scope: t.scope, name: t.name, metric: t.metric, year: t.year)
            let today = todayIn(org.calendar(for: key).inForce(on: todayIn(.standard)))
            if let previous = org.targets[key]?.last {
                if t.year < today.year {
                    throw AppError(.unprocessable, "year_over", "\(t.year) is over; its targets no longer change.")
                }
                if let from = t.fromDate {
                    if t.year == today.year && from < today {
                        throw AppError(.unprocessable, "bad_from", "--from \(from) is in the past; past days keep their targets. Use --from \(today) or later.")
                    }
                    if let last = previous.fromDate, from < last {
                        throw AppError(.unprocessable, "overlapping_from", "A change from \(last) exists already; a new change must start on or after it.")
                    }
                } else if t.year == today.year {
                    throw AppError(.unprocessable, "bad_from", "The \(t.year) target is set already and the year has begun: say from when the change applies, e.g. --from \(today).")
                }
            }
            // The new version must decompose (e.g. a profile whose months have no working days is refused).
            var next = org
            next.apply(payload)
            do {
                _ = try next.ownPlan(key)
            } catch let e as InputError {
                throw AppError(.unprocessable, e.code, e.message)
            }
        default:
            break
        }
    }

    /// A goal's action plan: a user's by themself, their manager or an admin; a team's by its managers or an admin.
    public static func checkGoal(_ g: GoalPlan, access: Access, users: any UserLookup) throws {
        switch g.scope {
        case .team:
            guard access.org.teams[g.name] != nil else {
                throw AppError(.notFound, "unknown_team", "There is no team '\(g.name)'. See `pace team list`.")
            }
            guard access.mayManage(team: g.name) else {
                throw AppError(.forbidden, "forbidden", "Only \(g.name)'s managers and admins may write its goal plans.")
            }
        case .user:
            try access.requireTeam()
            guard access.mayAct(for: g.name) else {
                throw AppError(.forbidden, "forbidden", "You (\(access.name)) may write only your own goal plans; \(g.name)'s is theirs or their manager's.")
            }
            guard PaceUsers(system: users, org: access.org).exists(user: g.name) else {
                throw AppError(.unprocessable, "unknown_user", "There is no user '\(g.name)' on this machine.")
            }
        case .company:
            throw AppError(.unprocessable, "bad_scope", "A goal plan is for a user or a team.")
        }
    }
}
