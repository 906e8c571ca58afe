import PaceAPI
import PaceCore
import PaceStore

/// The planning method: daily plans, weekly and monthly reviews, goal action plans.
public struct PlanningService: Sendable {
    let env: AppEnvironment

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

    /// Adds, ticks off or drops a plan item (for oneself, or a member by their manager or an admin).
    func appendPlan(_ p: PlanEvent, _ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) async throws -> AppendOutcome {
        try access.requireTeam()
        let subject = try Text.optional(req.subject, field: "subject", limit: 64, code: "bad_subject") ?? access.name
        guard access.mayAct(for: subject) else {
            throw AppError(.forbidden, "forbidden", "You (\(access.name)) may plan only your own days.")
        }
        let store = env.store
        // A retry of a change already stored is answered as such, whatever the day now,
        // but only when it is the same change by someone who may read it.
        if let stored = try store.event(id: id) {
            guard stored.type == EventType.plan.rawValue, stored.subject == subject, access.mayRead(stored),
                  case .plan(let was)? = try stored.payload(),
                  (p.date.map(was.on) ?? was) == (was.date.map(p.on) ?? p)
            else { throw StoreError.idTaken(id) }
            return .existing(stored)
        }
        let (cal, _, today) = env.localToday(of: subject, org: access.org)
        var event = p
        switch p.action {
        case .add:
            let day = p.date ?? cal.nextWorkingDay(after: today)
            guard day >= today else {
                throw AppError(.unprocessable, "past_day", "\(day) is past (today is \(today)): plan today or a later day.")
            }
            guard day.daysSinceEpoch - today.daysSinceEpoch <= 366 else {
                throw AppError(.unprocessable, "far_day", "\(day) is more than a year ahead; plan closer days.")
            }
            event = p.on(day)
        case .done, .drop:
            guard let item = p.item, let entry = try PlanBook(store: store, user: subject).entry(id: item) else {
                throw AppError(.notFound, "no_plan_item", "No plan item of \(subject) has the id \(p.item?.text ?? "?"). See `pace plan`.")
            }
            if entry.dropped != nil { throw AppError(.conflict, "dropped", "Item \"\(entry.plan.text ?? "")\" was already dropped.") }
            if entry.done { throw AppError(.conflict, "done", "Item \"\(entry.plan.text ?? "")\" is already done.") }
            event = p.on(entry.plan.date!)
        }
        let payload = EventPayload.plan(event)
        return try await env.recorder.append(NewEvent(id: id, type: .plan, subject: subject, recordedBy: access.name, occurredAt: occurredAt,
                                                      data: try payload.inputJSON(), payload: payload))
    }

    /// Records one's own review of a week.
    func appendReview(_ r: ReviewEvent, _ req: AppendRequest, id: EventID, occurredAt: Timestamp, access: Access) async throws -> AppendOutcome {
        try access.requireTeam()
        if let s = req.subject, s != access.name {
            throw AppError(.forbidden, "forbidden", "A weekly review is written by the salesperson themself; you (\(access.name)) cannot write \(s)'s.")
        }
        let payload = EventPayload.review(r)
        return try await env.recorder.append(NewEvent(id: id, type: .review, subject: access.name, recordedBy: access.name, occurredAt: occurredAt,
                                                      data: try payload.inputJSON(), payload: payload))
    }

    /// A day's plan (default today in the user's zone), items ticked off by the day's events.
    public func plan(_ q: PlanQuery, access: Access) throws -> PlanView {
        try access.requireTeam()
        let user = q.user ?? access.name
        guard access.mayAct(for: user) else {
            throw AppError(.forbidden, "forbidden", "You (\(access.name)) may read only your own plan; \(user)'s is for their manager.")
        }
        let (_, zone, today) = env.localToday(of: user, org: access.org)
        let day = q.date ?? today
        return PlanView(user: user, date: day.description, items: try PlanBook(store: env.store, user: user).items(on: day, zone: zone, store: env.store))
    }

    /// What a review or goal read is about: whose figures, the calendar and zone they
    /// follow, and, for a manager reading a member's, the teams whose figures they may
    /// see (nil: all of the subject's): the member's days in other teams, before they
    /// joined or after they left, stay out.
    struct Reviewed {
        var subject: Subject
        var scope: TargetEvent.Scope
        var name: String
        var org: Organization
        var calendar: WorkCalendar
        var zone: any LocalZone
        var teams: Set<String>?
        var access: Access
    }

