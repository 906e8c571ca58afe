import Dispatch
import Logging
import Metrics
import PaceAPI
import PaceApp
import PaceCore
import PaceStore
import ServiceLifecycle
import Synchronization

/// Runs the slip rules at every team's day boundaries and after appends, records each
/// finding as a `slip` event under a deterministic id, and sends each newly recorded
/// slip to the journal. So a slip is told once: a restart finds the event already
/// stored and stays quiet.
///
/// It sleeps until the next boundary across all teams' calendars and time zones (at
/// most an hour, so a changed system clock is noticed), and wakes early when rung:
/// after an append (recovery checks), a change of calendars, or a test clock jump.
/// The `slips` watermark says how far boundaries were checked; after downtime each
/// missed boundary is checked once, in order, and its slips are marked late.
actor SlipScheduler: Service {
    struct Settings: Sendable {
        var graceSeconds: Int64
        var thresholds: Progress.Thresholds
        /// Remind members without a plan for the next working day.
        var planReminders = true
    }

    /// A subject's week at risk, watched for recovery until the week ends.
    private struct OpenRisk: Hashable {
        var subject: String
        var team: String
        var metric: Metric
        var weekStart: CivilDate
    }

    static let watermark = "slips"
    /// Longest sleep between checks, in seconds.
    static let maxSleepSeconds: Int64 = 3600

    private let store: EventStore
    private let recorder: EventRecorder
    private let snapshot: OrganizationSnapshot
    private let clock: DaemonClock
    private let settings: Settings
    private let logger: Logger
    /// Boundaries before this passed while paced was not running: their slips are late.
    private let startedAt: Timestamp
    nonisolated let wakeup = Wakeup()
    /// Health for the watchdog: when the current check began (monotonic ns), 0 when idle;
    /// and whether the loop is alive.
    private nonisolated let busy = Mutex<(since: UInt64, alive: Bool)>((0, false))
    private var open: Set<OpenRisk> = []
    /// The `slips` watermark, read once and then kept here (this actor is its only writer).
    private var through: Timestamp?
    /// Slips today (UTC) for STATUS=: counted from the log when the day changes, then
    /// kept up to date by this actor, so a check after an append reads nothing.
    private var slipsToday: (day: Int64, count: Int)?
    private var tail: Task<Int, Never>?
    /// Called after each check with the number of slips recorded today (UTC), for STATUS=.
    private let didCheck: @Sendable (_ slipsToday: Int) -> Void

    init(store: EventStore, recorder: EventRecorder, snapshot: OrganizationSnapshot, clock: DaemonClock,
         settings: Settings, logger: Logger, didCheck: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.store = store
        self.recorder = recorder
        self.snapshot = snapshot
        self.clock = clock
        self.settings = settings
        self.logger = logger
        self.startedAt = clock.now()
        self.didCheck = didCheck
    }

    func run() async throws {
        busy.withLock { $0.alive = true }
        defer { busy.withLock { $0.alive = false } }
        try loadOpenRisks()
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                _ = await check()
                let now = clock.now()
                let next = SlipBoundary.next(after: now, org: snapshot.organization, zones: snapshot.zones, graceSeconds: settings.graceSeconds)
                let wait = min(next.map { $0.at.milliseconds - now.milliseconds } ?? Int64.max, Self.maxSleepSeconds * 1000)
                await wakeup.wait(upTo: .milliseconds(max(wait, 1)))
            }
        } onGracefulShutdown: { [wakeup] in
            wakeup.ring()
        }
    }

    /// The watchdog's question: false when a check has run longer than `limit`
    /// seconds, or the loop is not running.
    nonisolated func isHealthy(limitSeconds: Double) -> Bool {
        let (since, alive) = busy.withLock { $0 }
        guard alive else { return false }
        return since == 0 || Double(DispatchTime.now().uptimeNanoseconds - since) / 1e9 < limitSeconds
    }

    /// Checks every boundary up to now and the weeks at risk; returns the slips
    /// recorded. Checks run one at a time, in the order asked.
    @discardableResult
    func check() async -> Int {
        let previous = tail
        let task = Task { () -> Int in
            _ = await previous?.value
            return await self.checkOnce()
        }
        tail = task
        return await task.value
    }

    private func checkOnce() async -> Int {
        busy.withLock { $0.since = DispatchTime.now().uptimeNanoseconds }
        defer { busy.withLock { $0.since = 0 } }
        var recorded = 0
        do {
            let now = clock.now()
            guard let through = try through ?? store.watermark(Self.watermark) else {
                // First run on this database: slips count from now on, not from the past.
                try store.advanceWatermark(Self.watermark, to: now)
                self.through = now
                return 0
            }
            self.through = through
            let org = snapshot.organization
            // Only boundaries move the watermark: a check after an append reads and
            // writes nothing unless a week at risk may have recovered.
            for b in SlipBoundary.between(through, now, org: org, zones: snapshot.zones, graceSeconds: settings.graceSeconds) {
                recorded += try await close(b, org: org, late: b.at < startedAt)
                try store.advanceWatermark(Self.watermark, to: b.at)
                self.through = b.at
            }
            if !open.isEmpty { recorded += try await checkRecoveries(now: now, org: org) }
            let day = now.milliseconds / 86_400_000
            if slipsToday?.day != day {
                slipsToday = (day, try store.slips(since: Timestamp(milliseconds: day * 86_400_000)).count)
            } else {
                slipsToday!.count += recorded
            }
            didCheck(slipsToday!.count)
        } catch {
            logger.error("Slip check failed: \(error). It runs again at the next boundary or append.")
        }
        return recorded
    }

    /// Runs the close-of-day rules for a team and everyone on it that day.
    private func close(_ b: SlipBoundary, org: Organization, late: Bool) async throws -> Int {
        let cal = org.calendar(ofTeam: b.team)
        let week = Period.week.bounds(containing: b.day)
        let members = org.members(of: b.team).filter { $0.spans.contains { $0.contains(b.day) } }.map(\.user)
        let lastYear = store.lastYearActuals(org: org)
        var recorded = 0
        let years = Set([week.start.year, b.day.year])
        for metric in metrics(org, years: years) {
            let subjects = ([Subject.team(b.team).stored] + members).map { ($0, plans(of: $0, team: b.team, metric: metric, years: years, org: org, lastYear: lastYear)) }
            for (subject, plans) in subjects where !plans.isEmpty {
                let actuals = try self.actuals(of: subject, team: b.team, metric: metric, from: week.start, to: b.day)
                let findings = SlipRules.atClose(of: b.day, calendar: cal, target: { plans[$0.year]?.target(on: $0) ?? 0 },
                                                 actual: { actuals[$0.description] ?? 0 }, thresholds: settings.thresholds)
                for f in findings {
                    if try await record(f.slip(metric: metric, team: b.team, late: late), subject: subject, at: b.at) { recorded += 1 }
                    if f.kind == .weeklyAtRisk { open.insert(OpenRisk(subject: subject, team: b.team, metric: metric, weekStart: f.start)) }
                }
            }
        }
        recorded += try await remindToPlan(b, members: members, calendar: cal, late: late)
        recorded += try await checkMilestones(b, members: members, org: org, late: late)
        return recorded
    }

    /// The planning reminder: members with no plan for the team's next working day.
    private func remindToPlan(_ b: SlipBoundary, members: [String], calendar: WorkCalendar, late: Bool) async throws -> Int {
        guard settings.planReminders else { return 0 }
        let next = calendar.nextWorkingDay(after: b.day)
        var recorded = 0
        for user in members where !(try PlanBook(store: store, user: user).hasPlan(on: next)) {
            let slip = Slip(kind: .planReminder, team: b.team, metric: nil, period: next.description, periodStart: next, periodEnd: next,
                            target: "1", actual: "0", expected: "1", gap: "-1", late: late)
            if try await record(slip, subject: user, at: b.at) { recorded += 1 }
        }
        return recorded
    }

    /// Goal milestones of the team and its members whose date has passed (a day
    /// before this boundary's, back to 31 days) with the cumulative actual below the amount.
    private func checkMilestones(_ b: SlipBoundary, members: [String], org: Organization, late: Bool) async throws -> Int {
        var recorded = 0
        for goal in org.goals.values.sorted(by: { ($0.name, $0.metric.name) < ($1.name, $1.metric.name) }) {
            let subject: String
            switch goal.scope {
            case .team where goal.name == b.team: subject = Subject.team(b.team).stored
            case .user where members.contains(goal.name): subject = goal.name
            default: continue
            }
            let jan1 = CivilDate(year: goal.year, month: 1, day: 1)
            let cal = goal.scope == .team ? org.calendar(ofTeam: b.team) : org.calendar(ofUser: goal.name, year: goal.year)
            // Judged at the close of its due day (its date, or the next working day when
            // that is a day off), counting that day; a later boundary finds the same slip id.
            for m in goal.milestones {
                let due = m.due(in: cal)
                guard due <= b.day && due >= b.day.adding(days: -31) else { continue }
                let actual = try actuals(of: subject, team: b.team, metric: goal.metric, from: jan1, to: due).values.saturatingSum()
                guard actual < m.amount else { continue }
                let slip = Slip(kind: .milestoneMissed, team: b.team, metric: goal.metric, period: m.date.description, periodStart: jan1, periodEnd: m.date,
                                target: goal.metric.decimal(m.amount), actual: goal.metric.decimal(actual), expected: goal.metric.decimal(m.amount),
                                gap: goal.metric.decimal(actual - m.amount), late: late)
                if try await record(slip, subject: subject, at: b.at) { recorded += 1 }
            }
        }
        return recorded
    }

    /// Recovery: each subject at risk this week whose week-to-date pace is back on track now.
    private func checkRecoveries(now: Timestamp, org: Organization) async throws -> Int {
        var recorded = 0
        let lastYear = store.lastYearActuals(org: org)
        for risk in open.sorted(by: { ($0.subject, $0.metric.name) < ($1.subject, $1.metric.name) }) {
            let cal = org.calendar(ofTeam: risk.team)
            let local = snapshot.zones.zone(cal.timeZone).local(now)
            let weekEnd = risk.weekStart.adding(days: 6)
            if local.date > weekEnd { open.remove(risk); continue }
            guard local.date >= risk.weekStart else { continue }
            let plans = plans(of: risk.subject, team: risk.team, metric: risk.metric, years: [risk.weekStart.year, weekEnd.year], org: org, lastYear: lastYear)
            let actuals = try self.actuals(of: risk.subject, team: risk.team, metric: risk.metric, from: risk.weekStart, to: weekEnd)
            guard let f = SlipRules.recovery(on: local.date, minuteOfDay: local.hour * 60 + local.minute, calendar: cal,
                                             target: { plans[$0.year]?.target(on: $0) ?? 0 },
                                             actual: { actuals[$0.description] ?? 0 }, thresholds: settings.thresholds)
            else { continue }
            if try await record(f.slip(metric: risk.metric, team: risk.team, late: false), subject: risk.subject, at: now) { recorded += 1 }
            open.remove(risk)
        }
        return recorded
    }

    /// The year plans a slip subject is measured against: a team's own target, or a
    /// member's own target or else their share of `team`'s (the team they counted
    /// for on the boundary's day, even if they moved later in the year).
    private func plans(of subject: String, team: String, metric: Metric, years: Set<Int>, org: Organization,
                       lastYear: @escaping Organization.LastYear) -> [Int: YearPlan] {
        var out: [Int: YearPlan] = [:]
        for y in years {
            // A target that cannot be planned (a last-year profile without history, an
            // unreadable event) gives no slips for that year, and says so in the log.
            do {
                if Subject(stored: subject).team != nil {
                    out[y] = try org.ownPlan(.init(scope: .team, name: team, metric: metric, year: y), lastYear: lastYear)?.plan
                } else {
                    out[y] = try org.ownPlan(.init(scope: .user, name: subject, metric: metric, year: y), lastYear: lastYear)?.plan
                        ?? org.memberShares(team: team, metric: metric, year: y, lastYear: lastYear)?[subject]
                }
            } catch {
                logger.warning("no slips for \(Subject(stored: subject)) on \(metric) in \(y): its target cannot be planned: \(error)")
            }
        }
        return out
    }

    /// A slip subject's daily actuals by `YYYY-MM-DD`: a member's own, or the team's.
    private func actuals(of subject: String, team: String, metric: Metric, from: CivilDate, to: CivilDate) throws -> [String: Int64] {
        let isTeam = Subject(stored: subject).team != nil
        return try store.dailyActuals(metric: metric.name, subject: isTeam ? nil : subject, team: isTeam ? team : nil, from: from, to: to)
    }

    /// Appends the slip under its deterministic id and, if this call stored it, sends
    /// it to the journal. Returns whether it was new.
    private func record(_ slip: Slip, subject: String, at: Timestamp) async throws -> Bool {
        let id = EventID.derived(["slip", subject, slip.metric?.name ?? "plan", slip.period, slip.kind.rawValue])
        if try store.event(id: id) != nil { return false }
        let payload = EventPayload.slip(slip)
        let event = NewEvent(id: id, type: .slip, subject: subject, recordedBy: "paced", occurredAt: at,
                             data: try payload.canonicalJSON(), payload: payload)
        let outcome: AppendOutcome
        do {
            outcome = try await recorder.append(event)
        } catch let e as StoreError where e.code == .idConflict {
            return false
        }
        guard case .created(let stored) = outcome else { return false }
        SystemdJournal.send(slip.journalFields(subject: subject, seq: stored.seq))
        Counter(label: "pace_slips_total", dimensions: [("kind", slip.kind.rawValue)]).increment()
        logger.debug("slip #\(stored.seq): \(slip.message(subject: subject))")
        return true
    }

    /// Weeks at risk without a recovery, from the slips of the last 8 days.
    private func loadOpenRisks() throws {
        let since = clock.now().adding(seconds: -8 * 86_400)
        var recovered: Set<String> = []
        var risks: [(String, OpenRisk)] = []
        for e in try store.slips(since: since) {
            guard case .slip(let s)? = try e.payload() else { continue }
            guard let metric = s.metric else { continue }
            let key = "\(e.subject)|\(metric.name)|\(s.period)"
            switch s.kind {
            case .weeklyAtRisk: risks.append((key, OpenRisk(subject: e.subject, team: s.team, metric: metric, weekStart: s.periodStart)))
            case .recovered: recovered.insert(key)
            default: break
            }
        }
        open = Set(risks.filter { !recovered.contains($0.0) }.map(\.1))
    }

    /// The metrics with a target in any of `years`: the plain ones and per-product ones.
    private func metrics(_ org: Organization, years: Set<Int>) -> [Metric] {
        var seen: Set<Metric> = []
        var out: [Metric] = []
        for m in Metric.plain + org.targets.keys.filter({ years.contains($0.year) }).map(\.metric).sorted(by: { $0.name < $1.name })
        where org.targets.keys.contains(where: { $0.metric == m && years.contains($0.year) }) && seen.insert(m).inserted {
            out.append(m)
        }
        return out
    }
}
