import Hummingbird
import HummingbirdCore
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

/// The planning method: daily plans, weekly and monthly reviews, goal action plans.
extension PaceRoutes {
    /// The figures a review shows, in order: label and metric (`units` is every `units:P` together).
    static let reviewFigures: [(label: String, metric: String)] = [
        ("new customers", "customers.new"), ("visits to new customers", "visits.new"), ("visits to existing customers", "visits.existing"),
        ("return visits", "visits.return"), ("calls", "calls"), ("money returned", "payments"), ("orders signed", "orders"),
        ("order amount", "revenue"), ("products contracted", "units"),
    ]
    static let monthFigures: [(label: String, metric: String)] = [
        ("new customers", "customers.new"), ("visits", "visits"), ("products contracted", "units"),
        ("contracted amount", "revenue"), ("money returned", "payments"),
    ]

    /// A user's local today (in the zone of the team they are in that day), that
    /// zone, and their calendar around it: each day's working time from the team they
    /// are in on that day, for the year before and after today.
    func localToday(of user: String, org: Organization) -> (calendar: WorkCalendar, zone: any LocalZone, today: CivilDate) {
        var zone = snapshot.zones.zone(org.calendar(ofUser: user, on: today()).timeZone)
        var day = zone.local(clock()).date
        let local = snapshot.zones.zone(org.calendar(ofUser: user, on: day).timeZone)
        if local.utcOffset(at: clock()) != zone.utcOffset(at: clock()) {
            zone = local
            day = zone.local(clock()).date
        }
        let cal = org.calendar(ofUser: user, from: day.adding(days: -366), to: day.adding(days: 366))
        return (cal, zone, day)
    }

    /// Adds, ticks off or drops a plan item (for oneself, or a member by their manager or an admin).
    func appendPlan(_ p: PlanEvent, _ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) async throws -> AppendOutcome {
        try access.requireTeam()
        let subject = try Text.optional(req.subject, field: "subject", limit: 64, code: "bad_subject") ?? access.name
        guard access.mayAct(for: subject) else {
            throw APIError(.forbidden, "forbidden", "You (\(access.name)) may plan only your own days.")
        }
        // A retry of a change already stored is answered as such, whatever the day now,
        // but only when it is the same change by someone who may read it.
        if let stored = try store.event(id: id) {
            guard stored.type == EventType.plan.rawValue, stored.subject == subject, access.mayRead(stored),
                  case .plan(let was)? = try? EventPayload(type: .plan, json: stored.data),
                  (p.date.map(was.on) ?? was) == (was.date.map(p.on) ?? p)
            else { throw StoreError.idTaken(id) }
            return .existing(stored)
        }
        let (cal, _, today) = localToday(of: subject, org: access.org)
        var event = p
        switch p.action {
        case .add:
            let day = p.date ?? cal.nextWorkingDay(after: today)
            guard day >= today else {
                throw APIError(.unprocessableContent, "past_day", "\(day) is past (today is \(today)): plan today or a later day.")
            }
            guard day.daysSinceEpoch - today.daysSinceEpoch <= 366 else {
                throw APIError(.unprocessableContent, "far_day", "\(day) is more than a year ahead; plan closer days.")
            }
            event = p.on(day)
        case .done, .drop:
            guard let item = p.item, let entry = try PlanBook(store: store, user: subject).entry(id: item) else {
                throw APIError(.notFound, "no_plan_item", "No plan item of \(subject) has the id \(p.item?.text ?? "?"). See `pace plan`.")
            }
            if entry.dropped != nil { throw APIError(.conflict, "dropped", "Item \"\(entry.plan.text ?? "")\" was already dropped.") }
            if entry.done { throw APIError(.conflict, "done", "Item \"\(entry.plan.text ?? "")\" is already done.") }
            event = p.on(entry.plan.date!)
        }
        let payload = EventPayload.plan(event)
        return try await recorder.append(NewEvent(id: id, type: .plan, subject: subject, recordedBy: access.name, occurredAt: occurredAt,
                                                  data: try payload.canonicalJSON(), payload: payload))
    }

    /// Records one's own review of a week.
    func appendReview(_ r: ReviewEvent, _ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) async throws -> AppendOutcome {
        try access.requireTeam()
        if let s = req.subject, s != access.name {
            throw APIError(.forbidden, "forbidden", "A weekly review is written by the salesperson themself; you (\(access.name)) cannot write \(s)'s.")
        }
        let payload = EventPayload.review(r)
        return try await recorder.append(NewEvent(id: id, type: .review, subject: access.name, recordedBy: access.name, occurredAt: occurredAt,
                                                  data: try payload.canonicalJSON(), payload: payload))
    }