    func reviewed(_ q: ReviewQuery, access: Access) throws -> Reviewed {
        let org = access.org
        if let team = q.team {
            guard org.teams[team] != nil else { throw AppError.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may read its reviews.") }
            let cal = org.calendar(ofTeam: team)
            return Reviewed(subject: .team(team), scope: .team, name: team, org: org, calendar: cal, zone: env.snapshot.zones.zone(cal.timeZone),
                            teams: nil, access: access)
        }
        try access.requireTeam()
        let user = q.user ?? access.name
        var teams: Set<String>?
        if !access.caller.isAdmin && user != access.name {
            teams = access.managedTeams(of: user)
            guard !teams!.isEmpty else {
                throw AppError(.forbidden, "forbidden", "You (\(access.name)) may read only your own reviews; \(user)'s are for their manager.")
            }
        }
        let local = env.localToday(of: user, org: org)
        return Reviewed(subject: .user(user), scope: .user, name: user, org: org, calendar: local.calendar, zone: local.zone, teams: teams, access: access)
    }

    /// One figure over [start, end] as of now: target, actual, status and the working days behind.
    func figure(_ label: String, _ metricName: String, _ r: Reviewed, start: CivilDate, end: CivilDate, dayLabel: (CivilDate) -> String) throws -> ReviewFigure {
        let (scope, name, org, teams) = (r.scope, r.name, r.org, r.teams)
        let metrics: [Metric]
        if metricName == "units" {
            // Each product once, by its normalised name; a target's spelling is kept.
            var products: [String: String] = [:]
            for p in try env.store.products(from: start, to: end) { products[CustomerKey.metric("units:" + p)] = p }
            for k in org.targets.keys { if case .unitsOf(let p) = k.metric { products[CustomerKey.metric("units:" + p)] = p } }
            metrics = products.values.sorted().map(Metric.unitsOf)
        } else {
            metrics = [try Metric(parsing: metricName)]
        }
        var targets: [CivilDate: Int64] = [:], actuals: [CivilDate: Int64] = [:]
        let lastYear = env.lastYearActuals(org: org)
        for m in metrics {
            var plans: [Int: YearPlan] = [:]
            for y in Set([start.year, end.year]) {
                plans[y] = try AppError.unprocessable { try org.plan(.init(scope: scope, name: name, metric: m, year: y), lastYear: lastYear)?.plan }
            }
            let a = try env.store.dailyActuals(metric: m.name, subject: scope == .user ? name : nil, team: scope == .team ? name : nil, teams: teams,
                                               from: start, to: end)
            var d = start
            while d <= end {
                let counts = scope == .team || teams.map { $0.contains(org.team(of: name, on: d) ?? "") } ?? true
                targets[d, default: 0] = targets[d, default: 0].adding(saturating: counts ? plans[d.year]?.target(on: d) ?? 0 : 0)
                actuals[d, default: 0] = actuals[d, default: 0].adding(saturating: a[d.description] ?? 0)
                d = d.adding(days: 1)
            }
        }
        let now = r.zone.local(env.clock())
        let p = Progress.compute(start: start, end: end, today: now.date, minuteOfDay: now.hour * 60 + now.minute, workStart: r.calendar.inForce(on: now.date).startMinute,
                                 target: { targets[$0] ?? 0 }, actual: { actuals[$0] ?? 0 }, minutes: r.calendar.workingMinutes, thresholds: env.settings.thresholds)
        let shown = metrics.first ?? .unitsOf("")
        var behind: [String] = []
        var d = start
        while d <= end && d < now.date {
            let t = targets[d] ?? 0, a = actuals[d] ?? 0
            if t > 0 && a < t { behind.append("\(dayLabel(d)) -\(shown.format(t - a))") }
            d = d.adding(days: 1)
        }
        return ReviewFigure(figure: label, metric: metricName, target: shown.decimal(p.target), actual: shown.decimal(p.actual), status: p.status, behind: behind)
    }

    /// A week's review (default this ISO week in the subject's zone): the figures, the
    /// plan items done, and the latest written review of each person.
    public func reviewWeek(_ q: ReviewQuery, access: Access) throws -> WeekReviewView {
        let r = try reviewed(q, access: access)
        let week = q.week ?? ISOWeek(containing: r.zone.local(env.clock()).date)
        let start = week.monday, end = start.adding(days: 6)
        let figures = try Self.reviewFigures.map { try figure($0.label, $0.metric, r, start: start, end: end, dayLabel: { $0.weekday.short }) }
        let org = r.org
        let people = r.scope == .user ? [r.name]
            : org.members(of: r.name).filter { $0.spans.contains { s in s.from <= end && (s.until.map { $0 > start } ?? true) } }.map(\.user)
        var planned = 0, done = 0
        var reviews: [WeekReviewView.Review] = []
        for user in people {
            let book = try PlanBook(store: env.store, user: user)
            let userZone = env.localToday(of: user, org: org).zone
            var d = start
            while d <= end {
                // A manager sees a member's plans of the days the member was in their team.
                if let teams = r.teams, !(org.team(of: user, on: d).map(teams.contains) ?? false) {
                    d = d.adding(days: 1)
                    continue
                }
                for item in try book.items(on: d, zone: userZone, store: env.store) where item.state != .dropped {
                    planned += 1
                    if item.state == .done { done += 1 }
                }
                d = d.adding(days: 1)
            }
            let latest = try env.store.replay(types: [.review], subjects: [user]).filter(access.mayRead)
                .compactMap { e -> WeekReviewView.Review? in
                    guard case .review(let rv)? = try e.payload(), rv.week == week.label else { return nil }
                    return .init(user: user, at: e.occurredAt, review: rv)
                }.last
            if let latest { reviews.append(latest) }
        }
        return WeekReviewView(subject: "\(r.scope.rawValue) \(r.name)", week: week.label, start: start.description, end: end.description,
                              figures: figures, planned: planned, done: done, reviews: reviews)
    }

    /// A month's review (default this month in the subject's zone) by early, mid and
    /// late thirds, with receivables at each third's end.
    public func reviewMonth(_ q: ReviewQuery, access: Access) throws -> MonthReviewView {
        let r = try reviewed(q, access: access)
        let today = r.zone.local(env.clock()).date
        let first = q.month ?? CivilDate(year: today.year, month: today.month, day: 1)
        var thirds: [MonthReviewView.Third] = []
        for (i, label) in ["early", "mid", "late"].enumerated() {
            let (start, end) = Period.third.bounds(containing: first.adding(days: i * 10))
            let figures = try Self.monthFigures.map {
                try figure($0.label, $0.metric, r, start: start, end: end, dayLabel: { String($0.description.suffix(5)) })
            }
            let owed = try env.store.receivables(r.scope == .team ? .team(r.name) : .owner(r.name, teams: r.teams), asOf: end)
            thirds.append(.init(name: label, start: start.description, end: end.description, figures: figures,
                                receivables: Metric.revenue.decimal(owed.receivables), credits: Metric.revenue.decimal(owed.credits)))
        }
        return MonthReviewView(subject: "\(r.scope.rawValue) \(r.name)", month: String(first.description.prefix(7)), thirds: thirds)
    }

    /// A goal's latest action plan with its year's progress and milestones.
    public func goal(_ q: ReviewQuery, access: Access) throws -> GoalView {
        let r = try reviewed(q, access: access)
        let (scope, name, org, cal, teams) = (r.scope, r.name, r.org, r.calendar, r.teams)
        let metric = try q.metric ?? Metric(parsing: "")
        guard let year = q.year else { throw AppError(.badRequest, "bad_year", "year= must be a year like 2027.") }
        let key = Organization.TargetKey(scope: scope, name: name, metric: metric, year: year)
        let versions = try env.store.replay(types: [.goal], subjects: [r.subject.stored])
            .filter { e in if case .goal(let g)? = try e.payload() { g.key == key } else { false } }.count
        let now = r.zone.local(env.clock())
        let plan = try AppError.unprocessable { try org.plan(key, lastYear: env.lastYearActuals(org: org))?.plan }
        let jan1 = CivilDate(year: year, month: 1, day: 1), dec31 = CivilDate(year: year, month: 12, day: 31)
        let actuals = try env.store.dailyActuals(metric: metric.name, subject: scope == .user ? name : nil, team: scope == .team ? name : nil, teams: teams,
                                                 from: jan1, to: dec31)
        var row: ProgressView.Row?
        if let plan {
            let p = Progress.compute(start: jan1, end: dec31, today: now.date, minuteOfDay: now.hour * 60 + now.minute, workStart: cal.inForce(on: now.date).startMinute,
                                     target: { d in teams.map { $0.contains(org.team(of: name, on: d) ?? "") } ?? true ? plan.target(on: d) : 0 },
                                     actual: { actuals[$0.description] ?? 0 }, minutes: cal.workingMinutes, thresholds: env.settings.thresholds)
            row = ProgressView.Row(metric, p, start: jan1, end: dec31)
        }
        let goal = org.goals[key]
        let milestones = (goal?.milestones ?? []).map { m -> GoalView.Milestone in
            let due = m.due(in: cal)
            let upTo = min(due, now.date)
            let cumulative = actuals.filter { CivilDate(iso: Substring($0.key)).map { $0 <= upTo } ?? false }.values.saturatingSum()
            let state: GoalView.Milestone.State = cumulative >= m.amount ? .met : due < now.date ? .missed : .open
            return .init(date: m.date.description, amount: metric.decimal(m.amount), actual: metric.decimal(cumulative), state: state, due: due.description)
        }
        return GoalView(plan: goal, versions: versions, progress: row, milestones: milestones)
    }
}
