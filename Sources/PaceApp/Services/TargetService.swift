import PaceAPI
import PaceCore

/// Targets as planned: a subject's year broken down by period, and a team's members' shares.
public struct TargetService: Sendable {
    let env: AppEnvironment

    /// A company target for admins and managers; a team's for its managers; a
    /// user's for themself, their manager and admins.
    public func show(_ q: TargetQuery, access: Access) throws -> TargetView {
        let org = access.org
        let name = q.scope == .company ? nil : (q.name ?? access.name)
        let year = q.year ?? env.utcToday().year
        let metric = q.metric
        switch Subject(scope: q.scope, name: name) {
        case .company:
            guard access.caller.isAdmin || !org.teamsManaged(by: access.name).isEmpty else {
                throw AppError(.forbidden, "forbidden", "Company targets are for admins and managers.")
            }
        case .team(let team):
            guard org.teams[team] != nil else { throw AppError.unknownTeam(team) }
            guard access.mayManage(team: team) else {
                throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its targets.")
            }
        case .user(let user):
            guard access.mayAct(for: user) else {
                throw AppError(.forbidden, "forbidden", "You (\(access.name)) may read only your own targets.")
            }
        }
        let key = Organization.TargetKey(scope: q.scope, name: name, metric: metric, year: year)
        let lastYear = env.lastYearActuals(org: org)
        guard let resolved = try AppError.unprocessable({ try org.plan(key, lastYear: lastYear) }) else {
            let who = q.scope == .company ? "the company" : "\(q.scope.rawValue) \(name ?? "")"
            throw AppError(.notFound, "no_target", "No \(metric) target for \(who) in \(year). Set one with `pace target set \(metric) AMOUNT --year \(year) ...`.")
        }
        let rows = resolved.plan.rows(by: q.by).map {
            TargetView.Row(period: $0.label, start: $0.start.description, end: $0.end.description, target: metric.decimal($0.target), workingDays: $0.workingDays)
        }
        var view = TargetView(scope: q.scope.rawValue, name: name, metric: metric.name, year: year, by: q.by.rawValue,
                              source: resolved.source, total: metric.decimal(resolved.plan.total), rows: rows, warnings: resolved.warnings)
        if q.scope == .team, let team = name, let shares = try org.memberShares(team: team, metric: metric, year: year, lastYear: lastYear) {
            var members: [TargetView.MemberTotal] = []
            var sum: Int64 = 0
            for user in shares.keys.sorted() {
                let own = try org.ownPlan(Organization.TargetKey(scope: .user, name: user, metric: metric, year: year), lastYear: lastYear)
                let total = own?.plan.total ?? shares[user]!.total
                sum = sum.adding(saturating: total)
                members.append(.init(user: user, target: metric.decimal(total), source: own == nil ? "split of \(team)" : "own"))
            }
            view.members = members
            view.membersTotal = metric.decimal(sum)
            let unallocated = Int128(resolved.plan.total) - Int128(sum)
            view.unallocated = (unallocated >= 0 ? "" : "-") + metric.decimal(Int64(clamping: unallocated.magnitude))
        }
        return view
    }
}

extension AppError {
    /// Runs `body`, answering a domain refusal (an ``InputError`` of a stored target,
    /// such as a profile that cannot be resolved) as 422 rather than 400: the request
    /// was well formed, what is stored cannot be planned.
    static func unprocessable<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as InputError {
            throw AppError(.unprocessable, e.code, e.message)
        }
    }
}
