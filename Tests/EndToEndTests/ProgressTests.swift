import Foundation
import Testing

/// Progress through the real binaries: a hand-computed week in Berlin.
@Suite(.serialized)
struct ProgressE2ETests {
    /// Team east on Europe/Berlin, Mon-Fri, with Wednesday 2026-11-18 a holiday. The
    /// 2026 calls target of 2,600 over 2026's 261 weekdays less that holiday (260) is
    /// exactly 10 a working day. Calls: Mon 12, Tue 8, Thu 3 at 10:00 plus one at 23:59
    /// (and one at 11:00 voided), Fri one at 00:01.
    @Test func aHandComputedWeek() throws {
        let d = try Daemon()
        #expect(try d.pace("team", "create", "east").status == 0)
        #expect(try d.pace("calendar", "set", "east", "--tz", "Europe/Berlin").status == 0)
        #expect(try d.pace("calendar", "holiday", "add", "east", "2026-11-18").status == 0)
        #expect(try d.pace("team", "add", "east", "root", "--from", "2026-01-01").status == 0)
        #expect(try d.pace("target", "set", "calls", "2600", "--year", "2026", "--user", "root").status == 0)
        func calls(_ n: Int, at: String) throws {
            for _ in 0..<n { #expect(try d.pace("log", "call", "ACME", "--at", at).status == 0) }
        }
        try calls(12, at: "2026-11-16 10:00")
        try calls(8, at: "2026-11-17 10:00")
        try calls(3, at: "2026-11-19 10:00")
        let mistake = try d.pace("log", "call", "ACME", "--at", "2026-11-19 11:00", "--json")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(mistake.stdout.utf8)) as? [String: Any])?["id"] as? String)
        #expect(try d.pace("void", id, "--reason", "logged twice").status == 0)
        try calls(1, at: "2026-11-19 23:59")
        try calls(1, at: "2026-11-20 00:01")

        func progress(_ args: String...) throws -> [String: Any] {
            let r = try d.pace(["progress", "--metric", "calls", "--json"] + args)
            #expect(r.status == 0, "\(r)")
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require((obj["rows"] as? [[String: Any]])?.first)
        }
        // End of Thursday: expected 10 + 10 + 0 + 10 = 30, actual 12 + 8 + 4 = 24, pace 0.8 (at risk,
        // not yet behind); 16 left for Friday alone; forecast 24 x 4 / 3 working days = 32.
        let week = try progress("--period", "week", "--at", "2026-11-19")
        #expect(week["target"] as? String == "40" && week["actual"] as? String == "24" && week["expected"] as? String == "30")
        #expect(week["pace"] as? Double == 0.8 && week["status"] as? String == "at_risk" && week["gap"] as? String == "-6")
        #expect(week["remaining"] as? String == "16" && week["remaining_days"] as? Int == 1 && week["required_per_day"] as? String == "16")
        #expect(week["forecast"] as? String == "32")
        // Thursday alone: 4 of 10 (the 23:59 call counts for Thursday, the 00:01 one for Friday).
        let thursday = try progress("--period", "day", "--at", "2026-11-19")
        #expect(thursday["actual"] as? String == "4" && thursday["status"] as? String == "missed")
        let friday = try progress("--period", "day", "--at", "2026-11-20")
        #expect(friday["actual"] as? String == "1")
        // The holiday has no target and nothing expected.
        let wednesday = try progress("--period", "day", "--at", "2026-11-18")
        #expect(wednesday["target"] as? String == "0" && wednesday["expected"] as? String == "0")
        // The week as of the end of Sunday: over, 25 of 40: missed.
        let over = try progress("--period", "week", "--at", "2026-11-22")
        #expect(over["actual"] as? String == "25" && over["expected"] as? String == "40" && over["status"] as? String == "missed")

        // The text table says the same.
        let text = try d.pace("progress", "--period", "week", "--at", "2026-11-19")
        #expect(text.stdout == """
            root, 2026-W47 (2026-11-16 to 2026-11-22), as of 2026-11-19 23:59
            METRIC  TARGET  ACTUAL  EXPECTED  PACE  STATUS   NEED/DAY
            calls       40      24        30   80%  at_risk        16

            """, "\(text)")

        // The team report: members by day, with the team's totals (no team target: 0, no %).
        let report = try d.pace("report", "--team", "east", "--by", "day", "--from", "2026-11-16", "--to", "2026-11-20", "--metric", "calls", "--csv")
        #expect(report.stdout == """
            period,user,actual,target,percent
            2026-11-16,TEAM,12,0,
            2026-11-16,root,12,10,120
            2026-11-17,TEAM,8,0,
            2026-11-17,root,8,10,80
            2026-11-18,TEAM,0,0,
            2026-11-18,root,0,0,
            2026-11-19,TEAM,4,0,
            2026-11-19,root,4,10,40
            2026-11-20,TEAM,1,0,
            2026-11-20,root,1,10,10

            """, "\(report)")

        // A rebuild from the log gives the same answers.
        let rebuilt = try d.pace("rebuild")
        #expect(rebuilt.status == 0 && rebuilt.stdout.hasPrefix("Rebuilt the projections from "))
        let again = try progress("--period", "week", "--at", "2026-11-19")
        #expect(again["actual"] as? String == "24" && again["status"] as? String == "at_risk")
    }

    /// Customers (named as first logged; case does not make a new one): the first order
    /// (by when it happened) makes a customer new for its
    /// owner; receivables are orders minus payments; a void takes an order back out.
    @Test func customersAndReceivables() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", "root", "--from", "2026-01-01")
        #expect(try d.pace("log", "order", "ACME", "1000", "--at", "2026-11-10 10:00").status == 0)
        #expect(try d.pace("log", "order", "acme", "500", "--at", "2026-11-03 10:00").status == 0)   // earlier: the first order
        #expect(try d.pace("log", "payment", "ACME", "300", "--at", "2026-11-12 10:00").status == 0)
        let bolt = try d.pace("log", "order", "Bolt", "200", "--at", "2026-11-11 10:00", "--json")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(bolt.stdout.utf8)) as? [String: Any])?["id"] as? String)
        #expect(try d.pace("log", "order", "Crate", "50", "--at", "2026-11-11 11:00").status == 0)
        #expect(try d.pace("log", "payment", "Crate", "50", "--at", "2026-11-12 11:00").status == 0)
        #expect(try d.pace("void", id, "--reason", "cancelled").status == 0)

        let all = try d.pace("customers")
        #expect(all.stdout == """
            CUSTOMER  OWNER  FIRST ORDER   REVENUE  PAYMENTS  RECEIVABLE
            ACME      root   2026-11-03   1,500.00    300.00    1,200.00
            Crate     root   2026-11-11      50.00     50.00        0.00

            """, "\(all)")
        let owed = try d.pace("customers", "--receivables", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(owed.stdout.utf8)) as? [[String: String]])
        #expect(list.map { $0["name"] } == ["ACME"] && list.first?["receivable"] == "1200.00")
        // customers.new: acme on Nov 3 (its first order), Crate on Nov 11; Bolt's only order was voided.
        let m = try d.pace("progress", "--metric", "customers.new", "--period", "month", "--at", "2026-11-30", "--json")
        #expect(m.status == 65 && m.stderr.contains("No customers.new target"))
        let csv = try d.pace("report", "--team", "east", "--by", "day", "--from", "2026-11-03", "--to", "2026-11-11", "--metric", "customers.new", "--csv")
        #expect(csv.stdout.contains("2026-11-03,root,1,0,") && csv.stdout.contains("2026-11-10,root,0,0,") && csv.stdout.contains("2026-11-11,root,1,0,"))
    }

    @Test func progressRolesAndTodayOutput() throws {
        let d = try Daemon()
        let carol = try TempUser(), alice = try TempUser(), bob = try TempUser()
        _ = try d.pace("team", "create", "east", "--manager", carol.name)
        _ = try d.pace("team", "add", "east", alice.name, bob.name, "--from", "2026-01-01")
        _ = try d.pace("target", "set", "visits", "2610", "--year", "2026", "--team", "east")
        #expect(try d.pace(as: alice.name, ["progress", "--user", bob.name]).status == 77)
        #expect(try d.pace(as: alice.name, ["progress", "--team", "east"]).status == 77)
        #expect(try d.pace(as: carol.name, ["progress", "--team", "east", "--period", "month"]).status == 0)
        #expect(try d.pace(as: carol.name, ["progress", "--user", alice.name]).status == 0)
        let outsider = try TempUser()
        let r = try d.pace(as: outsider.name, ["today"])
        #expect(r.status == 77 && r.stderr.contains("are on no team yet"))
        #expect(try d.pace(as: alice.name, ["rebuild"]).status == 77)

        let today = try d.pace(as: alice.name, ["today"])
        #expect(today.status == 0, "\(today)")
        #expect(today.stdout.hasPrefix("\(alice.name), "))
        #expect(today.stdout.contains("visits "))
        let json = try d.pace(as: alice.name, ["today", "--json"])
        let views = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(views.count == 2 && views[0]["period"] as? String == "day" && views[1]["period"] as? String == "week")
    }
}

@Suite(.serialized)
struct AttributionTests {
    /// New York springs forward on 2026-03-08: that local day has 23 hours, and an
    /// event at 23:30 on it (03:30 UTC the next day) still counts for March 8.
    @Test func localDaysAcrossTheSpringForward() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "nyc")
        _ = try d.pace("calendar", "set", "nyc", "--tz", "America/New_York")
        _ = try d.pace("team", "add", "nyc", "root", "--from", "2026-01-01")
        let ny = ["TZ": "America/New_York"]
        for at in ["2026-03-07 23:30", "2026-03-08 23:30", "2026-03-09 00:30", "2026-03-09 00:45"] {
            #expect(try d.pace(["log", "call", "ACME", "--at", at], environment: ny).status == 0)
        }
        let r = try d.pace("report", "--team", "nyc", "--by", "day", "--from", "2026-03-07", "--to", "2026-03-09", "--metric", "calls", "--csv")
        #expect(r.stdout.contains("2026-03-07,root,1,") && r.stdout.contains("2026-03-08,root,1,") && r.stdout.contains("2026-03-09,root,2,"), "\(r)")
    }

    /// Alice moves from east to west on November 16: her earlier calls stay with east.
    @Test func aMemberMovingTeamsMidMonth() throws {
        let d = try Daemon()
        let alice = try TempUser()
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "create", "west")
        _ = try d.pace("team", "add", "east", alice.name, "--from", "2026-01-01")
        #expect(try d.pace("log", "call", "ACME", "--for", alice.name, "--at", "2026-11-10 10:00").status == 0)
        #expect(try d.pace("team", "add", "west", alice.name, "--from", "2026-11-16").status == 0)
        #expect(try d.pace("log", "call", "ACME", "--for", alice.name, "--at", "2026-11-20 10:00").status == 0)
        let east = try d.pace("report", "--team", "east", "--by", "month", "--from", "2026-11-01", "--to", "2026-11-30", "--metric", "calls", "--csv")
        let west = try d.pace("report", "--team", "west", "--by", "month", "--from", "2026-11-01", "--to", "2026-11-30", "--metric", "calls", "--csv")
        #expect(east.stdout.contains("2026-11,\(alice.name),1,") && east.stdout.contains("2026-11,TEAM,1,"), "\(east)")
        #expect(west.stdout.contains("2026-11,\(alice.name),1,") && west.stdout.contains("2026-11,TEAM,1,"), "\(west)")
        // A rebuild attributes them the same way.
        #expect(try d.pace("rebuild").status == 0)
        let again = try d.pace("report", "--team", "east", "--by", "month", "--from", "2026-11-01", "--to", "2026-11-30", "--metric", "calls", "--csv")
        #expect(again.stdout == east.stdout)
    }
}

@Suite(.serialized)
struct DemoTests {
    /// `make run`'s demo: `pace today` for a demo salesperson, and its JSON parsed back.
    @Test func todayOnTheDemoCompany() throws {
        let d = try Daemon(extraArguments: ["--demo"])
        #expect(try d.eventCount() > 5000)
        let teams = try d.pace("team", "list")
        #expect(teams.stdout == """
            east: 3 members, managed by carol; Mon-Fri 09:00-18:00 Asia/Shanghai
            west: 2 members, managed by carol; Mon-Fri 09:00-18:00 Asia/Shanghai

            """)
        let today = try d.pace(["today", "--user", "bob"], environment: ["TZ": "Asia/Shanghai"])
        #expect(today.status == 0, "\(today)")
        #expect(today.stdout.hasPrefix("bob, "))
        for metric in ["visits.new", "calls", "revenue", "customers.new"] { #expect(today.stdout.contains("\n\(metric) ")) }
        let json = try d.pace("today", "--user", "bob", "--json")
        let views = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(views.count == 2)
        let rows = try #require(views[1]["rows"] as? [[String: Any]])
        #expect(rows.count == 8)
        let statuses = Set(["met", "on_track", "at_risk", "behind", "missed"])
        #expect(rows.allSatisfy { statuses.contains($0["status"] as? String ?? "") })
        // Some of the demo team are behind on the year, as the demo promises.
        let year = try d.pace("progress", "--team", "east", "--period", "year", "--json")
        #expect(year.status == 0)
        let bob = try #require(try JSONSerialization.jsonObject(with: Data(try d.pace("progress", "--user", "emil", "--period", "year", "--metric", "revenue", "--json").stdout.utf8)) as? [String: Any])
        let emilRevenue = try #require((bob["rows"] as? [[String: Any]])?.first)
        #expect(["behind", "at_risk"].contains(emilRevenue["status"] as? String ?? ""), "\(emilRevenue)")
    }
}
