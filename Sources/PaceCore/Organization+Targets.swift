extension Organization {
    /// A resolved target plan and where it came from.
    public struct ResolvedPlan: Sendable {
        public var plan: YearPlan
        /// `own` (set for this scope), `split of TEAM` (a member's share), or `sum of teams` (the company).
        public var source: String
        public var warnings: [String]
    }

    /// The `source` of a company plan made of its teams' plans.
    public static let sumOfTeams = "sum of teams"

    /// Monthly actuals of the previous year for a target key, for the `last-year` profile.
    public typealias LastYear = @Sendable (TargetKey) throws -> [Int64]?

    /// The calendar a target of this key follows.
    public func calendar(for key: TargetKey) -> WorkCalendar {
        switch key.scope {
        case .company: companyCalendar
        case .team: calendar(ofTeam: key.name ?? "")
        case .user: calendar(ofUser: key.name ?? "", year: key.year)
        }
    }

    /// The plan set for exactly this key, its versions folded in order: a version
    /// without `from` replaces the year; one with `from` changes it from that day on.
    public func ownPlan(_ key: TargetKey, lastYear: LastYear = { _ in nil }) throws -> ResolvedPlan? {
        guard let versions = targets[key], !versions.isEmpty else { return nil }
        // A last-year profile follows the log's actuals, which appends change: not cached.
        if versions.contains(where: { $0.profile == .lastYear }) { return try resolveOwnPlan(key, versions: versions, lastYear: lastYear) }
        return try plans.own(key) { try resolveOwnPlan(key, versions: versions, lastYear: lastYear) }
    }

    private func resolveOwnPlan(_ key: TargetKey, versions: [TargetEvent], lastYear: LastYear) throws -> ResolvedPlan? {
        let cal = calendar(for: key)
        var plan: YearPlan?
        var warnings: [String] = []
        for v in versions {
            let history = v.profile == .lastYear ? try lastYear(key) : nil
            let result: (plan: YearPlan, warning: String?)
            if let from = v.fromDate, plan != nil || from > CivilDate(year: v.year, month: 1, day: 1) {
                // A first target with --from starts that day: the days before carry nothing.
                let current = plan ?? YearPlan(year: v.year, daily: [Int64](repeating: 0, count: CivilDate.days(of: v.year).count), calendar: cal)
                result = try Decomposer.change(current, newTotal: v.amount, from: from, calendar: cal, profile: v.profile, lastYear: history)
            } else {
                result = try Decomposer.decompose(total: v.amount, year: v.year, calendar: cal, profile: v.profile, lastYear: history)
            }
            plan = result.plan
            warnings = result.warning.map { [$0] } ?? []
        }
        return ResolvedPlan(plan: plan!, source: "own", warnings: warnings)
    }

    /// The plan in force for a key: its own; for a user without one, their share of
    /// their team's; for the company without one, the sum of the teams'.
    public func plan(_ key: TargetKey, lastYear: LastYear = { _ in nil }) throws -> ResolvedPlan? {
        if let own = try ownPlan(key, lastYear: lastYear) { return own }
        switch key.scope {
        case .company:
            let teamPlans = try teamOrder.compactMap { try ownPlan(TargetKey(scope: .team, name: $0, metric: key.metric, year: key.year), lastYear: lastYear) }
            guard !teamPlans.isEmpty else { return nil }
            var daily = [Int64](repeating: 0, count: teamPlans[0].plan.daily.count)
            for p in teamPlans { for i in daily.indices { daily[i] = daily[i].adding(saturating: p.plan.daily[i]) } }
            return ResolvedPlan(plan: YearPlan(year: key.year, daily: daily, calendar: companyCalendar), source: Self.sumOfTeams, warnings: [])
        case .team:
            return nil
        case .user:
            let user = key.name ?? ""
            let days = CivilDate.days(of: key.year)
            guard let team = spans[user]?.last(where: { s in days.contains { s.contains($0) } })?.team,
                  let shares = try memberShares(team: team, metric: key.metric, year: key.year, lastYear: lastYear),
                  let mine = shares[user]
            else { return nil }
            return ResolvedPlan(plan: mine, source: "split of \(team)", warnings: [])
        }
    }

    /// Each member's share of a team target, by the team target's split (the latest
    /// version's; `workdays` by default). Members' own user targets are not applied here.
    public func memberShares(team: String, metric: Metric, year: Int, lastYear: LastYear = { _ in nil }) throws -> [String: YearPlan]? {
        let key = TargetKey(scope: .team, name: team, metric: metric, year: year)
        if targets[key]?.contains(where: { $0.profile == .lastYear }) ?? false {
            return try resolveMemberShares(key, team: team, metric: metric, year: year, lastYear: lastYear)
        }
        return try plans.shares(key) { try resolveMemberShares(key, team: team, metric: metric, year: year, lastYear: lastYear) }
    }

    private func resolveMemberShares(_ key: TargetKey, team: String, metric: Metric, year: Int, lastYear: LastYear) throws -> [String: YearPlan]? {
        guard let teamPlan = try ownPlan(key, lastYear: lastYear)?.plan else { return nil }
        let split = try targets[key]?.last?.split.map(TargetSplit.init(parsing:)) ?? .workdays
        let cal = calendar(ofTeam: team)
        let roster = members(of: team)
        let days = teamPlan.days
        func active(_ spans: [Span], _ i: Int) -> Bool { spans.contains { $0.contains(days[i]) } }
        var out: [String: [Int64]] = [:]
        for m in roster { out[m.user] = [Int64](repeating: 0, count: days.count) }
        switch split {
        case .workdays:
            // Equal shares each day; a day's odd units go to the members in turn
            // (the order rotates daily), so no one is always first.
            var turn = 0
            for i in days.indices where teamPlan.daily[i] > 0 {
                var here = roster.filter { active($0.spans, i) }
                guard !here.isEmpty else { continue }
                here = Array(here[(turn % here.count)...] + here[..<(turn % here.count)])
                turn += 1
                guard let parts = Allocation.largestRemainder(teamPlan.daily[i], weights: here.map { _ in 1 }) else { continue }
                for (m, p) in zip(here, parts) { out[m.user]![i] = p }
            }
        case .equal, .shares:
            let weights: [(user: String, weight: Int64)]
            if case .shares(let s) = split {
                weights = s.map { ($0.user, $0.percent) }
                for w in weights where out[w.user] == nil { out[w.user] = [Int64](repeating: 0, count: days.count) }
            } else {
                weights = roster.map { ($0.user, 1) }
            }
            guard let totals = Allocation.largestRemainder(teamPlan.total, weights: weights.map(\.weight)) else { break }
            for (w, total) in zip(weights, totals) {
                let spans = spans[w.user]?.filter { $0.team == team } ?? []
                let dayWeights = days.indices.map { active(spans, $0) ? teamPlan.daily[$0] : 0 }
                if let parts = Allocation.largestRemainder(total, weights: dayWeights) { out[w.user] = parts }
            }
        }
        return out.mapValues { YearPlan(year: year, daily: $0, calendar: cal) }
    }
}
