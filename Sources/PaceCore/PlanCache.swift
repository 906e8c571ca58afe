import Synchronization

/// Plans resolved for one state of an ``Organization``: each target's year plan and
/// each team target's member shares, decomposed once and then read by every request
/// (progress, reports, the team board) until teams, members, calendars or targets
/// change, when the organisation starts a fresh cache. Plans that follow last year's
/// actuals (which appends change) are not kept. Errors are not kept either.
final class PlanCache: Sendable {
    private let ownPlans = Mutex<[Organization.TargetKey: Organization.ResolvedPlan?]>([:])
    private let memberShares = Mutex<[Organization.TargetKey: [String: YearPlan]?]>([:])

    func own(_ key: Organization.TargetKey, _ make: () throws -> Organization.ResolvedPlan?) throws -> Organization.ResolvedPlan? {
        if let hit = ownPlans.withLock({ $0[key] }) { return hit }
        let made = try make()
        ownPlans.withLock { $0[key] = .some(made) }
        return made
    }

    func shares(_ key: Organization.TargetKey, _ make: () throws -> [String: YearPlan]?) throws -> [String: YearPlan]? {
        if let hit = memberShares.withLock({ $0[key] }) { return hit }
        let made = try make()
        memberShares.withLock { $0[key] = .some(made) }
        return made
    }
}
