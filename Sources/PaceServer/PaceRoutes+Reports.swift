import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

extension PaceRoutes {
    /// `GET /v1/report?team=&by=day|week|month&from=&to=&metric=` (the team's managers, admins).
    func report(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let org = access.org
        let q = request.uri.queryParameters
        let team = q.get("team") ?? ""
        guard org.teams[team] != nil else { throw Self.unknownTeam(team) }
        guard access.mayManage(team: team) else { throw APIError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its report.") }
        let grain = q.get("by") ?? "week"
        guard ["day", "week", "month"].contains(grain) else { throw APIError(.badRequest, "bad_by", "by must be day, week or month.") }
        let period = try Period(parsing: grain)
        // Today in the team's zone: at 07:00 on the 1st in Shanghai the month has begun.
        let today = snapshot.zones.zone(org.calendar(ofTeam: team).timeZone).local(clock()).date
        let from = try q.get("from").map { try Self.day($0, "from") } ?? CivilDate(year: today.year, month: today.month, day: 1)
        let to = try q.get("to").map { try Self.day($0, "to") } ?? today
        guard from <= to, to.daysSinceEpoch - from.daysSinceEpoch <= 366 else {
            throw APIError(.badRequest, "bad_range", "from must be on or before to, at most a year apart.")
        }
        let metric = try Metric(parsing: q.get("metric") ?? "revenue")
        let lastYear = lastYearActuals(org: org)
        // Periods cut to [from, to].
        var periods: [(label: String, start: CivilDate, end: CivilDate)] = []
        var d = from
        while d <= to {
            let (s, e) = period.bounds(containing: d)
            periods.append((period.label(containing: d), max(s, from), min(e, to)))
            d = e.adding(days: 1)
        }
        let actuals = try store.teamActuals(metric: metric.name, team: team, from: from, to: to)
        func cell(_ label: String, _ s: CivilDate, _ e: CivilDate, target: (CivilDate) -> Int64, actual: (CivilDate) -> Int64) -> ReportView.Cell {
            var t: Int128 = 0, a: Int128 = 0
            var x = s
            while x <= e { t += Int128(target(x)); a += Int128(actual(x)); x = x.adding(days: 1) }
            // Percent rounded half up, in 128 bits; clamped, as every figure.
            let percent = t > 0 ? Int(clamping: (200 * a + t) / (2 * t)) : nil
            return .init(period: label, actual: metric.decimal(Int64(clamping: a)), target: metric.decimal(Int64(clamping: t)), percent: percent)
        }
        let users = org.members(of: team).filter { m in m.spans.contains { $0.from <= to && ($0.until.map { $0 > from } ?? true) } }.map(\.user)
        // Plans once per year: the team's, and each member's own target or else their share of this team's.
        var teamPlans: [Int: YearPlan] = [:], userPlans: [String: [Int: YearPlan]] = [:]
        for year in Set([from.year, to.year]) {
            do {
                teamPlans[year] = try org.ownPlan(.init(scope: .team, name: team, metric: metric, year: year), lastYear: lastYear)?.plan
                let shares = try org.memberShares(team: team, metric: metric, year: year, lastYear: lastYear)
                for user in users {
                    userPlans[user, default: [:]][year] = try org.ownPlan(.init(scope: .user, name: user, metric: metric, year: year), lastYear: lastYear)?.plan
                        ?? shares?[user]
                }
            } catch let e as InputError {
                throw APIError(.unprocessableContent, e.code, e.message)
            }
        }
        let lines = users.map { user in
            ReportView.Line(user: user, cells: periods.map { p in
                cell(p.label, p.start, p.end, target: { userPlans[user]?[$0.year]?.target(on: $0) ?? 0 },
                     actual: { actuals[user]?[$0.description] ?? 0 })
            })
        }
        let totals = periods.map { p in
            cell(p.label, p.start, p.end, target: { teamPlans[$0.year]?.target(on: $0) ?? 0 },
                 actual: { x in actuals.values.map { $0[x.description] ?? 0 }.saturatingSum() })
        }
        return try JSONResponse.make(ReportView(team: team, metric: metric.name, by: grain, from: from.description, to: to.description,
                                                members: lines, totals: totals))
    }

    /// `GET /v1/customers?scope=user|team|all&name=&receivables=true`: customer accounts
    /// with their balances. A salesperson sees the accounts they own; a manager a
    /// member's accounts in the teams the manager manages, or a whole team's; admins all.
    func customers(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let org = access.org
        let q = request.uri.queryParameters
        let scope: CustomerScope
        switch q.get("scope") ?? "user" {
        case "team":
            let team = q.get("name") ?? ""
            guard org.teams[team] != nil else { throw Self.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw APIError(.forbidden, "forbidden", "Only \(team)'s managers and admins may list its customers.") }
            scope = .team(team)
        case "user":
            try access.requireTeam()
            let user = q.get("name") ?? access.name
            if access.caller.isAdmin || user == access.name {
                scope = .owner(user, teams: nil)
            } else {
                let teams = access.managedTeams(of: user)
                guard !teams.isEmpty else { throw APIError(.forbidden, "forbidden", "You (\(access.name)) may list only your own customers, and your team members' in your teams.") }
                scope = .owner(user, teams: teams)
            }
        case "all":
            guard access.caller.isAdmin else { throw APIError(.forbidden, "forbidden", "Only admins may list every customer.") }
            scope = .all
        default:
            throw APIError(.badRequest, "bad_scope", "scope must be user, team or all.")
        }
        var rows = try store.customers(scope)
        if q.get("receivables") == "true" {
            rows = rows.filter { $0.balance > 0 }.sorted { $0.balance > $1.balance }
        }
        return try JSONResponse.make(CustomerList(customers: rows.map {
            .init(team: $0.team, name: $0.name, owner: $0.owner ?? "", firstOrder: $0.firstOrderAt?.rfc3339() ?? "",
                  revenue: Money(minorUnits: $0.ordered).decimal, payments: Money(minorUnits: $0.paid).decimal,
                  receivable: Self.signedMoney($0.balance))
        }))
    }

    /// Minor units as a signed decimal amount: `-400.00`.
    static func signedMoney(_ minor: Int64) -> String {
        (minor < 0 ? "-" : "") + Money(minorUnits: Int64(clamping: Int128(minor).magnitude)).decimal
    }
}
