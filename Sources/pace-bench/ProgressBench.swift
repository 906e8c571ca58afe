import Foundation
import Glibc
import PaceAPI
import PaceClient
import PaceCore
import PaceStore

/// Everyone is in team east on UTC days, as the generated organisation says.
struct BenchAttributor: Attributor {
    func attribute(subject: String, at instant: Timestamp) -> (team: String, day: CivilDate) {
        ("east", FixedOffsetZone.utc.local(instant).date)
    }
}

/// Writes a log of `count` events for team east (50 members, a year of 2026 activity
/// in time order, targets for all 9 headline metrics) straight through the store's writer.
func generateLog(path: String, count: Int, members: Int = 50) async throws {
    let store = try EventStore(path: path)
    let recorder = EventRecorder(store: store, attributor: { BenchAttributor() })
    var rng = SystemRandomNumberGenerator()
    let start = Timestamp(milliseconds: 1_767_225_600_000)  // 2026-01-01T00:00:00Z
    func event(_ p: EventPayload, subject: String, at: Timestamp) throws -> NewEvent {
        NewEvent(id: EventID.v7(at: at, using: &rng), type: p.type, subject: subject, recordedBy: "root", occurredAt: at,
                 data: try p.canonicalJSON(), payload: p)
    }
    let users = (0..<members).map { "user\($0)" }
    var setup = [try event(.team(TeamEvent(name: "east", managers: ["root"])), subject: Subject.team("east").stored, at: start)]
    for u in users { setup.append(try event(.member(MemberEvent(team: "east", user: u, action: .add, from: CivilDate(year: 2026, month: 1, day: 1))), subject: u, at: start)) }
    for (m, amount) in [(Metric.visits, Int64(60_000)), (.visitsNew, 15_000), (.visitsExisting, 30_000), (.visitsReturn, 15_000), (.calls, 400_000),
                        (.payments, 500_000_000_00), (.orders, 150_000), (.revenue, 600_000_000_00), (.customersNew, 20_000)] {
        setup.append(try event(.target(TargetEvent(scope: .team, name: "east", metric: m, year: 2026, amount: amount, profile: .workdays)),
                               subject: Subject.team("east").stored, at: start))
    }
    for e in setup { _ = try await recorder.append(e) }
    var made = 0
    while made < count {
        let n = min(8192, count - made)
        var batch: [NewEvent] = []
        batch.reserveCapacity(n)
        for i in 0..<n {
            // A year appended in order, as a team's log grows: day by day, random times within the day.
            let day = Int64((made + i) * 365 / count)
            let at = Timestamp(milliseconds: start.milliseconds + day * 86_400_000 + Int64.random(in: 32_400_000..<64_800_000, using: &rng))
            let user = users[(made + i) % members]
            let customer = "C\(Int.random(in: 0..<20_000, using: &rng))"
            let p: EventPayload
            switch (made + i) % 20 {
            case 0..<8: p = .call(try Call(customer: customer, minutes: 5))
            case 8..<14: p = .visit(try Visit(customer: customer, kind: [.new, .existing, .return][(made + i) % 3]))
            case 14..<17:
                let amount = Money(minorUnits: Int64.random(in: 10_000..<5_000_000, using: &rng))
                p = .order(try Order(customer: customer, amount: amount, lines: [try OrderLine(product: "widget", quantity: 3, amount: amount)]))
            default: p = .payment(try Payment(customer: customer, amount: Money(minorUnits: Int64.random(in: 10_000..<2_000_000, using: &rng))))
            }
            batch.append(try event(p, subject: user, at: at))
        }
        for r in await recorder.append(contentsOf: batch) { _ = try r.get() }
        made += n
    }
    recorder.close()
    try store.close()
}

/// A journal for hledger with the same shape: `count` sales over 2026 for 50 members,
/// and a monthly budget per member.
func writeLedger(path: String, count: Int, members: Int = 50) throws {
    var rng = SystemRandomNumberGenerator()
    var text = "~ monthly from 2026-01-01\n"
    for m in 0..<members { text += "    revenue:user\(m)    -100000.00 EUR\n" }
    text += "    assets:receivable\n\n"
    var days: [(Int, String)] = []
    for _ in 0..<count {
        let day = CivilDate(year: 2026, month: 1, day: 1).adding(days: Int.random(in: 0..<365, using: &rng))
        let amount = Money(minorUnits: Int64.random(in: 10_000..<5_000_000, using: &rng)).decimal
        days.append((Int(day.daysSinceEpoch), "\(day) sale\n    revenue:user\(Int.random(in: 0..<members, using: &rng))    -\(amount) EUR\n    assets:receivable\n\n"))
    }
    days.sort { $0.0 < $1.0 }
    text += days.map(\.1).joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// Peak resident set size of a process, in MiB (VmHWM).
func peakRSS(pid: Int32) -> Double { status(pid: pid, "VmHWM:") }

/// A memory figure of `/proc/PID/status` (`VmRSS:`, `RssAnon:`, `RssFile:`…), in MiB.
func status(pid: Int32, _ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
          let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return 0 }
    return kb / 1024
}

func percentile(_ xs: [UInt64], _ p: Double) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : Double(s[min(s.count - 1, Int(Double(s.count) * p))])
}
