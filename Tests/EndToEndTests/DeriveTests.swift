import Foundation
import PaceAPI
import Testing

/// `pace target derive` against a real paced: the planning method's necessary
/// conditions from a small hand-made history (issue 14), its refusals, `--apply`, and
/// a derived target that slips in a real journal like any other.
///
/// Team east (Europe/Berlin) in 2026: ACME (a customer since 2025), Bolt, Cobalt and
/// Delta (new in 2026); 6 orders worth 8,500.00 (widget 6,500.00, gadget 2,000.00),
/// 6 new visits, 8 existing visits, 18 calls. The revenue target for 2027 is
/// 12,000,000.00. Every figure below is computed by hand in its comment.
@Suite(.serialized)
struct DeriveTests {
    static let history: [[String]] = [
        ["log", "order", "ACME", "700", "--at", "2025-06-01 10:00"],
        ["log", "order", "ACME", "1000", "--line", "widget:1:1000", "--at", "2026-02-01 10:00"],
        ["log", "order", "Bolt", "1000", "--line", "gadget:1:1000", "--at", "2026-03-01 10:00"],
        ["log", "order", "Delta", "500", "--line", "gadget:1:500", "--at", "2026-04-01 10:00"],
        ["log", "order", "acme ", "2000", "--line", "widget:1:1500", "--line", "Gadget:1:500", "--at", "2026-08-03 10:00"],
        ["log", "order", "Bolt", "1000", "--line", "widget:1:1000", "--at", "2026-09-01 10:00"],
        ["log", "order", "Cobalt", "3000", "--line", "widget:2:3000", "--at", "2026-10-01 10:00"],
    ] + (1...6).map { ["log", "visit", "Prospect \($0)", "--new", "--at", "2026-0\($0)-10 11:00"] }
        + (1...8).map { ["log", "visit", "ACME", "--existing", "--at", "2026-0\($0)-15 11:00"] }
        + (1...18).map { ["log", "call", "ACME", "--at", "2026-05-\(10 + $0 / 2) 1\($0 % 8):00"] }

    func figure(_ list: [DerivationView.Figure], _ name: String) -> String? { list.first { $0.name == name }?.value }

