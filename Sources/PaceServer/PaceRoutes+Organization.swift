import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

extension PaceRoutes {
    static func view(of team: Organization.Team, in org: Organization, allSpans: Bool) -> TeamView {
        let cal = team.effectiveCalendar
        let members = org.members(of: team.name).flatMap { m in
            m.spans.filter { allSpans || $0.until == nil }.map { TeamView.Member(user: m.user, from: $0.from.description, until: $0.until?.description) }
        }
        return TeamView(name: team.name, managers: team.managers.sorted(), members: members, timeZone: cal.timeZone,
                        workdays: Self.describe(cal.workdays), hours: Self.clock(cal.startMinute) + "-" + Self.clock(cal.endMinute))
    }

    static func clock(_ minutes: Int) -> String {
        (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }

    /// `Mon-Fri`, `Mon-Thu,Sat`...: runs of consecutive weekdays.
    static func describe(_ days: Set<Weekday>) -> String {
        let sorted = days.sorted()
        var runs: [[Weekday]] = []
        for d in sorted {
            if let last = runs.last?.last, last.rawValue + 1 == d.rawValue { runs[runs.count - 1].append(d) } else { runs.append([d]) }
        }
        return runs.map { $0.count == 1 ? $0[0].short : "\($0[0].short)-\($0.last!.short)" }.joined(separator: ",")
    }

    /// `GET /v1/teams`
    func listTeams(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        // A user on no team sees nothing of the organisation (only `pace status`).
        try access.requireTeam()
        let org = access.org
        return try JSONResponse.make(TeamList(teams: org.teamOrder.compactMap { org.teams[$0] }.map { Self.view(of: $0, in: org, allSpans: false) }))
    }

    /// `GET /v1/teams/{team}`: with every membership span, past ones too.
    func showTeam(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        // A user on no team sees nothing of the organisation (only `pace status`).
        try access.requireTeam()
        let org = access.org
        let name = context.parameters.get("team") ?? ""
        guard let team = org.teams[name] else { throw Self.unknownTeam(name) }
        return try JSONResponse.make(Self.view(of: team, in: org, allSpans: true))
    }

    static func unknownTeam(_ name: String) -> APIError {
        APIError(.notFound, "unknown_team", "There is no team '\(name)'. See `pace team list`.")
    }

    func year(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("year") else { return today().year }
        guard let y = Int(text), (2000...2100).contains(y) else {
            throw APIError(.badRequest, "bad_year", "year=\(text) is not a year between 2000 and 2100.")
        }
        return y
    }

    /// `GET /v1/teams/{team}/calendar?year=`
    func showCalendar(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        // A user on no team sees nothing of the organisation (only `pace status`).
        try access.requireTeam()
        let org = access.org
        let name = context.parameters.get("team") ?? ""
        guard let team = org.teams[name] else { throw Self.unknownTeam(name) }
        let year = try year(request)
        let cal = team.effectiveCalendar
        let days = CivilDate.days(of: year)
        let months = (1...12).map { m in
            CalendarView.Month(month: "\(year)-\(m < 10 ? "0" : "")\(m)", workingDays: days.filter { $0.month == m && cal.isWorkingDay($0) }.count)
        }
        func inYear(_ list: [String: String]) -> [CalendarView.Day] {
            list.filter { $0.key.hasPrefix("\(year)-") }.sorted { $0.key < $1.key }.map { CalendarView.Day(date: $0.key, name: $0.value) }
        }
        return try JSONResponse.make(CalendarView(
            team: name, year: year, timeZone: cal.timeZone, workdays: Self.describe(cal.workdays),
            hours: Self.clock(cal.startMinute) + "-" + Self.clock(cal.endMinute), months: months,
            workingDays: months.reduce(0) { $0 + $1.workingDays }, holidays: inYear(cal.holidays), makeUpDays: inYear(cal.makeUpDays)))
    }

    /// `GET /v1/targets?scope=&name=&metric=&year=&by=`
    func showTarget(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let org = access.org
        let q = request.uri.queryParameters
        guard let scope = q.get("scope").flatMap(TargetEvent.Scope.init(rawValue:)) else {
            throw APIError(.badRequest, "bad_scope", "scope must be company, team or user.")
        }
        let name = scope == .company ? nil : (q.get("name") ?? access.name)
        let metric = try Metric(parsing: q.get("metric") ?? "")
        let year = try year(request)
        guard let grain = YearPlan.Grain(rawValue: q.get("by") ?? "month") else {
            throw APIError(.badRequest, "bad_by", "by must be one of: \(YearPlan.Grain.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        switch scope {
        case .company:
            guard access.caller.isAdmin || !org.teamsManaged(by: access.name).isEmpty else {
                throw APIError(.forbidden, "forbidden", "Company targets are for admins and managers.")
            }
        case .team:
            guard org.teams[name!] != nil else { throw Self.unknownTeam(name!) }
            guard access.mayManage(team: name!) else {
                throw APIError(.forbidden, "forbidden", "Only \(name!)'s managers and admins may read its targets.")
            }
        case .user:
            guard access.mayAct(for: name!) else {
                throw APIError(.forbidden, "forbidden", "You (\(access.name)) may read only your own targets.")
            }
        }
        let key = Organization.TargetKey(scope: scope, name: name, metric: metric, year: year)
        let lastYear = lastYearActuals(org: org)
        let resolved: Organization.ResolvedPlan?
        do {
            resolved = try org.plan(key, lastYear: lastYear)
        } catch let e as InputError {
            throw APIError(.unprocessableContent, e.code, e.message)
        }
        guard let resolved else {
            let who = scope == .company ? "the company" : "\(scope.rawValue) \(name!)"
            throw APIError(.notFound, "no_target", "No \(metric) target for \(who) in \(year). Set one with `pace target set \(metric) AMOUNT --year \(year) ...`.")
        }
        let rows = resolved.plan.rows(by: grain).map {
            TargetView.Row(period: $0.label, start: $0.start.description, end: $0.end.description, target: metric.decimal($0.target), workingDays: $0.workingDays)
        }
        var view = TargetView(scope: scope.rawValue, name: name, metric: metric.name, year: year, by: grain.rawValue,
                              source: resolved.source, total: metric.decimal(resolved.plan.total), rows: rows, warnings: resolved.warnings)
        if scope == .team, let shares = try org.memberShares(team: name!, metric: metric, year: year, lastYear: lastYear) {
            var members: [TargetView.MemberTotal] = []
            var sum: Int64 = 0
            for user in shares.keys.sorted() {
                let own = try org.ownPlan(Organization.TargetKey(scope: .user, name: user, metric: metric, year: year), lastYear: lastYear)
                let total = own?.plan.total ?? shares[user]!.total
                sum = sum.adding(saturating: total)
                members.append(.init(user: user, target: metric.decimal(total), source: own == nil ? "split of \(name!)" : "own"))
            }
            view.members = members
            view.membersTotal = metric.decimal(sum)
            let unallocated = Int128(resolved.plan.total) - Int128(sum)
            view.unallocated = (unallocated >= 0 ? "" : "-") + metric.decimal(Int64(clamping: unallocated.magnitude))
        }
        return try JSONResponse.make(view)
    }

    /// Monthly actuals of the year before a target's (see ``EventStore/lastYearActuals(org:)``).
    func lastYearActuals(org: Organization) -> Organization.LastYear { store.lastYearActuals(org: org) }
}
