import PaceAPI
import PaceCore
import PaceStore

extension TargetService {
    /// What the team's revenue target for `q.year` needs, from the team's history
    /// (default: the year before). The team's managers and admins. Throws 404 when
    /// the team has no revenue target that year, and 422 naming each ratio the
    /// history cannot give (with how to give it).
    public func derive(_ q: DeriveQuery, access: Access) throws -> DerivationView {
        let org = access.org
        guard org.teams[q.team] != nil else { throw AppError.unknownTeam(q.team) }
        guard access.mayManage(team: q.team) else {
            throw AppError(.forbidden, "forbidden", "Only \(q.team)'s managers and admins may derive its targets.")
        }
        let key = Organization.TargetKey(scope: .team, name: q.team, metric: .revenue, year: q.year)
        guard let set = org.targets[key]?.last,
              let plan = try AppError.unprocessable({ try org.ownPlan(key, lastYear: env.lastYearActuals(org: org)) }) else {
            throw AppError(.notFound, "no_target",
                           "Team \(q.team) has no revenue target for \(q.year) to derive from. Set one first: pace target set revenue AMOUNT --year \(q.year) --team \(q.team)")
        }
        // The history is what has happened: a span reaching past today ends today (in
        // the team's zone), so yearly rates divide by the time really observed.
        let today = env.today(ofTeam: q.team, in: org)
        var span = q.history ?? (CivilDate(year: q.year - 1, month: 1, day: 1), CivilDate(year: q.year - 1, month: 12, day: 31))
        span.to = min(span.to, today)
        guard span.to.daysSinceEpoch - span.from.daysSinceEpoch >= 1 else {
            throw AppError(.unprocessable, "bad_history", "The history \(span.from)..\(span.to) has not happened yet, or is a single day; give at least two past days, like 2026-01-01..2026-12-31.")
        }
        let history = try self.history(of: q.team, from: span.from, to: span.to, org: org)
        let d = Derivation(revenueTarget: plan.plan.total, history: history, given: q.ratios)
        guard d.missing.isEmpty else {
            let lines = d.missing.map { "  \($0.ratio.rawValue): \($0.reason); give it with --ratio \($0.ratio.rawValue)=\($0.ratio.example)" }
            throw AppError(.unprocessable, "missing_ratios",
                           "The history of team \(q.team) (\(span.from)..\(span.to)) cannot give every ratio the derivation needs:\n"
                           + lines.joined(separator: "\n") + "\nGive them, or a longer --history.")
        }
        func figure(_ f: Derivation.Figure) -> DerivationView.Figure {
            .init(name: f.name, value: f.isMoney ? Money(minorUnits: Int64(f.value.rounded())).decimal : Derivation.number(f.value), rule: f.rule, given: f.given)
        }
        let ratios = d.ratios.map(figure)
        let applyFrom = today.year == q.year && today > CivilDate(year: q.year, month: 1, day: 1) ? today : nil
        // What --apply would do with each target, checked now against the targets in
        // force: the same as the one in force (nothing to record), or a change that the
        // plan cannot take (then --apply records none).
        var unchanged: [String] = [], problems: [String] = []
        let note = "Derived by pace target derive from the revenue target \(Metric.revenue.decimal(plan.plan.total)) and the history \(span.from)..\(span.to): "
            + ratios.filter { !$0.name.contains(":") }.map { "\($0.name)=\($0.value)\($0.given ? " (given)" : "")" }.joined(separator: ", ")
        var trial = org
        for t in d.targets {
            let key = Organization.TargetKey(scope: .team, name: q.team, metric: t.metric, year: q.year)
            if let last = org.targets[key]?.last, last.amount == t.amount, last.profile == set.profile, last.split == set.split {
                unchanged.append(t.metric.name)
                continue
            }
            do {
                let event = try TargetEvent(scope: .team, name: q.team, metric: t.metric, year: q.year, amount: t.amount, profile: set.profile,
                                            split: set.split, from: applyFrom, note: note)
                trial.apply(.target(event))
                _ = try trial.ownPlan(key, lastYear: env.lastYearActuals(org: trial))
            } catch let e as InputError {
                problems.append("\(t.metric): \(e.message)")
            }
        }
        return DerivationView(
            team: q.team, year: q.year, revenueTarget: Metric.revenue.decimal(plan.plan.total),
            history: .init(from: span.from.description, to: span.to.description, orders: d.orders, revenue: Metric.revenue.decimal(d.revenue),
                           customers: d.customers, newCustomers: d.newCustomers, visitsNew: d.newVisits, visitsExisting: d.existingVisits, calls: d.calls,
                           firstHalf: "\(d.firstHalf.0)..\(d.firstHalf.1)", secondHalf: "\(d.secondHalf.0)..\(d.secondHalf.1)"),
            ratios: ratios, derived: d.derived.map(figure),
            targets: d.targets.map { .init(metric: $0.metric.name, amount: $0.metric.decimal($0.amount), rule: $0.rule) },
            profile: set.profile.description, split: set.split, applyFrom: applyFrom?.description, note: note,
            unchanged: unchanged, applyProblems: problems)
    }

    /// The team's orders, visits and calls in [from, to] (each counted for the team it
    /// counted for when it happened, voided ones left out), and its customers' first
    /// orders ever.
    func history(of team: String, from: CivilDate, to: CivilDate, org: Organization) throws -> Derivation.History {
        let zone = env.snapshot.zones.zone(org.timeZone(ofTeam: team))
        let start = zone.instant(of: LocalDateTime(date: from, hour: 0, minute: 0))
        let end = zone.instant(of: LocalDateTime(date: to.adding(days: 1), hour: 0, minute: 0))
        var orders: [Derivation.History.Order] = []
        var firstOrder: [String: CivilDate] = [:]
        var newVisits = 0, existingVisits = 0, calls = 0
        // Each product once, by its normalised name, spelled as first seen.
        var spelling: [String: String] = [:]
        func product(_ name: String) -> String {
            let key = CustomerKey.normalised(name)
            if let known = spelling[key] { return known }
            spelling[key] = name
            return name
        }
        for e in try env.store.events(types: [.order], subjects: nil, from: EventService.earliest, to: end) where e.team == team {
            guard case .order(let o)? = try e.payload() else { continue }
            let customer = CustomerKey.normalised(o.customer)
            let day = zone.local(e.occurredAt).date
            if firstOrder[customer] == nil { firstOrder[customer] = day }
            if e.occurredAt >= start {
                orders.append(.init(customer: customer, day: day, amount: o.amount.minorUnits,
                                    lines: o.lines.map { (product($0.product), $0.amount.minorUnits) }))
            }
        }
        for e in try env.store.events(types: [.visit, .call], subjects: nil, from: start, to: end) where e.team == team {
            switch try e.payload() {
            case .visit(let v)?:
                if v.kind == .new { newVisits += 1 } else if v.kind == .existing { existingVisits += 1 }
            case .call?: calls += 1
            default: break
            }
        }
        return Derivation.History(from: from, to: to, orders: orders, newVisits: newVisits, existingVisits: existingVisits, calls: calls, firstOrder: firstOrder)
    }
}
