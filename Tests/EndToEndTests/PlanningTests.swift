import Foundation
import PaceClient
import Testing

/// The planning method through the real binaries: daily plans, the weekly review,
/// month checkpoints, goal action plans, and their journal entries.
@Suite(.serialized)
struct PlanningTests {
    static let testClock = ["PACED_ALLOW_TEST_CLOCK": "1"]
    static let shanghai = ["TZ": "Asia/Shanghai"]

    /// Team east on Shanghai time, Mon-Fri 09:00-18:00, with root in it; paced's clock
    /// on Monday 2026-11-30 at 08:00 there.
    func eastTeam(_ extra: [String] = [], launcher: [String] = [], manager: String? = nil, members: [String] = []) throws -> Daemon {
        let d = try Daemon(extraArguments: ["--test-clock", "2026-11-30T08:00:00+08:00"] + extra, environment: Self.testClock, launcher: launcher)
        #expect(try d.pace(["team", "create", "east"] + (manager.map { ["--manager", $0] } ?? [])).status == 0)
        #expect(try d.pace("calendar", "set", "east", "--tz", "Asia/Shanghai").status == 0)
        for user in ["root"] + members { #expect(try d.pace("team", "add", "east", user, "--from", "2026-01-01").status == 0) }
        return d
    }

    @Test func aMatchingEventTicksOffAnItemAndNothingElseDoes() throws {
        let d = try eastTeam()
        try SlipJournalTests.clock(d, "2026-11-30T12:00:00+08:00")
        for args in [["Visit ACME with the new catalogue", "--customer", "ACME", "--kind", "visit"],
                     ["Call Globex about the renewal", "--customer", "Globex", "--kind", "call"],
                     ["Prepare the quote for Initech"]] {
            #expect(try d.pace(["plan", "add"] + args + ["--for", "2026-11-30"], environment: Self.shanghai).status == 0)
        }
        let tuesday = try d.pace("plan", "add", "Visit Umbrella", "--customer", "Umbrella", "--kind", "visit", environment: Self.shanghai)
        #expect(tuesday.stdout == "Planned for Tue 2026-12-01: 1. [open] Visit Umbrella (visit Umbrella)\n", "without --for: the next working day")
        // Another customer, another kind, another day: nothing is ticked off.
        for args in [["log", "visit", "Globex", "--existing", "--at", "2026-11-30 10:00"], ["log", "call", "ACME", "--at", "2026-11-30 10:05"],
                     ["log", "visit", "Umbrella", "--new", "--at", "2026-11-30 10:10"], ["log", "visit", "ACME", "--existing", "--at", "2026-11-29 10:00"]] {
            #expect(try d.pace(args, environment: Self.shanghai).status == 0)
        }
        let before = try d.pace("plan", "2026-11-30")
        #expect(before.stdout == """
            root's plan for Mon 2026-11-30
             1. [open] Visit ACME with the new catalogue (visit ACME)
             2. [open] Call Globex about the renewal (call Globex)
             3. [open] Prepare the quote for Initech
            0 of 3 done

            """, "\(before)")
        #expect(try d.pace("plan", "2026-12-01").stdout.contains("1. [open] Visit Umbrella"))
        // The visit to ACME that day ticks off item 1; item 3 is done by hand, item 2 dropped.
        let visit = try d.pace("log", "visit", "ACME", "--existing", "--at", "2026-11-30 11:00", "--json", environment: Self.shanghai)
        let seq = try #require((try JSONSerialization.jsonObject(with: Data(visit.stdout.utf8)) as? [String: Any])?["seq"] as? Int)
        #expect(try d.pace("plan", "done", "3", "--date", "2026-11-30").stdout == "Done: 3. Prepare the quote for Initech (2026-11-30)\n")
        #expect(try d.pace("plan", "drop", "2", "--date", "2026-11-30", "--reason", "Globex asked for next week").status == 0)
        let after = try d.pace("plan", "2026-11-30")
        #expect(after.stdout == """
            root's plan for Mon 2026-11-30
             1. [done] Visit ACME with the new catalogue (visit ACME): visit #\(seq)
             2. [dropped] Call Globex about the renewal (call Globex): Globex asked for next week
             3. [done] Prepare the quote for Initech: by hand
            2 of 2 done, 1 dropped

            """, "\(after)")
        // `pace today` lists today's open items under the bars (none left today).
        #expect(try d.pace("today").stdout.contains("Open in today's plan") == false)
        #expect(try d.pace("plan", "add", "Call Hooli", "--for", "2026-11-30", environment: Self.shanghai).status == 0)
        let today = try d.pace("today", environment: Self.shanghai)
        #expect(today.stdout.hasSuffix("\nOpen in today's plan:\n 4. [open] Call Hooli\n"), "\(today)")
    }

    @Test func badPlanAndGoalInputIsRefusedAndChangesNothing() throws {
        let d = try eastTeam()
        #expect(try d.pace("plan", "add", "Visit ACME", "--for", "2026-11-30").status == 0)
        let events = try d.eventCount()
        let cases: [(args: [String], exit: Int32, message: String)] = [
            (["plan", "done", "7", "--date", "2026-11-30"], 65, "root's plan for 2026-11-30 has no item 7; it has 1. See `pace plan 2026-11-30`."),
            (["plan", "drop", "1", "--date", "2026-12-02", "--reason", "x"], 65, "root has no plan for 2026-12-02, so no item 1."),
            (["plan", "add", "Too late", "--for", "2026-11-27"], 65, "2026-11-27 is past (today is 2026-11-30): plan today or a later day."),
            (["plan", "add", "Visit", "--kind", "lunch"], 64, "--kind lunch is not one of visit, call, payment, order, other."),
            (["plan", "add", "  "], 64, "The plan item is empty."),
            (["plan", "done", "0"], 64, "Plan items are numbered from 1"),
            (["plan", "drop", "1", "--date", "2026-11-30"], 64, "Missing expected argument '--reason <reason>'"),
            (["goal", "plan", "calls", "--year", "2026", "--milestone", "2026-11-31:5"], 64, "'2026-11-31:5' is not a milestone. Write DATE:AMOUNT, like 2027-03-31:300."),
            (["goal", "plan", "calls", "--year", "2026", "--milestone", "2026-06-30"], 64, "'2026-06-30' is not a milestone."),
            (["goal", "plan", "calls", "--year", "2026", "--milestone", "2027-01-15:5"], 64, "The milestone 2027-01-15:5 is not in 2026."),
            (["goal", "plan", "calls", "--year", "2026", "--milestone", "2026-06-30:-5"], 64, "The milestone 2026-06-30:-5 has a negative amount"),
            (["review", "week", "--week", "2026-W54"], 64, "--week 2026-W54 is not a week like 2026-W48."),
            (["review", "week", "--cause", "rain"], 64, "add --note with what worked"),
        ]
        for c in cases {
            let r = try d.pace(c.args)
            #expect(r.status == c.exit && r.stderr.contains(c.message), "\(c.args): \(r)")
        }
        #expect(try d.eventCount() == events, "a refused command changed nothing")
    }

    /// Root's week 2026-W49 with his own targets of 10 calls and 1 new-customer visit a
    /// working day. Calls Mon 12, Tue 8, Wed 10, Thu 3, Fri 10: 43 of 50, pace 0.86 (at
    /// risk, as of Saturday), short on Tuesday by 2 and Thursday by 7. One new-customer
    /// visit each day: 5 of 5. An order from Initech (a new customer) of 1,200.00 on
    /// Wednesday, a payment of 500.00 on Thursday. Plan: Monday's call ACME (ticked off
    /// by a call), Tuesday's visit to Globex (left open), Wednesday's quote (done by
    /// hand), Thursday's samples (dropped): 2 of 3.
    @Test func theWeeklyReviewOfAHandComputedWeek() throws {
        let carol = try TempUser(), alice = try TempUser()
        let d = try eastTeam(manager: carol.name, members: [alice.name])
        #expect(try d.pace("target", "set", "calls", "2610", "--year", "2026", "--user", "root").status == 0)
        #expect(try d.pace("target", "set", "visits.new", "261", "--year", "2026", "--user", "root").status == 0)
        for (day, text, extra) in [("2026-11-30", "Call ACME", ["--customer", "ACME", "--kind", "call"]), ("2026-12-01", "Visit Globex", ["--customer", "Globex", "--kind", "visit"]),
                                   ("2026-12-02", "Prepare the Initech quote", []), ("2026-12-03", "Send samples", [])] {
            #expect(try d.pace(["plan", "add", text, "--for", day] + extra).status == 0)
        }
        try SlipJournalTests.clock(d, "2026-12-05T09:00:00+08:00")
        for (day, calls) in [("2026-11-30", 12), ("2026-12-01", 8), ("2026-12-02", 10), ("2026-12-03", 3), ("2026-12-04", 10)] {
            for _ in 0..<calls { #expect(try d.pace("log", "call", "ACME", "--at", "\(day) 10:00", environment: Self.shanghai).status == 0) }
            #expect(try d.pace("log", "visit", "New \(day)", "--new", "--at", "\(day) 15:00", environment: Self.shanghai).status == 0)
        }
        #expect(try d.pace("log", "order", "Initech", "1200", "--at", "2026-12-02 16:00", environment: Self.shanghai).status == 0)
        #expect(try d.pace("log", "payment", "ACME", "500", "--at", "2026-12-03 16:00", environment: Self.shanghai).status == 0)
        #expect(try d.pace("plan", "done", "1", "--date", "2026-12-02").status == 0)
        #expect(try d.pace("plan", "drop", "1", "--date", "2026-12-03", "--reason", "samples out of stock").status == 0)

        let review = try d.pace("review", "week", "--week", "2026-W49")
        #expect(review.stdout == """
            Week 2026-W49 (2026-11-30 to 2026-12-06), user root
            FIGURE                        TARGET    ACTUAL  STATUS     DAYS BEHIND
            new customers                      0         1  met
            visits to new customers            5         5  met
            visits to existing customers       0         0  no_target
            return visits                      0         0  no_target
            calls                             50        43  at_risk    Tue -2, Thu -7
            money returned                  0.00    500.00  met
            orders signed                      0         1  met
            order amount                    0.00  1,200.00  met
            products contracted                0         0  no_target
            Plan: 2 of 3 items done (66%)
            No review yet: write one with `pace review week --note ...`.

            """, "\(review)")

        // Root writes his review; his manager reads it with the team's week.
        let note = try d.pace("review", "week", "--week", "2026-W49", "--note", "Monday's calls went well", "--cause", "Thursday lost to a training",
                              "--support", "Samples from logistics", "--next", "Block calls in the morning")
        #expect(note.status == 0 && note.stdout.hasPrefix("Recorded review #"), "\(note)")
        let team = try d.pace(as: carol.name, ["review", "week", "--week", "2026-W49", "--team", "east"])
        #expect(team.status == 0, "\(team)")
        #expect(team.stdout.contains("Plan: 2 of 3 items done (66%)\nReview by root, "), "\(team)")
        #expect(team.stdout.hasSuffix("""
              Worked: Monday's calls went well
              Cause: Thursday lost to a training
              Support needed: Samples from logistics
              Next: Block calls in the morning

            """), "\(team)")
        #expect(try d.pace(as: carol.name, ["plan", "2026-11-30", "--user", "root"]).stdout.contains("1. [done] Call ACME"))

        // A salesperson reads neither another's review or plan nor the team's.
        for args in [["review", "week", "--user", "root"], ["review", "week", "--team", "east"], ["plan", "--user", "root"], ["review", "month", "--user", "root"]] {
            let r = try d.pace(as: alice.name, args)
            #expect(r.status == 77, "\(args): \(r)")
        }
        #expect(try d.pace(as: alice.name, ["review", "week", "--user", "root"]).stderr.contains("may read only your own reviews"))
    }

    @Test(arguments: [("2027-02", ["2027-02-01", "2027-02-10", "2027-02-11", "2027-02-20", "2027-02-21", "2027-02-28"]),
                      ("2028-02", ["2028-02-01", "2028-02-10", "2028-02-11", "2028-02-20", "2028-02-21", "2028-02-29"]),
                      ("2026-11", ["2026-11-01", "2026-11-10", "2026-11-11", "2026-11-20", "2026-11-21", "2026-11-30"]),
                      ("2026-12", ["2026-12-01", "2026-12-10", "2026-12-11", "2026-12-20", "2026-12-21", "2026-12-31"])])
    func theMonthIsCutIntoItsThirds(month: String, bounds: [String]) throws {
        let d = try eastTeam()
        let r = try d.pace("review", "month", "--month", month, "--json")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r)")
        let thirds = try #require(obj["thirds"] as? [[String: Any]])
        #expect(thirds.map { $0["name"] as? String } == ["early", "mid", "late"])
        #expect(thirds.flatMap { [$0["start"] as? String ?? "", $0["end"] as? String ?? ""] } == bounds)
        #expect(thirds.allSatisfy { ($0["figures"] as? [[String: Any]])?.map { $0["figure"] as? String }
            == ["new customers", "visits", "products contracted", "contracted amount", "money returned"] })
    }

    @Test func aGoalPlanIsShownBesideItsProgressAndMilestones() throws {
        let d = try eastTeam()
        try SlipJournalTests.clock(d, "2026-12-02T12:00:00+08:00")
        #expect(try d.pace("target", "set", "revenue", "2610000", "--year", "2026", "--user", "root").status == 0)
        #expect(try d.pace("log", "order", "ACME", "6000", "--at", "2026-11-30 10:00", environment: Self.shanghai).status == 0)
        #expect(try d.pace("goal", "plan", "revenue", "--year", "2026", "--action", "Visit three new customers a week",
                           "--milestone", "2026-12-31:20000", "--milestone", "2026-11-30:5000").status == 0)
        #expect(try d.pace("goal", "plan", "revenue", "--year", "2026", "--action", "Visit three new customers a week", "--action", "Call back within a day",
                           "--reward", "Team dinner", "--penalty", "Buys the coffee", "--obstacle", "Long approvals at Globex", "--skill", "Negotiation",
                           "--support", "Faster quotes from sales ops", "--milestone", "2026-11-30:5000", "--milestone", "2026-12-01:7000",
                           "--milestone", "2026-12-31:20000").status == 0)
        let show = try d.pace("goal", "show", "revenue", "--year", "2026")
        #expect(show.stdout.hasSuffix("""
            Action plan (version 2):
              Action: Visit three new customers a week
              Action: Call back within a day
              Reward: Team dinner
              Penalty: Buys the coffee
              Obstacle: Long approvals at Globex
              Skill: Negotiation
              Support: Faster quotes from sales ops
            Milestones:
              2026-11-30    5,000.00  actual   6,000.00  met
              2026-12-01    7,000.00  actual   6,000.00  missed
              2026-12-31   20,000.00  actual   6,000.00  open

            """), "\(show)")
        #expect(show.stdout.hasPrefix("revenue 2026, your goal\nGoal: 2,610,000.00; actual 6,000.00, expected by now "), "\(show)")
    }

    /// A milestone miss and a planning reminder, each read back once from a real journald.
    @Test func aMilestoneMissAndAPlanningReminderReachTheJournalOnce() throws {
        let journal = try PrivateJournal()
        let alice = try TempUser()
        let d = try eastTeam(launcher: journal.enter, members: [alice.name])
        #expect(try d.pace("goal", "plan", "calls", "--year", "2026", "--milestone", "2026-11-30:100").status == 0)
        #expect(try d.pace("plan", "add", "Visit ACME", "--for", "2026-12-01").status == 0)
        // Monday closes: alice has no plan for Tuesday, root has.
        try SlipJournalTests.clock(d, "2026-11-30T18:31:00+08:00")
        // Tuesday closes: the milestone of Monday has passed with 0 of 100 calls; a restart retells nothing.
        try SlipJournalTests.clock(d, "2026-12-01T18:31:00+08:00")
        #expect(d.stop() == 0)
        try d.start(extraArguments: ["--test-clock", "2026-12-01T19:00:00+08:00"])
        try SlipJournalTests.clock(d, "2026-12-01T19:01:00+08:00")

        let reminders = try journal.entries("SYSLOG_IDENTIFIER=paced", "PACE_KIND=plan-reminder", "PACE_PERIOD=2026-12-01")
        #expect(reminders.count == 1, "\(reminders)")
        let r = try #require(reminders.first)
        #expect(r["MESSAGE_ID"] == "e3fea67fd040432e956e000287706427" && r["PRIORITY"] == "6" && r["PACE_SUBJECT"] == alice.name && r["PACE_TEAM"] == "east")
        #expect(r["MESSAGE"] == "\(alice.name) has no plan for Tue 2026-12-01, the next working day")
        let missed = try journal.entries("SYSLOG_IDENTIFIER=paced", "PACE_KIND=milestone-missed")
        #expect(missed.count == 1, "\(missed)")
        let m = try #require(missed.first)
        #expect(m["MESSAGE_ID"] == "1968a8594dd04af6815041ce12422fa0" && m["PRIORITY"] == "4" && m["PACE_SUBJECT"] == "root")
        #expect(m["PACE_METRIC"] == "calls" && m["PACE_PERIOD"] == "2026-11-30" && m["PACE_TARGET"] == "100" && m["PACE_ACTUAL"] == "0" && m["PACE_GAP"] == "-100")
        #expect(m["MESSAGE"] == "root missed the calls milestone of 2026-11-30: 0 of 100 since January 1 (-100)")
        // And `pace slips` lists the reminder for alice herself.
        let mine = try d.pace(as: alice.name, ["slips", "--since", "2026-11-30"])
        #expect(mine.stdout.contains("  info   \(alice.name) has no plan for Tue 2026-12-01, the next working day"), "\(mine)")
    }
}
