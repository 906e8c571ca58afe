import Foundation
import GRDB
import PaceCore
@testable import PaceStore
import Synchronization
import Testing

/// Attribution with fixed offsets, so the test needs no zone database: teams on
/// `Asia/Shanghai` are at +08:00, everything else at UTC.
struct FixedAttributor: Attributor {
    let org: Organization
    func attribute(subject: String, at instant: Timestamp) -> (team: String, day: CivilDate) {
        func zone(_ team: String) -> FixedOffsetZone {
            org.calendar(ofTeam: team).timeZone == "Asia/Shanghai" ? FixedOffsetZone(seconds: 8 * 3600) : .utc
        }
        let guess = org.team(of: subject, on: FixedOffsetZone.utc.local(instant).date) ?? ""
        let day = zone(guess).local(instant).date
        let team = org.team(of: subject, on: day) ?? ""
        return (team, zone(team).local(instant).date)
    }
}

struct RebuildTests {
    /// A random workload of every event type, voids, and team and target changes:
    /// the projections kept as it went equal, row for row, those rebuilt from the log.
    /// `grouped`: events are queued 25 at a time (``EventRecorder/append(contentsOf:)``),
    /// so that one writer group holds orders, payments and voids of events of the same
    /// group, and its totals are summed before they are written.
    @Test(arguments: [(1, false), (2, false), (3, false), (4, true), (5, true), (6, true)])
    func rebuiltProjectionsEqualTheMaintainedOnes(seed: UInt64, grouped: Bool) async throws {
        try await withTemporaryStore { store in
            let org = Mutex(Organization())
            let recorder = EventRecorder(store: store, attributor: { FixedAttributor(org: org.withLock { $0 }) })
            defer { recorder.close() }

            var rng = Xorshift(seed: seed)
            let users = ["alice", "bob", "chen", "dana"]
            // Variant spellings of one customer each: case, NFC and NFD, Greek final sigma, spaces.
            let customers = ["ACME", "acme", " Acme ", "Bolt", "Caf\u{E9} Lumi\u{E8}re", "CAFE\u{301} LUMIE\u{300}RE", "ΟΔΟΣ", "Οδος",
                             "Straße", "STRASSE", "Dune  Co", "dune co", "Echo"]
            var activity: [EventID] = []
            let base: Int64 = 1_798_761_600_000  // 2027-01-01T00:00:00Z
            var queued: [NewEvent] = []
            var subjects: [EventID: String] = [:]
            func flush() async throws {
                for r in await recorder.append(contentsOf: queued) { if case .created = try r.get() {} else { Issue.record("not created") } }
                queued = []
            }
            func append(_ payload: EventPayload, subject: String, at: Timestamp, voids: EventID? = nil) async throws -> EventID {
                let id = EventID.v7(at: at, using: &rng)
                let event = NewEvent(id: id, type: payload.type, subject: subject, recordedBy: "root", occurredAt: at,
                                     data: try payload.canonicalJSON(), voids: voids, payload: payload)
                subjects[id] = subject
                switch payload {
                case .team, .member, .calendar, .target:
                    // The organisation changes only between groups, as in paced.
                    try await flush()
                    _ = try await recorder.append(event)
                default:
                    queued.append(event)
                    if !grouped || queued.count == 25 { try await flush() }
                }
                switch payload {
                case .team, .member, .calendar, .target: org.withLock { $0.apply(payload) }
                default: break
                }
                return id
            }
            func day(_ n: Int) -> CivilDate { CivilDate(year: 2027, month: 1, day: 1).adding(days: n) }
            _ = try await append(.team(TeamEvent(name: "east", managers: [])), subject: "team:east", at: Timestamp(milliseconds: base))
            _ = try await append(.team(TeamEvent(name: "west", managers: [])), subject: "team:west", at: Timestamp(milliseconds: base))
            _ = try await append(.calendar(CalendarEvent(team: "east", change: .set, timeZone: "Asia/Shanghai", workdays: "Mon-Fri", hours: "09:00-18:00")),
                                 subject: "team:east", at: Timestamp(milliseconds: base))
            for (i, u) in users.enumerated() {
                _ = try await append(.member(MemberEvent(team: i % 2 == 0 ? "east" : "west", user: u, action: .add, from: day(0))), subject: u,
                                     at: Timestamp(milliseconds: base))
            }
            for step in 0..<600 {
                if step == 300 {
                    // Events whose data is not valid JSON, as paced never stores them (put
                    // in with SQL): the writer never applied them, and the rebuild skips them.
                    try await flush()
                    let ids = (0..<6).map { _ in EventID.v7(at: Timestamp(milliseconds: base), using: &rng).text }
                    try await store.pool.write { db in
                        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")!
                        // Also orders whose JSON is valid but whose lines are not an array of objects.
                        for (i, (type, data)) in [("call", #"{"customer":"ACME""#), ("order", #"{"amount":"5.00","customer":"Bolt","lines":[{"#),
                                                  ("member", #"{"team":"east""#), ("order", #"{"amount":"5.00","customer":"Bolt","lines":["x"]}"#),
                                                  ("order", #"{"amount":"5.00","customer":"Bolt","lines":{"a":{"product":"p","quantity":1,"amount":"5.00"}}}"#),
                                                  ("order", #"{"amount":"5.00","customer":"Bolt","lines":[null]}"#)].enumerated() {
                            try db.execute(sql: """
                                INSERT INTO events (seq, id, type, subject, recorded_by, occurred_at, recorded_at, data, hash)
                                VALUES (?, ?, ?, 'alice', 'root', ?, ?, ?, ?)
                                """, arguments: [(head[0] as Int64) + Int64(i) + 1, ids[i],
                                                 type, base, base, data, head[1] as Data])
                        }
                    }
                }
                let at = Timestamp(milliseconds: base + Int64(rng.next() % (90 * 86_400_000)))
                let user = users[Int(rng.next() % 4)]
                let customer = customers[Int(rng.next() % UInt64(customers.count))]
                switch rng.next() % 20 {
                case 0..<5: activity.append(try await append(.visit(Visit(customer: customer, kind: [.new, .existing, .return][Int(rng.next() % 3)])), subject: user, at: at))
                case 5..<9: activity.append(try await append(.call(Call(customer: customer, minutes: Int(rng.next() % 30))), subject: user, at: at))
                case 9..<12:
                    activity.append(try await append(.payment(Payment(customer: customer, amount: Money(minorUnits: Int64(rng.next() % 100_000) + 1))), subject: user, at: at))
                case 12..<16:
                    let q = Int(rng.next() % 5) + 1
                    let a = Money(minorUnits: Int64(q) * 1234)
                    let b = Money(minorUnits: 5678)
                    // Products in several spellings, two lines of one order sometimes the same product.
                    let first = ["widget", "Widget", "WIDGET"][Int(rng.next() % 3)], second = ["gadget", "Widget"][Int(rng.next() % 2)]
                    let lines = [try OrderLine(product: first, quantity: q, amount: a), try OrderLine(product: second, quantity: 1, amount: b)]
                    activity.append(try await append(.order(Order(customer: customer, amount: a + b, lines: lines)), subject: user, at: at))
                case 16..<18 where !activity.isEmpty:
                    let victim = activity.remove(at: Int(rng.next() % UInt64(activity.count)))
                    guard let subject = subjects[victim] else { continue }
                    _ = try await append(.void(Correction(event: victim, reason: "test \(step)")), subject: subject, at: at, voids: victim)
                case 18:
                    // A move between teams from a day on.
                    let to = rng.next() % 2 == 0 ? "east" : "west"
                    if org.withLock({ $0.currentTeam(of: user) }) != to {
                        _ = try await append(.member(MemberEvent(team: to, user: user, action: .add, from: day(Int(rng.next() % 90)))), subject: user, at: at)
                    }
                default:
                    _ = try await append(.target(TargetEvent(scope: .team, name: "east", metric: .calls, year: 2027, amount: Int64(rng.next() % 5000), profile: .workdays)),
                                         subject: "team:east", at: at)
                }
            }
            try await flush()
            let maintained = try store.projectionDump()
            #expect((maintained["daily_totals"]?.count ?? 0) > 100)
            #expect(maintained["daily_totals"]!.contains { $0[2] == "customers.new" })
            #expect(maintained["daily_totals"]!.contains { $0[2] == "units:widget" })
            #expect(!(maintained["voided"]?.isEmpty ?? true))
            // Thirteen spellings, seven customers: at most one account of each per team.
            #expect(maintained["customers"]!.count <= 7 * 2)
            #expect(Set(maintained["customers"]!.map { $0[0] }).count == maintained["customers"]!.count)
            func schema() throws -> [[String]] {
                try store.read { db in
                    try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").map { row in
                        [row[0], row[1], row[2], row[3] ?? ""]
                    }
                }
            }
            let schemaBefore = try schema()
            #expect(schemaBefore.contains { $0[1] == "event_attribution_customer" })
            try store.rebuild { FixedAttributor(org: $0) }
            // The indexes it drops while writing are back, as the schema has them.
            #expect(try schema() == schemaBefore)
            let rebuilt = try store.projectionDump()
            for table in maintained.keys.sorted() {
                #expect(rebuilt[table] == maintained[table], "table \(table) differs after rebuild")
            }
            // Again, over the rebuilt rows: the same rows.
            try store.rebuild { FixedAttributor(org: $0) }
            #expect(try store.projectionDump() == maintained)
            // With the log handed from the reading thread in chunks of 7 events (an order's
            // lines never split), and of 1: the same rows.
            for chunkSize in [7, 1] {
                let replayed = try store.rebuild(attributor: { FixedAttributor(org: $0) }, chunkSize: chunkSize)
                #expect(replayed == (try store.count()))
                #expect(try store.projectionDump() == maintained, "chunks of \(chunkSize)")
            }
            // The rebuild turns foreign keys off for its transaction only: they hold after it.
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: "INSERT INTO event_attribution (seq, team, day) VALUES (99999999, '', '2027-01-01')") }
            }
            // No total is left at zero, and voids took their contributions back out.
            #expect(!maintained["daily_totals"]!.contains { $0[4] == "0" })
        }
    }
}

