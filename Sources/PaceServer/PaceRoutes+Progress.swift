import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

extension PaceRoutes {
    /// `GET /v1/progress?scope=&name=&period=&metric=&at=`
    func progress(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let org = access.org
        let q = request.uri.queryParameters
        let scope = try q.get("scope").map { s -> TargetEvent.Scope in
            guard let v = TargetEvent.Scope(rawValue: s) else { throw APIError(.badRequest, "bad_scope", "scope must be company, team or user.") }
            return v
        } ?? .user
        let name = scope == .company ? nil : (q.get("name") ?? access.name)
        switch scope {
        case .company:
            guard access.caller.isAdmin || !org.teamsManaged(by: access.name).isEmpty else {
                throw APIError(.forbidden, "forbidden", "Company progress is for admins and managers.")
            }
        case .team:
            guard org.teams[name!] != nil else { throw Self.unknownTeam(name!) }
            guard access.mayManage(team: name!) else { throw APIError(.forbidden, "forbidden", "Only \(name!)'s managers and admins may read its progress.") }
        case .user:
            try access.requireTeam()
            guard org.spans[name!] != nil || name == access.name else {
                throw APIError(.notFound, "unknown_member", "'\(name!)' has never been a member of a team. See `pace team list` for the members.")
            }
        }
        let period = try Period(parsing: q.get("period") ?? "day")
        let atDay = try q.get("at").map { at -> CivilDate in
            guard let d = CivilDate(iso: Substring(at)) else { throw APIError(.badRequest, "bad_time", "at=\(at) is not a date like 2026-11-27.") }
            return d
        }
        // The calendar of the day asked about: its zone says what "now" is, its hours when
        // today's work starts. A person's is that of the team they are in that day.
        func dayCalendar(on d: CivilDate) -> WorkCalendar {
            switch scope {
            case .company: org.companyCalendar
            case .team: org.calendar(ofTeam: name!)
            case .user: org.calendar(ofUser: name!, on: d)
            }
        }
        var (day, minute, asOf, zone) = when(atDay, calendar: dayCalendar(on: atDay ?? today()))
        if scope == .user, atDay == nil, dayCalendar(on: day) != dayCalendar(on: today()) {
            (day, minute, asOf, zone) = when(nil, calendar: dayCalendar(on: day))
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
                throw APIError(.forbidden, "forbidden", "You (\(access.name)) may read only your own progress, and your team members' for the time they were in your team.")
            }
            teams = managed
        }
        var metrics: [Metric]
        if let m = q.get("metric") {
            metrics = [try Metric(parsing: m)]
        } else {
            let years = Set([start.year, end.year])
            metrics = Metric.plain.filter { m in years.contains { y in (try? org.plan(.init(scope: scope, name: name, metric: m, year: y))) != nil } }
        }
        let lastYear = lastYearActuals(org: org)
        var rows: [ProgressView.Row] = []
        for metric in metrics {
            var plans: [Int: Organization.ResolvedPlan] = [:]
            for y in Set([start.year, end.year]) {
                let key = Organization.TargetKey(scope: scope, name: name, metric: metric, year: y)
                do {
                    if let p = try org.plan(key, lastYear: lastYear) { plans[y] = p }
                } catch let e as InputError {
                    throw APIError(.unprocessableContent, e.code, e.message)
                }
            }
            if plans.isEmpty && q.get("metric") != nil {
                throw APIError(.notFound, "no_target", "No \(metric) target covers \(period.label(containing: day)). Set one with `pace target set`.")
            }
            let p: Progress
            if scope == .company, plans.values.allSatisfy({ $0.source == Organization.sumOfTeams }) {
                // A roll-up: each team measured in its own calendar, zone and now.
                p = try companyRollUp(metric: metric, org: org, period: period, atDay: atDay, start: start, end: end, lastYear: lastYear)
            } else {
                let actuals = try store.dailyActuals(metric: metric.name, subject: scope == .user ? name : nil,
                                                     team: scope == .team ? name : nil, teams: teams, from: start, to: end)
                p = Progress.compute(start: start, end: end, today: day, minuteOfDay: minute, workStart: workStart,
                                     target: { d in teams.map { $0.contains(org.team(of: name!, on: d) ?? "") } ?? true ? plans[d.year]?.plan.target(on: d) ?? 0 : 0 },
                                     actual: { actuals[$0.description] ?? 0 },
                                     minutes: calendar.workingMinutes, thresholds: config.thresholds)
            }
            rows.append(.init(metric: metric.name, start: start.description, end: end.description, target: metric.decimal(p.target),
                              actual: metric.decimal(p.actual), expected: metric.decimal(p.expected), pace: p.pace.map { ($0 * 1000).rounded() / 1000 },
                              gap: metric.decimal(p.gap), remaining: metric.decimal(p.remaining), remainingDays: p.remainingDays,
                              requiredPerDay: p.requiredPerDay.map(metric.decimal), forecast: p.forecast.map(metric.decimal), status: p.status))
        }
        return try JSONResponse.make(ProgressView(scope: scope.rawValue, name: name, period: period.name, label: period.label(containing: day),
                                                  asOf: asOf.rfc3339(offsetSeconds: zone.utcOffset(at: asOf)), rows: rows))
    }

    /// The local day and minute to measure at in `calendar`'s zone: the end of `atDay`,
    /// or now; and that instant.
    func when(_ atDay: CivilDate?, calendar: WorkCalendar) -> (day: CivilDate, minute: Int, asOf: Timestamp, zone: any LocalZone) {
        let zone = snapshot.zones.zone(calendar.timeZone)
        if let d = atDay {
            return (d, 24 * 60, zone.instant(of: LocalDateTime(date: d.adding(days: 1), hour: 0, minute: 0)).adding(seconds: -1), zone)
        }
        let now = clock()
        let local = zone.local(now)
        return (local.date, local.hour * 60 + local.minute, now, zone)
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
            let (day, minute, _, _) = when(atDay, calendar: cal)
            let actuals = try store.dailyActuals(metric: metric.name, subject: nil, team: team, from: start, to: end)
            parts.append(Progress.compute(start: start, end: end, today: day, minuteOfDay: minute, workStart: cal.startMinute,
                                          target: { plans[$0.year]?.target(on: $0) ?? 0 }, actual: { actuals[$0.description] ?? 0 },
                                          minutes: cal.workingMinutes, thresholds: config.thresholds))
            left.formUnion(Progress.remainingWorkingDays(start: start, end: end, today: day, minuteOfDay: minute, workStart: cal.startMinute,
                                                         minutes: cal.workingMinutes))
            if !(day > end || (day == end && minute >= 24 * 60)) { over = false }
        }
        return Progress.rollUp(parts, start: start, end: end, remainingDays: left.count, over: over, thresholds: config.thresholds)
    }

    /// `POST /v1/rebuild` (admins): replay the log into fresh projections.
    func rebuild(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.caller.isAdmin else {
            throw APIError(.forbidden, "forbidden", "Only an admin (root or group \(config.adminGroup)) may rebuild the projections.")
        }
        let zones = snapshot.zones
        let started = clock()
        let events = try store.rebuild { OrganizationAttributor(org: $0, zones: zones) }
        return try JSONResponse.make(RebuildResponse(events: events, milliseconds: clock().milliseconds - started.milliseconds))
    }
}
