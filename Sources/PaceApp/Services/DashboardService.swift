import PaceAPI
import PaceCore

/// What the web dashboard shows, composed from the other services: no figure or
/// rule of its own. Each page's data is one call.
public struct DashboardService: Sendable {
    let env: AppEnvironment

    /// A salesperson's day: today's and this week's progress on every metric with a
    /// target, the plan of the next working day, and the slips of the last 7 days.
    public struct MyDay: Sendable {
        public var user: String
        public var today: ProgressView
        public var week: ProgressView
        public var planDate: CivilDate
        public var plan: PlanView
        public var slips: [SlipList.Row]
    }

    /// `user` (default the caller): themself, their manager for the days in their team, admins.
    public func myDay(user: String?, access: Access) throws -> MyDay {
        let user = user ?? access.name
        let progress = ProgressService(env: env)
        let today = try progress.progress(ProgressQuery(scope: .user, name: user, period: .day), access: access)
        let week = try progress.progress(ProgressQuery(scope: .user, name: user, period: .week), access: access)
        let local = env.localToday(of: user, org: access.org)
        let next = local.calendar.nextWorkingDay(after: local.today)
        let plan = try PlanningService(env: env).plan(PlanQuery(date: next, user: user), access: access)
        let slips = try SlipService(env: env).slips(SlipQuery(since: local.today.adding(days: -7)), access: access).slips.filter { $0.subject == user }
        return MyDay(user: user, today: today, week: week, planDate: next, plan: plan, slips: slips.reversed())
    }

    /// One member's line of the team board: their progress on each metric against their
    /// own target, and their attainment (mean pace over the metrics with an expectation).
    public struct BoardLine: Sendable {
        public var user: String
        public var rows: [ProgressView.Row]
        /// Mean of actual ÷ expected-to-date over the metrics; nil when nothing is expected yet.
        public var attainment: Double?
    }

    public struct Board: Sendable {
        public var team: String
        public var label: String
        /// Every metric that any member has a target for, in the order of ``Metric/plain``.
        public var metrics: [String]
        /// Ranked by attainment, highest first (never by amount); members without one last.
        public var lines: [BoardLine]
    }

    /// The team's current members over `period`: the team's managers and admins.
    public func teamBoard(team: String, period: Period, access: Access) throws -> Board {
        let org = access.org
        guard org.teams[team] != nil else { throw AppError.unknownTeam(team) }
        guard access.mayManage(team: team) else { throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may see its board.") }
        let today = env.today(ofTeam: team, in: org)
        let members = org.members(of: team).filter { $0.spans.contains { $0.contains(today) } }.map(\.user)
        let progress = ProgressService(env: env)
        // One read per metric for the whole board, not one per member.
        let prefetch = ActualsPrefetch(store: env.store, subjects: members)
        var label = ""
        var lines: [BoardLine] = []
        for user in members {
            let view = try progress.measure(ProgressQuery(scope: .user, name: user, period: period), access: access, prefetch: prefetch).view
            label = view.label
            let paces = view.rows.compactMap(\.pace)
            lines.append(BoardLine(user: user, rows: view.rows, attainment: paces.isEmpty ? nil : paces.reduce(0, +) / Double(paces.count)))
        }
        let named = Set(lines.flatMap { $0.rows.map(\.metric) })
        let metrics = Metric.plain.map(\.name).filter(named.contains) + named.subtracting(Metric.plain.map(\.name)).sorted()
        lines.sort { a, b in
            switch (a.attainment, b.attainment) {
            case let (x?, y?): x != y ? x > y : a.user < b.user
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.user < b.user
            }
        }
        return Board(team: team, label: label, metrics: metrics, lines: lines)
    }
}
