import Foundation
import PaceCore
import PaceStore
import Testing

/// The stored bytes and the chained hash of one event of every type, pinned: a change
/// of the wire types, of Codable, or of the encoder can never change what is hashed.
/// If this test fails, stored logs would no longer verify: change the code, not the pins.
struct HashPinningTests {
    static let at = Timestamp(milliseconds: 1_798_794_000_000)  // 2027-01-01T09:00:00Z
    static let day = CivilDate(year: 2027, month: 1, day: 4)

    static func events() throws -> [(EventType, String, EventPayload)] {
        let first = try EventID(parsing: "01a25000-0000-7000-8000-000000000001")
        return [
            (.visit, "alice", .visit(try Visit(customer: "Café Lumière", kind: .new, note: "met the buyer"))),
            (.call, "alice", .call(try Call(customer: "ACME", minutes: 12, outcome: "call back"))),
            (.payment, "alice", .payment(try Payment(customer: "ACME", amount: Money(parsing: "12000.5"), reference: "INV/7"))),
            (.order, "alice", .order(try Order(customer: "ACME", amount: Money(parsing: "300"),
                                               lines: [try OrderLine(product: "widget", quantity: 2, amount: Money(parsing: "200")),
                                                       try OrderLine(product: "gadget", quantity: 1, amount: Money(parsing: "100"))]))),
            (.void, "alice", .void(try Correction(event: first, reason: "typo"))),
            (.team, "team:east", .team(try TeamEvent(name: "east", managers: ["carol"]))),
            (.member, "alice", .member(try MemberEvent(team: "east", user: "alice", action: .add, from: Self.day))),
            (.calendar, "team:east", .calendar(try CalendarEvent(team: "east", change: .set, timeZone: "Asia/Shanghai", workdays: "Mon-Fri", hours: "09:00-18:00"))),
            (.calendar, "team:east", .calendar(try CalendarEvent(team: "east", change: .holiday, from: Self.day, to: Self.day.adding(days: 2), name: "春节"))),
            (.target, "team:east", .target(try TargetEvent(scope: .team, name: "east", metric: .revenue, year: 2027, amount: 100_000_00,
                                                          profile: .quarters([20, 25, 25, 30]), split: "workdays", from: nil))),
            (.plan, "alice", .plan(try PlanEvent.add("Visit ACME", date: Self.day, customer: "ACME", kind: .visit))),
            (.review, "alice", .review(try ReviewEvent(week: "2027-W01", note: "Good week", causes: ["late quotes"], support: [], next: ["call earlier"]))),
            (.goal, "alice", .goal(try GoalPlan(scope: .user, name: "alice", metric: .calls, year: 2027, actions: ["Call every morning"], reward: nil,
                                                penalty: nil, obstacles: [], skills: [], support: [], milestones: [.init(date: Self.day, amount: 10)]))),
            (.slip, "alice", .slip(Slip(kind: .dailySlip, team: "east", metric: .calls, period: "2027-01-04", periodStart: Self.day, periodEnd: Self.day,
                                        target: "10", actual: "3", expected: "10", gap: "-7", late: false))),
        ]
    }

    @Test func canonicalJSONIsStableAndReadsBack() throws {
        let p = EventPayload.payment(try Payment(customer: "ACME", amount: Money(parsing: "12000.5"), reference: "INV/7"))
        let json = try p.canonicalJSON()
        #expect(json == #"{"amount":"12000.50","customer":"ACME","reference":"INV/7"}"#)
        #expect(try EventPayload(type: .payment, json: json) == p)
    }