    @Test func deriveFromHistoryRefuseWithoutItApplyAndSlip() throws {
        let journal = try PrivateJournal()
        let d = try Daemon(extraArguments: ["--no-plan-reminders", "--test-clock", "2027-01-04T09:00:00+01:00"],
                           environment: ["PACED_ALLOW_TEST_CLOCK": "1"], launcher: journal.enter)
        for args in [["team", "create", "east"], ["calendar", "set", "east", "--tz", "Europe/Berlin"], ["team", "add", "east", "root", "--from", "2025-01-01"]]
            + Self.history + [["target", "set", "revenue", "12000000", "--year", "2027", "--team", "east"]] {
            let r = try d.pace(args)
            #expect(r.status == 0, "\(args): \(r)")
        }

        let out = try d.pace("target", "derive", "--team", "east", "--year", "2027", "--json")
        #expect(out.status == 0, "\(out)")
        let v = try JSONDecoder().decode(DerivationView.self, from: Data(out.stdout.utf8))
        #expect(v.revenueTarget == "12000000.00")
        #expect(v.history == .init(from: "2026-01-01", to: "2026-12-31", orders: 6, revenue: "8500.00", customers: 4, newCustomers: 3,
                                   visitsNew: 6, visitsExisting: 8, calls: 18, firstHalf: "2026-01-01..2026-07-01", secondHalf: "2026-07-02..2026-12-31"))
        #expect(figure(v.ratios, "aov") == "1416.67")                         // 8,500 / 6
        #expect(figure(v.ratios, "active-customers") == "4")
        #expect(figure(v.ratios, "repurchase-rate") == "0.6667")              // ACME and Bolt of ACME, Bolt, Delta
        #expect(figure(v.ratios, "revenue-per-repeat-customer") == "2500.00") // (3,000 + 2,000) / 2 / 1 year
        #expect(figure(v.ratios, "first-year-revenue") == "1833.33")         // (2,000 + 3,000 + 500) / 3
        #expect(figure(v.ratios, "conversion") == "0.5")                      // 3 / 6
        #expect(figure(v.ratios, "visits-per-existing-customer") == "2")      // 8 / 4
        #expect(figure(v.ratios, "calls-per-order") == "3")                   // 18 / 6
        #expect(figure(v.ratios, "mix:widget") == "0.7647")                   // 6,500 / 8,500; products in one spelling
        #expect(figure(v.derived, "expected repeat revenue") == "6666.67")    // 4 × 2/3 × 2,500
        #expect(v.targets.map { "\($0.metric) \($0.amount)" } == [
            "customers.new 6542",          // ⌈(12,000,000 − 6,666.67) / 1,833.33…⌉ = ⌈6,541.82⌉
            "visits.new 13084",            // ⌈6,542 / 0.5⌉
            "visits.existing 6",           // ⌈4 × 2/3 × 2⌉
            "orders 8471",                 // ⌈12,000,000 / 1,416.67⌉ = ⌈8,470.59⌉
            "calls 25413",                 // 8,471 × 3
            "revenue:gadget 2823529.41",   // 12,000,000 × 2,000/8,500, rounded down
            "revenue:widget 9176470.59",   // and the cent left over, by largest remainder
        ])
        #expect(v.profile == "workdays" && v.applyFrom == "2027-01-04")

        // As people read it.
        let text = try d.pace("target", "derive", "--team", "east", "--year", "2027")
        #expect(text.stdout.hasPrefix("""
            Team east, 2027: revenue target 12,000,000.00
            History 2026-01-01..2026-12-31: 6 orders, revenue 8,500.00, 4 customers (3 new), 6 visits.new, 8 visits.existing, 18 calls
            """), "\(text)")
        #expect(text.stdout.contains("\norders                   8471  ⌈12,000,000.00 ÷ 1,416.67 AOV⌉\n"), "\(text)")

        // Given ratios replace the history's and are marked.
        let given = try d.pace("target", "derive", "--team", "east", "--year", "2027", "--ratio", "aov=2000", "--ratio", "repurchase-rate=0.75", "--json")
        let g = try JSONDecoder().decode(DerivationView.self, from: Data(given.stdout.utf8))
        #expect(g.ratios.filter(\.given).map { "\($0.name)=\($0.value)" } == ["aov=2000.00", "repurchase-rate=0.75"])
        #expect(g.targets.first { $0.metric == "orders" }?.amount == "6000")  // 12,000,000 / 2,000

        // No history: each missing ratio is named with how to give it; nothing is recorded.
        let before = try d.eventCount()
        let none = try d.pace("target", "derive", "--team", "east", "--year", "2027", "--history", "2024-01-01..2024-12-31", "--apply")
        #expect(none.status == 65, "\(none)")
        #expect(none.stderr.contains("aov: no order in 2024-01-01..2024-12-31; give it with --ratio aov=25000.00"), "\(none)")
        #expect(none.stderr.contains("conversion: no customer placed a first order in 2024-01-01..2024-12-31; give it with --ratio conversion=0.25"))
        for (args, message) in [
            (["--ratio", "speed=3"], "is not NAME=VALUE with a NAME of: aov, active-customers"),
            (["--ratio", "repurchase-rate=1.5"], "a rate is from 0 to 1"),
            (["--history", "2026-12-31..2026-01-01"], "is not a span like 2026-01-01..2026-12-31"),
        ] {
            let r = try d.pace(["target", "derive", "--team", "east", "--year", "2027", "--apply"] + args)
            #expect(r.status == 65 && r.stderr.contains(message), "\(args): \(r)")
        }
        let noTarget = try d.pace("target", "derive", "--team", "east", "--year", "2028")
        #expect(noTarget.status == 65 && noTarget.stderr.contains("has no revenue target for 2028"), "\(noTarget)")
        #expect(try d.eventCount() == before)

        // --apply records each figure as the team's yearly target, from today, saying where it came from.
        let applied = try d.pace("target", "derive", "--team", "east", "--year", "2027", "--apply")
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("applied (workdays, from 2027-01-04):"))
        #expect(try d.eventCount() == before + 7)
        // Again: every target is in force already; nothing is recorded.
        let again = try d.pace("target", "derive", "--team", "east", "--year", "2027", "--apply", "--json")
        #expect(again.status == 0, "\(again)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "one JSON document: \(again.stdout)")
        #expect((doc["recorded"] as? [Any])?.isEmpty == true)
        #expect(((doc["derivation"] as? [String: Any])?["unchanged"] as? [String])?.count == 7)
        #expect(try d.eventCount() == before + 7)
        let calls = try d.pace("target", "show", "--team", "east", "--metric", "calls", "--year", "2027", "--by", "year", "--json")
        let callsView = try JSONDecoder().decode(TargetView.self, from: Data(calls.stdout.utf8))
        #expect(callsView.total == "25413")
        let history = try d.pace("history", "--all", "--type", "target", "--json")
        #expect(history.stdout.contains("Derived by pace target derive from the revenue target 12000000.00 and the history 2026-01-01..2026-12-31: aov=1416.67"),
                "\(history)")
        let progress = try d.pace("progress", "--team", "east", "--period", "year", "--metric", "calls", "--json")
        let p = try JSONDecoder().decode(ProgressView.self, from: Data(progress.stdout.utf8))
        #expect(p.rows.map(\.target) == ["25413"], "\(progress)")

        // Monday 4 January closes with no call: the derived calls target slips like any other.
        let byDay = try JSONDecoder().decode(TargetView.self, from: Data(try d.pace("target", "show", "--team", "east", "--metric", "calls", "--year", "2027",
                                                                                          "--by", "day", "--json").stdout.utf8))
        let monday = try #require(byDay.rows.first { $0.start == "2027-01-04" })
        #expect((Int(monday.target) ?? 0) > 0)
        _ = try SlipJournalTests.clock(d, "2027-01-05T08:00:00+01:00")
        let slips = try journal.entries("SYSLOG_IDENTIFIER=paced", "PACE_KIND=daily-slip", "PACE_METRIC=calls", "PACE_SUBJECT=team:east")
        #expect(slips.map { [$0["PACE_PERIOD"], $0["PACE_TARGET"], $0["PACE_ACTUAL"]] } == [["2027-01-04", monday.target, "0"]], "\(slips)")
    }
}
