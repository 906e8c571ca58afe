import PaceAPI
import PaceApp
import PaceCore
import PaceStore

/// `paced --demo`: on an empty database, a demo company to explore. Two teams in
/// Shanghai (China's official 2026 holidays and make-up working days), five
/// salespeople and one manager, 2026 targets for every headline metric, and
/// deterministic activity from 1 January to today, uneven enough that some people
/// are behind.
struct DemoSeeder {
    let recorder: EventRecorder
    let org: OrganizationService
    let now: Timestamp

    static let manager = "carol"
    static let teams: [(name: String, members: [String])] = [("east", ["alice", "bob", "chen"]), ("west", ["dana", "emil"])]
    /// How hard each salesperson works, relative to plan (so some fall behind).
    static let effort: [String: Double] = ["alice": 1.12, "bob": 0.78, "chen": 0.97, "dana": 1.03, "emil": 0.66]

    /// China's 2026 public holidays and make-up working days, as announced by the State Council.
    static let holidays2026: [(String, String, String)] = [
        ("2026-01-01", "2026-01-03", "New Year's Day"), ("2026-02-15", "2026-02-23", "Spring Festival"),
        ("2026-04-04", "2026-04-06", "Qingming Festival"), ("2026-05-01", "2026-05-05", "Labour Day"),
        ("2026-06-19", "2026-06-21", "Dragon Boat Festival"), ("2026-09-25", "2026-09-27", "Mid-Autumn Festival"),
        ("2026-10-01", "2026-10-07", "National Day"),
    ]
    static let makeUp2026: [(String, String)] = [
        ("2026-01-04", "New Year make-up day"), ("2026-02-14", "Spring Festival make-up day"), ("2026-02-28", "Spring Festival make-up day"),
        ("2026-05-09", "Labour Day make-up day"), ("2026-09-20", "National Day make-up day"), ("2026-10-10", "National Day make-up day"),
    ]

    /// Yearly targets per salesperson (money in major units).
    static let targets: [(Metric, Int64)] = [
        (.revenue, 2_400_000), (.payments, 2_000_000), (.orders, 120), (.visitsNew, 240), (.visitsExisting, 480),
        (.visitsReturn, 240), (.calls, 1500), (.customersNew, 48),
    ]

    func seed() async throws -> Int {
        var rng = SplitMix64(seed: 2026)
        var count = 0
        var activity: [NewEvent] = []
        let start = Timestamp(milliseconds: 1_767_196_800_000)  // 2026-01-01T00:00:00+08:00 minus 8 h: setup "happened" at New Year.
        func record(_ payload: EventPayload, subject: String, at: Timestamp) async throws {
            let data = try payload.canonicalJSON()
            let event = NewEvent(id: EventID.v7(at: at, using: &rng), type: payload.type, subject: subject, recordedBy: "root",
                                 occurredAt: at, data: data)
            switch payload {
            case .team, .member, .calendar, .target:
                _ = try await org.append(event, payload: payload) { _ in }
            default:
                activity.append(event)
            }
            count += 1
        }
        for (team, members) in Self.teams {
            try await record(.team(TeamEvent(name: team, managers: [Self.manager])), subject: Subject.team(team).stored, at: start)
            try await record(.calendar(CalendarEvent(team: team, change: .set, timeZone: "Asia/Shanghai", workdays: "Mon-Fri", hours: "09:00-18:00")),
                             subject: Subject.team(team).stored, at: start)
            for (from, to, name) in Self.holidays2026 {
                try await record(.calendar(CalendarEvent(team: team, change: .holiday, from: CivilDate(iso: Substring(from)),
                                                         to: CivilDate(iso: Substring(to)), name: name)), subject: Subject.team(team).stored, at: start)
            }
            for (day, name) in Self.makeUp2026 {
                try await record(.calendar(CalendarEvent(team: team, change: .workday, from: CivilDate(iso: Substring(day)), name: name)),
                                 subject: Subject.team(team).stored, at: start)
            }
            for m in members {
                try await record(.member(MemberEvent(team: team, user: m, action: .add, from: CivilDate(year: 2026, month: 1, day: 1))), subject: m, at: start)
            }
            for (metric, perPerson) in Self.targets {
                let amount = (metric.isMoney ? perPerson * 100 : perPerson) * Int64(members.count)
                try await record(.target(TargetEvent(scope: .team, name: team, metric: metric, year: 2026, amount: amount, profile: .workdays)),
                                 subject: Subject.team(team).stored, at: start)
            }
        }
        // Activity: every working day up to today, in Shanghai office hours.
        let zone = FixedOffsetZone(seconds: 8 * 3600)
        let calendar = await org.organization.calendar(ofTeam: "east")
        let today = zone.local(now).date
        var day = CivilDate(year: 2026, month: 1, day: 1)
        var customers: [String: Int] = [:]
        while day <= today && day.year == 2026 {
            defer { day = day.adding(days: 1) }
            guard calendar.isWorkingDay(day) else { continue }
            for (_, members) in Self.teams {
                for m in members {
                    let effort = Self.effort[m] ?? 1
                    func times(_ mean: Double) -> Int { Int((mean * effort * (0.4 + 1.2 * rng.unit())).rounded()) }
                    var minute = 9 * 60 + Int(rng.next() % 30)
                    func at() -> Timestamp {
                        minute = min(minute + 15 + Int(rng.next() % 50), 18 * 60 - 1)
                        let t = zone.instant(of: LocalDateTime(date: day, hour: minute / 60, minute: minute % 60))
                        return t < now ? t : now.adding(seconds: -60)
                    }
                    if day == today && zone.local(now).hour < 9 { continue }
                    let known = customers[m, default: 0]
                    func existing() -> String { "\(m.uppercased())-\(known == 0 ? 1 : Int(rng.next() % UInt64(known)) + 1)" }
                    for _ in 0..<times(6.5) { try await record(.call(Call(customer: existing(), minutes: Int(rng.next() % 25) + 2)), subject: m, at: at()) }
                    for _ in 0..<times(1.1) {
                        customers[m, default: 0] += 1
                        try await record(.visit(Visit(customer: "\(m.uppercased())-\(customers[m]!)", kind: .new)), subject: m, at: at())
                    }
                    for _ in 0..<times(2.2) { try await record(.visit(Visit(customer: existing(), kind: .existing)), subject: m, at: at()) }
                    for _ in 0..<times(1.1) { try await record(.visit(Visit(customer: existing(), kind: .return)), subject: m, at: at()) }
                    if rng.unit() < 0.55 * effort {
                        let units = Int(rng.next() % 20) + 1
                        let amount = Money(minorUnits: Int64(units) * Int64(1000 + rng.next() % 1500) * 100)
                        try await record(.order(Order(customer: existing(), amount: amount, lines: [OrderLine(product: "widget", quantity: units, amount: amount)])),
                                         subject: m, at: at())
                    }
                    if rng.unit() < 0.5 * effort {
                        try await record(.payment(Payment(customer: existing(), amount: Money(minorUnits: Int64(5000 + rng.next() % 30000) * 100))), subject: m, at: at())
                    }
                }
            }
        }
        // Appended concurrently, so the writer commits them in large groups.
        for chunk in stride(from: 0, to: activity.count, by: 2000).map({ Array(activity[$0..<min($0 + 2000, activity.count)]) }) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for e in chunk { group.addTask { _ = try await recorder.append(e) } }
                try await group.waitForAll()
            }
        }
        return count
    }
}

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A Double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