    /// `GET /v1/plan?date=&user=`: a day's plan (default today).
    func plan(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        try access.requireTeam()
        let q = request.uri.queryParameters
        let user = q.get("user") ?? access.name
        guard access.mayAct(for: user) else {
            throw APIError(.forbidden, "forbidden", "You (\(access.name)) may read only your own plan; \(user)'s is for their manager.")
        }
        let (_, zone, today) = localToday(of: user, org: access.org)
        let day = try q.get("date").map { try Self.day($0, "date") } ?? today
        let items = try PlanBook(store: store, user: user).items(on: day, zone: zone, store: store)
        return try JSONResponse.make(PlanView(user: user, date: day.description, items: items))
    }


    /// The scope of a review or goal read: a user (default the caller) or a team, with the roles checked.
    /// Whose figures a review or goal read is about, and, for a manager reading a
    /// member's, the teams whose figures they may see (nil: all of the subject's): the
    /// member's days in other teams, before they joined or after they left, stay out.
    func reviewSubject(_ q: FlatDictionary<Substring, Substring>, access: Access) throws -> (scope: TargetEvent.Scope, name: String, teams: Set<String>?) {
        if let team = q.get("team") {
            guard access.org.teams[team] != nil else { throw Self.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw APIError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its reviews.") }
            return (.team, team, nil)
        }
        try access.requireTeam()
        let user = q.get("user") ?? access.name
        if access.caller.isAdmin || user == access.name { return (.user, user, nil) }
        let teams = access.managedTeams(of: user)
        guard !teams.isEmpty else {
            throw APIError(.forbidden, "forbidden", "You (\(access.name)) may read only your own reviews; \(user)'s are for their manager.")
        }
        return (.user, user, teams)
    }

    /// What every review and goal read starts from: the query, whose figures (roles
    /// checked), the organisation, and the calendar and zone the figures follow.
    func reviewed(_ request: Request, _ context: PaceRequestContext) async throws -> Reviewed {
        let access = try await access(context)
        let q = request.uri.queryParameters
        let (scope, name, teams) = try reviewSubject(q, access: access)
        let org = access.org
        if scope == .team {
            let cal = org.calendar(ofTeam: name)
            return Reviewed(q: q, scope: scope, name: name, org: org, calendar: cal, zone: snapshot.zones.zone(cal.timeZone), teams: nil, access: access)
        }
        let local = localToday(of: name, org: org)
        return Reviewed(q: q, scope: scope, name: name, org: org, calendar: local.calendar, zone: local.zone, teams: teams, access: access)
    }

    /// What a review or goal read is about (see ``reviewed(_:_:)``).
    struct Reviewed {
        var q: FlatDictionary<Substring, Substring>
        var scope: TargetEvent.Scope
        var name: String
        var org: Organization
        var calendar: WorkCalendar
        var zone: any LocalZone
        /// For a manager reading a member: the teams whose figures count.
        var teams: Set<String>?
        var access: Access
    }

    /// One figure over [start, end] as of now: target, actual, status and the working days behind.
    func figure(_ label: String, _ metricName: String, scope: TargetEvent.Scope, name: String, start: CivilDate, end: CivilDate,
                org: Organization, calendar: WorkCalendar, zone: any LocalZone, teams: Set<String>?, dayLabel: (CivilDate) -> String) throws -> ReviewFigure {
        let metrics: [Metric]
        if metricName == "units" {
            // Each product once, by its normalised name; a target's spelling is kept.
            var products: [String: String] = [:]
            for p in try store.products(from: start, to: end) { products[CustomerKey.metric("units:" + p)] = p }
            for k in org.targets.keys { if case .unitsOf(let p) = k.metric { products[CustomerKey.metric("units:" + p)] = p } }
            metrics = products.values.sorted().map(Metric.unitsOf)
        } else {
            metrics = [try Metric(parsing: metricName)]
        }
        var targets: [CivilDate: Int64] = [:], actuals: [CivilDate: Int64] = [:]
        let lastYear = lastYearActuals(org: org)
        for m in metrics {
            var plans: [Int: YearPlan] = [:]
            for y in Set([start.year, end.year]) {
                plans[y] = try? org.plan(.init(scope: scope, name: name, metric: m, year: y), lastYear: lastYear)?.plan
            }
            let a = try store.dailyActuals(metric: m.name, subject: scope == .user ? name : nil, team: scope == .team ? name : nil, teams: teams,
                                           from: start, to: end)
            var d = start
            while d <= end {
                let counts = scope == .team || teams.map { $0.contains(org.team(of: name, on: d) ?? "") } ?? true
                targets[d, default: 0] = targets[d, default: 0].adding(saturating: counts ? plans[d.year]?.target(on: d) ?? 0 : 0)
                actuals[d, default: 0] = actuals[d, default: 0].adding(saturating: a[d.description] ?? 0)
                d = d.adding(days: 1)
            }
        }
        let now = zone.local(clock())
        let p = Progress.compute(start: start, end: end, today: now.date, minuteOfDay: now.hour * 60 + now.minute, workStart: calendar.inForce(on: now.date).startMinute,
                                 target: { targets[$0] ?? 0 }, actual: { actuals[$0] ?? 0 }, minutes: calendar.workingMinutes, thresholds: config.thresholds)
        let shown = metrics.first ?? .unitsOf("")
        var behind: [String] = []
        var d = start
        while d <= end && d < now.date {
            let t = targets[d] ?? 0, a = actuals[d] ?? 0
            if t > 0 && a < t { behind.append("\(dayLabel(d)) -\(shown.format(t - a))") }
            d = d.adding(days: 1)
        }
        return ReviewFigure(figure: label, metric: metricName, target: shown.decimal(p.target), actual: shown.decimal(p.actual),
                            status: p.status, behind: behind)
    }

    /// `GET /v1/review/week?week=2026-W48&user=|team=`.
    func reviewWeek(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let r = try await reviewed(request, context)
        let (q, scope, name, org, cal, zone, teams) = (r.q, r.scope, r.name, r.org, r.calendar, r.zone, r.teams)
        let week: ISOWeek
        if let w = q.get("week") {
            guard let parsed = ISOWeek(parsing: w) else { throw APIError(.badRequest, "bad_week", "week=\(w) is not a week like 2026-W48.") }
            week = parsed
        } else {
            week = ISOWeek(containing: zone.local(clock()).date)
        }
        let start = week.monday, end = start.adding(days: 6)
        let figures = try Self.reviewFigures.map {
            try figure($0.label, $0.metric, scope: scope, name: name, start: start, end: end, org: org, calendar: cal, zone: zone, teams: teams, dayLabel: { $0.weekday.short })
        }
        let people = scope == .user ? [name]
            : org.members(of: name).filter { $0.spans.contains { s in s.from <= end && (s.until.map { $0 > start } ?? true) } }.map(\.user)
        var planned = 0, done = 0
        var reviews: [WeekReviewView.Review] = []
        for user in people {
            let book = try PlanBook(store: store, user: user)
            let userZone = localToday(of: user, org: org).zone
            var d = start
            while d <= end {
                // A manager sees a member's plans of the days the member was in their team.
                if let teams, !(org.team(of: user, on: d).map(teams.contains) ?? false) {
                    d = d.adding(days: 1)
                    continue
                }
                for item in try book.items(on: d, zone: userZone, store: store) where item.state != "dropped" {
                    planned += 1
                    if item.state == "done" { done += 1 }
                }
                d = d.adding(days: 1)
            }
            let latest = try store.replay(types: [.review], subjects: [user]).filter(r.access.mayRead)
                .compactMap { e -> WeekReviewView.Review? in
                    guard case .review(let r)? = try e.payload(), r.week == week.label else { return nil }
                    return .init(user: user, at: e.occurredAt, review: r)
                }.last
            if let latest { reviews.append(latest) }
        }
        return try JSONResponse.make(WeekReviewView(subject: "\(scope.rawValue) \(name)", week: week.label, start: start.description, end: end.description,
                                                    figures: figures, planned: planned, done: done, reviews: reviews))
    }

    /// `GET /v1/review/month?month=2026-11&user=|team=`.
    func reviewMonth(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let r = try await reviewed(request, context)
        let (q, scope, name, org, cal, zone, teams) = (r.q, r.scope, r.name, r.org, r.calendar, r.zone, r.teams)
        var first = zone.local(clock()).date
        first = CivilDate(year: first.year, month: first.month, day: 1)
        if let m = q.get("month") {
            let parts = m.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let mo = Int(parts[1]),
                  (2000...2100).contains(y), (1...12).contains(mo) else {
                throw APIError(.badRequest, "bad_month", "month=\(m) is not a month like 2026-11.")
            }
            first = CivilDate(year: y, month: mo, day: 1)
        }
        var thirds: [MonthReviewView.Third] = []
        for (i, label) in ["early", "mid", "late"].enumerated() {
            let (start, end) = Period.third.bounds(containing: first.adding(days: i * 10))
            let figures = try Self.monthFigures.map {
                try figure($0.label, $0.metric, scope: scope, name: name, start: start, end: end, org: org, calendar: cal, zone: zone, teams: teams,
                           dayLabel: { String($0.description.suffix(5)) })
            }
            let owed = try store.receivables(scope == .team ? .team(name) : .owner(name, teams: teams), asOf: end)
            thirds.append(.init(name: label, start: start.description, end: end.description, figures: figures,
                                receivables: Metric.revenue.decimal(owed.receivables), credits: Metric.revenue.decimal(owed.credits)))
        }
        return try JSONResponse.make(MonthReviewView(subject: "\(scope.rawValue) \(name)", month: String(first.description.prefix(7)), thirds: thirds))
    }

    /// `GET /v1/goals?metric=&year=&user=|team=`: the latest action plan with the goal's progress and milestones.
    func goal(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let r = try await reviewed(request, context)
        let (q, scope, name, org, cal, zone, teams) = (r.q, r.scope, r.name, r.org, r.calendar, r.zone, r.teams)
        let metric = try Metric(parsing: q.get("metric") ?? "")
        guard let year = q.get("year").flatMap({ Int($0) }), (2000...2100).contains(year) else {
            throw APIError(.badRequest, "bad_year", "year= must be a year like 2027.")
        }
        let key = Organization.TargetKey(scope: scope, name: name, metric: metric, year: year)
        let versions = try store.replay(types: [.goal], subjects: [scope == .team ? "team:\(name)" : name])
            .filter { e in if case .goal(let g)? = try e.payload() { g.key == key } else { false } }.count
        let now = zone.local(clock())
        let plan = try? org.plan(key, lastYear: lastYearActuals(org: org))?.plan
        let jan1 = CivilDate(year: year, month: 1, day: 1), dec31 = CivilDate(year: year, month: 12, day: 31)
        let actuals = try store.dailyActuals(metric: metric.name, subject: scope == .user ? name : nil, team: scope == .team ? name : nil, teams: teams,
                                             from: jan1, to: dec31)
        var row: ProgressView.Row?
        if let plan {
            let p = Progress.compute(start: jan1, end: dec31, today: now.date, minuteOfDay: now.hour * 60 + now.minute, workStart: cal.inForce(on: now.date).startMinute,
                                     target: { d in teams.map { $0.contains(org.team(of: name, on: d) ?? "") } ?? true ? plan.target(on: d) : 0 },
                                     actual: { actuals[$0.description] ?? 0 }, minutes: cal.workingMinutes,
                                     thresholds: config.thresholds)
            row = .init(metric: metric.name, start: jan1.description, end: dec31.description, target: metric.decimal(p.target), actual: metric.decimal(p.actual),
                        expected: metric.decimal(p.expected), pace: p.pace.map { ($0 * 1000).rounded() / 1000 }, gap: metric.decimal(p.gap),
                        remaining: metric.decimal(p.remaining), remainingDays: p.remainingDays, requiredPerDay: p.requiredPerDay.map(metric.decimal),
                        forecast: p.forecast.map(metric.decimal), status: p.status)
        }
        let goal = org.goals[key]
        let planned: [GoalPlan.Milestone] = goal?.milestones ?? []
        let milestones = planned.map { m -> GoalView.Milestone in
            let due = m.due(in: cal)
            let upTo = min(due, now.date)
            let cumulative = actuals.filter { CivilDate(iso: Substring($0.key)).map { $0 <= upTo } ?? false }.values.saturatingSum()
            let state = cumulative >= m.amount ? "met" : due < now.date ? "missed" : "open"
            return .init(date: m.date.description, amount: metric.decimal(m.amount), actual: metric.decimal(cumulative), state: state,
                         due: due.description)
        }
        return try JSONResponse.make(GoalView(plan: goal, versions: versions, progress: row, milestones: milestones))
    }
}