extension RebuildTests {
    /// A new event's text may not hold a bidirectional control, in any field of any
    /// type: its data is refused where a caller's event is made (`inputJSON`), naming
    /// the control, while paced's own events (`canonicalJSON`) are made as before.
    /// Right-to-left text and its marks pass. An event recorded before the rule, whose
    /// stored data holds one, still reads back and still counts after a rebuild.
    @Test func bidirectionalControlsAreRefusedInNewEventsOnly() async throws {
        let controls: [Unicode.Scalar] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].map { Unicode.Scalar($0)! }
        for control in controls {
            let t = "ACME\(control)EMCA"
            let payloads: [EventPayload] = [
                .call(try Call(customer: t, minutes: nil)),
                .order(try Order(customer: "ACME", amount: Money(minorUnits: 500), lines: [try OrderLine(product: t, quantity: 1, amount: Money(minorUnits: 500))])),
                .void(try Correction(event: EventID.v7(at: Timestamp(milliseconds: 0)), reason: t)),
                .user(try UserEvent(name: "rita", displayName: t, email: nil)),
            ]
            for payload in payloads {
                #expect(try payload.canonicalJSON().unicodeScalars.contains(control))
                #expect { try payload.inputJSON() } throws: { error in
                    let message = (error as? InputError)?.message ?? ""
                    return (error as? InputError)?.code == "bad_text"
                        && message.hasPrefix("A text of this \(payload.type.rawValue) holds U+\(String(control.value, radix: 16, uppercase: true)) ")
                        && message.hasSuffix("a control that changes the direction in which the text around it is shown, so that it can read as other text; remove it.")
                }
            }
        }
        #expect(try EventPayload.call(try Call(customer: "RLO", minutes: nil)).inputJSON() == #"{"customer":"RLO"}"#)
        let hebrew = "\u{05E9}\u{05DC}\u{05D5}\u{05DD} \u{200F}(2)"
        #expect(try EventPayload.call(try Call(customer: hebrew, minutes: nil)).inputJSON() == "{\"customer\":\"\(hebrew)\"}")

        try await withTemporaryStore { store in
            let recorder = EventRecorder(store: store, attributor: { UTCAttributor() })
            defer { recorder.close() }
            // As an older paced stored it: the data written without today's check.
            let at = Timestamp(milliseconds: 1_798_761_600_000)
            let old = "{\"customer\":\"ACME\u{202E}EMCA\"}"
            let id = EventID.v7(at: at)
            _ = try await recorder.append(NewEvent(id: id, type: .call, subject: "alice", recordedBy: "root", occurredAt: at, data: old))
            let stored = try #require(try store.event(id: id))
            if case .call(let call) = try EventPayload(type: .call, json: stored.data) { #expect(call.customer == "ACME\u{202E}EMCA") } else { Issue.record("not a call") }
            let maintained = try store.projectionDump()
            #expect(try store.rebuild(attributor: { _ in UTCAttributor() }) == 1)
            #expect(try store.projectionDump() == maintained)
            #expect(maintained["daily_totals"]?.contains { $0.contains("calls") && $0.last == "1" } == true, "\(maintained)")
        }
    }

    /// A rebuild that fails half-way (here a trigger on the writer's connection refuses
    /// the 21st attribution row) changes nothing: the projections, the indexes it had
    /// dropped and the foreign keys are as before, the reading thread has stopped and
    /// given its connection back, and the next rebuild works.
    @Test func aRebuildThatFailsChangesNothing() async throws {
        try await withTemporaryStore { store in
            let recorder = EventRecorder(store: store, attributor: { UTCAttributor() })
            defer { recorder.close() }
            var rng = Xorshift(seed: 9)
            let base: Int64 = 1_798_761_600_000
            for i in 0..<60 {
                let at = Timestamp(milliseconds: base + Int64(i) * 3_600_000)
                let payload = EventPayload.order(try Order(customer: "C\(i % 7)", amount: Money(minorUnits: 1_000 + Int64(i))))
                _ = try await recorder.append(NewEvent(id: EventID.v7(at: at, using: &rng), type: .order, subject: "alice", recordedBy: "root",
                                                       occurredAt: at, data: try payload.canonicalJSON(), voids: nil, payload: payload))
            }
            let maintained = try store.projectionDump()
            func schema() throws -> [String] {
                try store.read { db in try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_master ORDER BY name") }
            }
            let schemaBefore = try schema()
            try await store.pool.write { db in
                try db.execute(sql: "CREATE TEMP TRIGGER refuse AFTER INSERT ON event_attribution WHEN NEW.seq > 20 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
            }
            #expect { try store.rebuild(attributor: { _ in UTCAttributor() }, chunkSize: 1) } throws: { error in
                (error as? StoreError)?.message.contains("disk on fire") == true
            }
            #expect(try store.projectionDump() == maintained)
            #expect(try schema() == schemaBefore)
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: "INSERT INTO event_attribution (seq, team, day) VALUES (99999999, '', '2027-01-01')") }
            }
            // Both of the pool's readers are free, and the rebuild works again.
            try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<2 { group.addTask { try store.count() } }
                for try await count in group { #expect(count == 60) }
            }
            try await store.pool.write { db in try db.execute(sql: "DROP TRIGGER temp.refuse") }
            #expect(try store.rebuild(attributor: { _ in UTCAttributor() }, chunkSize: 1) == 60)
            #expect(try store.projectionDump() == maintained)
        }
    }
}

struct Xorshift: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
