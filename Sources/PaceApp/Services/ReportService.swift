import PaceAPI
import PaceCore

/// A team's report: each member's actual against their own target, by period.
public struct ReportService: Sendable {
    let env: AppEnvironment

    /// The team's managers and admins. Periods are cut to [from, to], at most a year
    /// apart; the defaults are the month so far in the team's zone.
    public func report(_ q: ReportQuery, access: Access) throws -> ReportView {
        let org = access.org
        let team = q.team
        guard org.teams[team] != nil else { throw AppError.unknownTeam(team) }
        guard access.mayManage(team: team) else { throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its report.") }
        let period = try Period(parsing: q.by.rawValue)
        // Today in the team's zone: at 07:00 on the 1st in Shanghai the month has begun.
        let today = env.today(ofTeam: team, in: org)
        let from = q.from ?? CivilDate(year: today.year, month: today.month, day: 1)
        let to = q.to ?? today
        guard from <= to, to.daysSinceEpoch - from.daysSinceEpoch <= 366 else {
            throw AppError(.unprocessable, "bad_range", "from must be on or before to, at most a year apart.")
        }
        let metric = q.metric
        let lastYear = env.lastYearActuals(org: org)
        var periods: [(label: String, start: CivilDate, end: CivilDate)] = []
        var d = from
        while d <= to {
            let (s, e) = period.bounds(containing: d)
            periods.append((period.label(containing: d), max(s, from), min(e, to)))
            d = e.adding(days: 1)
        }
        let actuals = try env.store.teamActuals(metric: metric.name, team: team, from: from, to: to)
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
        try AppError.unprocessable {
            for year in Set([from.year, to.year]) {
                teamPlans[year] = try org.ownPlan(.init(scope: .team, name: team, metric: metric, year: year), lastYear: lastYear)?.plan
                let shares = try org.memberShares(team: team, metric: metric, year: year, lastYear: lastYear)
                for user in users {
                    userPlans[user, default: [:]][year] = try org.ownPlan(.init(scope: .user, name: user, metric: metric, year: year), lastYear: lastYear)?.plan
                        ?? shares?[user]
                }
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
        return ReportView(team: team, metric: metric.name, by: q.by.rawValue, from: from.description, to: to.description, members: lines, totals: totals)
    }
}
