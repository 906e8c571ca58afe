import PaceAPI
import PaceCore
import PaceStore

/// Goal progress: target, actual, expected to date, pace, run-rate forecast and status
/// of a subject over a period, measured in the subject's own zone and working time.
public struct ProgressService: Sendable {
    let env: AppEnvironment

    /// Company progress for admins and managers; a team's for its managers; a user's
    /// for themself, and for a manager over the days the user was in their team.
    public func progress(_ q: ProgressQuery, access: Access) throws -> ProgressView {
        try measure(q, access: access).view
    }

    /// One metric's days over the period: the day's target and actual, in the
    /// metric's units (minor units for money). What a burn-up chart draws.
    public struct Day: Sendable, Equatable {
        public var date: CivilDate
        public var target: Int64
        public var actual: Int64
        /// A working day of the subject's calendar.
        public var working: Bool
    }

    /// The progress view and, per metric (but not for a company roll-up of teams),
    /// its days: the same figures, from the same plans and actuals.
    public func measure(_ q: ProgressQuery, access: Access, prefetch: ActualsPrefetch? = nil) throws -> (view: ProgressView, days: [Metric: [Day]]) {
        let org = access.org
        let scope = q.scope
        let name = scope == .company ? nil : (q.name ?? access.name)
        switch Subject(scope: scope, name: name) {
        case .company:
            guard access.caller.isAdmin || !org.teamsManaged(by: access.name).isEmpty else {
                throw AppError(.forbidden, "forbidden", "Company progress is for admins and managers.")
            }
        case .team(let team):
            guard org.teams[team] != nil else { throw AppError.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its progress.") }
        case .user(let user):
            try access.requireTeam()
            guard org.spans[user] != nil || user == access.name else {
                throw AppError(.notFound, "unknown_member", "'\(user)' has never been a member of a team. See `pace team list` for the members.")
            }
        }
        let period = q.period
        // The calendar of the day asked about: its zone says what "now" is, its hours when
        // today's work starts. A person's is that of the team they are in that day.
        func dayCalendar(on d: CivilDate) -> WorkCalendar {
            switch scope {
            case .company: org.companyCalendar
            case .team: org.calendar(ofTeam: name!)
            case .user: org.calendar(ofUser: name!, on: d)
            }
        }
        let utcToday = env.utcToday()
        var (day, minute, asOf, zone) = env.when(q.at, calendar: dayCalendar(on: q.at ?? utcToday))
        if scope == .user, q.at == nil, dayCalendar(on: day) != dayCalendar(on: utcToday) {
            (day, minute, asOf, zone) = env.when(nil, calendar: dayCalendar(on: day))
        }
        let (start, end) = period.bounds(containing: day)
        // Each day's working time: a person's follows the team they are in on that day.
        let calendar = scope == .user ? org.calendar(ofUser: name!, from: start, to: end) : dayCalendar(on: day)
        let workStart = dayCalendar(on: day).startMinute
        // A manager reads a member's figures from the days the member was in a team the
        // manager manages, and only what counted for those teams: actuals and targets both.
        var teams: Set<String>?
        if scope == .user, !access.caller.isAdmin, name != access.name {
            let managed = access.managedTeams(of: name!, from: start, to: end)
            guard !managed.isEmpty else {
                throw AppError(.forbidden, "forbidden", "You (\(access.name)) may read only your own progress, and your team members' for the time they were in your team.")
            }
            teams = managed
        }
        let years = Set([start.year, end.year])
        let lastYear = env.lastYearActuals(org: org)
        let metrics = try q.metric.map { [$0] } ?? Metric.plain.filter { m in
            try years.contains { y in try AppError.unprocessable { try org.plan(.init(scope: scope, name: name, metric: m, year: y), lastYear: lastYear) } != nil }
        }
        var rows: [ProgressView.Row] = []
        var series: [Metric: [Day]] = [:]
        for metric in metrics {
            var plans: [Int: Organization.ResolvedPlan] = [:]
            for y in years {
                let key = Organization.TargetKey(scope: scope, name: name, metric: metric, year: y)
                if let p = try AppError.unprocessable({ try org.plan(key, lastYear: lastYear) }) { plans[y] = p }
            }
            if plans.isEmpty && q.metric != nil {
                throw AppError(.notFound, "no_target", "No \(metric) target covers \(period.label(containing: day)). Set one with `pace target set`.")
            }
            let p: Progress
            if scope == .company, plans.values.allSatisfy({ $0.source == Organization.sumOfTeams }) {
                // A roll-up: each team measured in its own calendar, zone and now.
                p = try companyRollUp(metric: metric, org: org, period: period, atDay: q.at, start: start, end: end, lastYear: lastYear)
            } else {
                let actuals = try scope == .user && prefetch != nil
                    ? prefetch!.actuals(metric: metric, subject: name!, teams: teams, from: start, to: end)
                    : env.store.dailyActuals(metric: metric.name, subject: scope == .user ? name : nil,
                                             team: scope == .team ? name : nil, teams: teams, from: start, to: end)
                let target = { (d: CivilDate) -> Int64 in
                    teams.map { $0.contains(org.team(of: name!, on: d) ?? "") } ?? true ? plans[d.year]?.plan.target(on: d) ?? 0 : 0
                }
                p = Progress.compute(start: start, end: end, today: day, minuteOfDay: minute, workStart: workStart,
                                     target: target, actual: { actuals[$0.description] ?? 0 },
                                     minutes: calendar.workingMinutes, thresholds: env.settings.thresholds)
                var days: [Day] = []
                var d = start
                while d <= end {
                    days.append(Day(date: d, target: target(d), actual: actuals[d.description] ?? 0, working: calendar.workingMinutes(d) > 0))
                    d = d.adding(days: 1)
                }
                series[metric] = days
            }
            rows.append(ProgressView.Row(metric, p, start: start, end: end))
        }
        return (ProgressView(scope: scope.rawValue, name: name, period: period.name, label: period.label(containing: day),
                             asOf: asOf.rfc3339(offsetSeconds: zone.utcOffset(at: asOf)), rows: rows), series)
    }

    /// Company progress with no company target of its own: the sum of the teams' own
    /// progress, each in its calendar, zone and now (or at the end of `atDay` there).
    /// The period is the one containing the day asked about in the company's calendar.
    func companyRollUp(metric: Metric, org: Organization, period: Period, atDay: CivilDate?, start: CivilDate, end: CivilDate,
                       lastYear: @escaping Organization.LastYear) throws -> Progress {
        var parts: [Progress] = []
        var left = Set<CivilDate>()
        var over = true
        for team in org.teamOrder {
            var plans: [Int: YearPlan] = [:]
            for y in Set([start.year, end.year]) {
                if let p = try org.ownPlan(.init(scope: .team, name: team, metric: metric, year: y), lastYear: lastYear)?.plan { plans[y] = p }
            }
            guard !plans.isEmpty else { continue }
            let cal = org.calendar(ofTeam: team)
            let (day, minute, _, _) = env.when(atDay, calendar: cal)
            let actuals = try env.store.dailyActuals(metric: metric.name, subject: nil, team: team, from: start, to: end)
            let thresholds = env.settings.thresholds
            parts.append(Progress.compute(start: start, end: end, today: day, minuteOfDay: minute, workStart: cal.startMinute,
                                          target: { plans[$0.year]?.target(on: $0) ?? 0 }, actual: { actuals[$0.description] ?? 0 },
                                          minutes: cal.workingMinutes, thresholds: thresholds))
            left.formUnion(Progress.remainingWorkingDays(start: start, end: end, today: day, minuteOfDay: minute, workStart: cal.startMinute,
                                                         minutes: cal.workingMinutes))
            if !(day > end || (day == end && minute >= 24 * 60)) { over = false }
        }
        return Progress.rollUp(parts, start: start, end: end, remainingDays: left.count, over: over, thresholds: env.settings.thresholds)
    }
}

extension ProgressView.Row {
    /// The wire row of `p`, amounts in `metric`'s decimal form, pace to 3 decimals.
    init(_ metric: Metric, _ p: Progress, start: CivilDate, end: CivilDate) {
        self.init(metric: metric.name, start: start.description, end: end.description, target: metric.decimal(p.target),
                  actual: metric.decimal(p.actual), expected: metric.decimal(p.expected), pace: p.pace.map { ($0 * 1000).rounded() / 1000 },
                  gap: metric.decimal(p.gap), remaining: metric.decimal(p.remaining), remainingDays: p.remainingDays,
                  requiredPerDay: p.requiredPerDay.map(metric.decimal), forecast: p.forecast.map(metric.decimal), status: p.status)
    }
}

/// Members' daily actuals read once for a whole board: the first request for a
/// metric, team filter and span reads every listed subject's in one query, and the
/// others are served from it. The same rows ``EventStore/dailyActuals(metric:subject:team:teams:from:to:)``
/// would read one subject at a time.
public final class ActualsPrefetch {
    struct Key: Hashable {
        var metric: String
        var teams: Set<String>?
        var from: CivilDate
        var to: CivilDate
    }

    let store: EventStore
    let subjects: [String]
    private var read: [Key: [String: [String: Int64]]] = [:]

    public init(store: EventStore, subjects: [String]) {
        self.store = store
        self.subjects = subjects
    }

    func actuals(metric: Metric, subject: String, teams: Set<String>?, from: CivilDate, to: CivilDate) throws -> [String: Int64] {
        guard subjects.contains(subject) else {
            return try store.dailyActuals(metric: metric.name, subject: subject, team: nil, teams: teams, from: from, to: to)
        }
        let key = Key(metric: metric.name, teams: teams, from: from, to: to)
        if read[key] == nil {
            read[key] = try store.dailyActuals(metric: metric.name, subjects: subjects, teams: teams, from: from, to: to)
        }
        return read[key]?[subject] ?? [:]
    }
}