    @Test func storedBytesAndHashesArePinned() async throws {
        try await withTemporaryStore { store in
            let recorder = EventRecorder(store: store, clock: { Self.at })
            defer { recorder.close() }
            var lines: [String] = []
            for (n, (type, subject, payload)) in try Self.events().enumerated() {
                let id = try EventID(parsing: "01a25000-0000-7000-8000-\(String(repeating: "0", count: 12 - String(n + 1).count))\(n + 1)")
                let stored = try await recorder.append(NewEvent(id: id, type: type, subject: subject, recordedBy: "root", occurredAt: Self.at,
                                                                data: try payload.canonicalJSON(), voids: type == .void ? try EventID(parsing: "01a25000-0000-7000-8000-000000000001") : nil,
                                                                payload: payload)).event
                #expect(try EventPayload(type: type, json: stored.data) == payload, "\(type) reads back")
                lines.append("\(type.rawValue) \(stored.data) \(HashChain.hex(stored.hash))")
            }
            for (got, pin) in zip(lines, Self.pinned) { #expect(got == pin) }
            #expect(lines.count == Self.pinned.count)
        }
    }

    /// Type, stored `data` and hash (hex) of each event above, appended in order to an
    /// empty log by `root` at 2027-01-01T09:00:00Z.
    static let pinned: [String] = [
        #"visit {"customer":"Café Lumière","kind":"new","note":"met the buyer"} 9abe328bc677d5a62c53f5052d4756e0b4fb3abd5305b5b0cd7d3f7d6486bee7"#,
        #"call {"customer":"ACME","minutes":12,"outcome":"call back"} c9f9773711d38ad1105dcc13a55154b8497c30ad832cc01f14c34da10db4b6fb"#,
        #"payment {"amount":"12000.50","customer":"ACME","reference":"INV/7"} 0a99f13b1307a67f955c086829730dc36822c92b0265ce838b5d0758026cda73"#,
        #"order {"amount":"300.00","customer":"ACME","lines":[{"amount":"200.00","product":"widget","quantity":2},{"amount":"100.00","product":"gadget","quantity":1}]} efbea4a653d9ad947b2f03ed3dc9119652c9415fb5889d9fb72b5cc3605cade3"#,
        #"void {"event":"01a25000-0000-7000-8000-000000000001","reason":"typo"} aa2906e52108ef74bb995931a8a3db0c98261d1c29f75e53332635453db8b5cd"#,
        #"team {"managers":["carol"],"name":"east"} 684751d872ada59cdd795915694a3c1115cf4328094d79658a2deab60c5e37e8"#,
        #"member {"action":"add","from":"2027-01-04","team":"east","user":"alice"} 4bfa6af872ffd92eedc2c92ed77c0ed8ffd88d920d66bad3fa2c90354edb12fa"#,
        #"calendar {"change":"set","hours":"09:00-18:00","team":"east","time_zone":"Asia/Shanghai","workdays":"Mon-Fri"} 42756f3744926f5e13f1fb79fad407f4563f945dda99a518e4a493b9896a46ca"#,
        #"calendar {"change":"holiday","from":"2027-01-04","name":"春节","team":"east","to":"2027-01-06"} e28f7acfa5137c7e1c73eff3296eb2df3b66353b9bf85a22156eb6913eb7ce5a"#,
        #"target {"amount":"100000.00","metric":"revenue","name":"east","profile":"quarters:20,25,25,30","scope":"team","split":"workdays","year":2027} 9a62171a795ccc1a299fa2ab3228a1569ed7da390b096762adcfd8a1bd55c1be"#,
        #"plan {"action":"add","customer":"ACME","date":"2027-01-04","kind":"visit","text":"Visit ACME"} d5e2932cb5c58e47bfb31b88ff6240955feee51d076ed2a743da252ef77872e1"#,
        #"review {"causes":["late quotes"],"next":["call earlier"],"note":"Good week","support":[],"week":"2027-W01"} 7b310654b2cc26460d3a069faf928a23a8575443af4b3d0c696049abf15d0a4f"#,
        #"goal {"actions":["Call every morning"],"metric":"calls","milestones":["2027-01-04:10"],"name":"alice","obstacles":[],"scope":"user","skills":[],"support":[],"year":2027} 2e8beb5540878c4281c86f4a9c0dd7b9b978d4f7226e5f04aa4c8366a76d59f1"#,
        #"slip {"actual":"3","expected":"10","gap":"-7","kind":"daily-slip","late":false,"metric":"calls","period":"2027-01-04","period_end":"2027-01-04","period_start":"2027-01-04","target":"10","team":"east"} bac1452277507b1afc0642967c4321cda0c655c5f8895015be28778e1c26cea7"#,
    ]
}
