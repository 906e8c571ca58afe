import Foundation
import Testing

/// Teams, calendars and targets through the real binaries, with real Unix users.
@Suite(.serialized)
struct OrganizationTests {
    @Test func teamsAreCreatedAndShownWithTheirMembers() throws {
        let d = try Daemon()
        let carol = try TempUser(), alice = try TempUser(), bob = try TempUser()
        var r = try d.pace("team", "create", "east", "--manager", carol.name)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("Recorded team #1: team east, managed by \(carol.name) at "))
        r = try d.pace("team", "add", "east", alice.name, bob.name, "--from", "2027-01-01")
        #expect(r.stdout.split(separator: "\n").count == 2)
        #expect(r.stdout.contains("Recorded member #2: \(alice.name) joins east from 2027-01-01 at "))
        #expect(try d.pace("team", "create", "west").status == 0)
        #expect(try d.pace("team", "remove", "east", bob.name, "--from", "2027-03-01").status == 0)
        #expect(try d.pace("team", "add", "west", bob.name, "--from", "2027-03-01").status == 0)

        let list = try d.pace("team", "list")
        #expect(list.stdout == """
            east: 1 members, managed by \(carol.name); Mon-Fri 09:00-18:00 UTC
            west: 1 members, no manager; Mon-Fri 09:00-18:00 UTC

            """)
        let show = try d.pace("team", "show", "east")
        let (a, b) = alice.name < bob.name ? (alice.name, bob.name) : (bob.name, alice.name)
        let spans = [a: "from 2027-01-01", b: "from 2027-01-01"].merging([bob.name: "from 2027-01-01, last day 2027-02-28"]) { $1 }
        #expect(show.stdout == """
            team      east
            managers  \(carol.name)
            calendar  Mon-Fri 09:00-18:00 UTC
            members
              \(a.padded(12)) \(spans[a]!)
              \(b.padded(12)) \(spans[b]!)

            """)

        // Duplicates and unknowns are refused and change nothing.
        let before = try d.eventCount()
        #expect(try d.pace("team", "create", "east").status == 65)
        #expect(try d.pace("team", "add", "north", alice.name).stderr.contains("There is no team 'north'"))
        #expect(try d.pace("team", "add", "east", alice.name).stderr.contains("is in east already"))
        #expect(try d.pace("team", "add", "east", "nosuchuser9").stderr.contains("There is no user 'nosuchuser9'"))
        #expect(try d.pace("team", "create", "East Side").status == 64)
        #expect(try d.eventCount() == before)
    }

    /// A membership change without --from (or with today, tomorrow) takes the team's
    /// day, not the day where pace runs: here the team is on UTC+14 and the admin on
    /// UTC-11, 25 hours apart, so the two days always differ.
    @Test func membershipDaysAreTheTeamsDays() throws {
        let d = try Daemon()
        let alice = try TempUser(), bob = try TempUser()
        func day(in zone: String, plus days: Int = 0) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: zone)!
            let c = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(days) * 86_400))
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let samoa = ["TZ": "Pacific/Pago_Pago"]
        #expect(try d.pace("team", "create", "east").status == 0)
        #expect(try d.pace("calendar", "set", "east", "--tz", "Pacific/Kiritimati").status == 0)
        // The team's day when pace ran: the one before it or the one after it.
        func teamDays(plus days: Int = 0, _ body: () throws -> Outcome) rethrows -> (Outcome, Set<String>) {
            let before = day(in: "Pacific/Kiritimati", plus: days)
            let r = try body()
            return (r, [before, day(in: "Pacific/Kiritimati", plus: days)])
        }
        let (add, joined) = try teamDays { try d.pace(["team", "add", "east", alice.name, bob.name], environment: samoa) }
        #expect(add.status == 0, "\(add)")
        #expect(joined.contains { add.stdout.contains("\(alice.name) joins east from \($0) ") }, "\(add)")
        #expect(!add.stdout.contains("from \(day(in: "Pacific/Pago_Pago"))"), "\(add)")
        let (remove, left) = try teamDays(plus: 1) { try d.pace(["team", "remove", "east", bob.name, "--from", "tomorrow"], environment: samoa) }
        #expect(remove.status == 0, "\(remove)")
        #expect(left.contains { remove.stdout.contains("\(bob.name) leaves east from \($0) ") }, "\(remove)")
    }

    @Test func rolesForTeamsAndTargets() throws {
        let d = try Daemon()
        let carol = try TempUser(), alice = try TempUser(), dave = try TempUser()
        _ = try d.pace("team", "create", "east", "--manager", carol.name)
        _ = try d.pace("team", "create", "west", "--manager", dave.name)
        _ = try d.pace("team", "add", "east", alice.name)
        let before = try d.eventCount()

        var r = try d.pace(as: carol.name, ["team", "create", "north"])
        #expect(r.status == 77 && r.stderr.contains("Only an admin"))
        r = try d.pace(as: carol.name, ["target", "set", "revenue", "100000", "--year", "2027", "--team", "west"])
        #expect(r.status == 77, "\(r)")
        #expect(r.stderr.contains("Only an admin or a manager of west may set its targets"))
        r = try d.pace(as: alice.name, ["target", "set", "visits", "100", "--year", "2027", "--user", alice.name])
        #expect(r.status == 77)
        r = try d.pace(as: alice.name, ["calendar", "set", "east", "--tz", "Asia/Shanghai"])
        #expect(r.status == 77)
        #expect(try d.eventCount() == before)

        // A manager sets their team's target, and logs and reads for a member.
        r = try d.pace(as: carol.name, ["target", "set", "revenue", "100000", "--year", "2027", "--team", "east"])
        #expect(r.status == 0, "\(r)")
        r = try d.pace(as: carol.name, ["log", "call", "ACME", "--for", alice.name, "--json"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("\"recorded_by\" : \"\(carol.name)\"") && r.stdout.contains("\"subject\" : \"\(alice.name)\""))
        #expect(try d.pace(as: carol.name, ["history", "--user", alice.name]).status == 0)
        #expect(try d.pace(as: dave.name, ["history", "--user", alice.name]).status == 77)
        #expect(try d.pace(as: dave.name, ["log", "call", "ACME", "--for", alice.name]).status == 77)
        #expect(try d.pace(as: alice.name, ["target", "show", "--team", "east", "--metric", "revenue", "--year", "2027"]).status == 77)
        let mine = try d.pace(as: alice.name, ["target", "show", "--user", alice.name, "--metric", "revenue", "--year", "2027", "--by", "quarter"])
        #expect(mine.status == 0, "\(mine)")
        #expect(mine.stdout.contains("(split of east): 100,000.00"))
    }

    @Test func calendarsWithHolidaysMakeUpDaysAndImport() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        var r = try d.pace("calendar", "set", "east", "--tz", "Asia/Shanghai", "--workdays", "Mon-Fri", "--hours", "09:00-18:00")
        #expect(r.status == 0, "\(r)")
        r = try d.pace("calendar", "holiday", "add", "east", "2027-02-16", "--to", "2027-02-22", "--name", "Spring Festival")
        #expect(r.stdout.hasPrefix("Recorded calendar #3: east holiday 2027-02-16 to 2027-02-22 (Spring Festival) at "))
        #expect(try d.pace("calendar", "workday", "add", "east", "2027-02-14", "--name", "make-up day").status == 0)
        let file = d.dir.appendingPathComponent("cn.txt").path
        try """
            # official 2027 calendar (part)
            2027-01-01 holiday New Year's Day
            2027-02-27 workday make-up day

            2027-10-01 holiday National Day
            """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try d.pace("calendar", "import", "east", file).status == 0)
        let ics = d.dir.appendingPathComponent("h.ics").path
        try "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270501\r\nDTEND;VALUE=DATE:20270504\r\nSUMMARY:Labour Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            .write(toFile: ics, atomically: true, encoding: .utf8)
        #expect(try d.pace("calendar", "import", "east", ics).status == 0)

        let show = try d.pace("calendar", "show", "east", "--year", "2027")
        // Jan 21-1; Feb 20-5+2; May 21-1 (Mon 3; Sat 1, Sun 2 were off anyway); Oct 21-1.
        #expect(show.stdout == """
            east 2027: Mon-Fri 09:00-18:00 Asia/Shanghai
            working days  01:20 02:17 03:23 04:22 05:20 06:22 07:22 08:22 09:22 10:20 11:22 12:23
            total         255
            holidays
              2027-01-01  New Year's Day
              2027-02-16  Spring Festival
              2027-02-17  Spring Festival
              2027-02-18  Spring Festival
              2027-02-19  Spring Festival
              2027-02-20  Spring Festival
              2027-02-21  Spring Festival
              2027-02-22  Spring Festival
              2027-05-01  Labour Day
              2027-05-02  Labour Day
              2027-05-03  Labour Day
              2027-10-01  National Day
            make-up days
              2027-02-14  make-up day
              2027-02-27  make-up day

            """, "\(show)")

        // Bad input changes nothing.
        let before = try d.eventCount()
        let bad = d.dir.appendingPathComponent("bad.txt").path
        try "2027-01-01 holiday ok\n2027-13-01 holiday broken\n".write(toFile: bad, atomically: true, encoding: .utf8)
        r = try d.pace("calendar", "import", "east", bad)
        // A fault inside the file is a data error (65) naming the line, without the usage text.
        #expect(r.status == 65 && r.stderr.contains("\(bad): Line 2: '2027-13-01 holiday broken' does not start with a date"))
        #expect(!r.stderr.contains("Usage"))
        r = try d.pace("calendar", "set", "east", "--tz", "Mars/Olympus_Mons")
        #expect(r.status == 65 && r.stderr.contains("'Mars/Olympus_Mons' is not an IANA time zone"))
        r = try d.pace("calendar", "workday", "add", "east", "2027-02-15")
        #expect(r.status == 65 && r.stderr.contains("already a working day"))
        #expect(try d.eventCount() == before)
    }

    @Test func targetsBreakDownExactlyAndTeamsSplitToMembers() throws {
        let d = try Daemon()
        let alice = try TempUser(), bob = try TempUser()
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", alice.name, bob.name, "--from", "2027-01-01")
        var r = try d.pace("target", "set", "revenue", "1000000", "--year", "2027", "--team", "east", "--profile", "quarters:20,25,25,30")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("Recorded target #4: revenue 1,000,000.00 in 2027 for team east, profile quarters:20,25,25,30 at "))
        let (a, b) = alice.name < bob.name ? (alice.name, bob.name) : (bob.name, alice.name)
        r = try d.pace("target", "show", "--team", "east", "--metric", "revenue", "--year", "2027", "--by", "quarter")
        let out = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(out.prefix(7)) == [
            "revenue 2027 for team east (own): 1,000,000.00",
            "PERIOD       TARGET  WORKING DAYS",
            "2027-Q1  200,000.00  64",
            "2027-Q2  250,000.00  65",
            "2027-Q3  250,000.00  66",
            "2027-Q4  300,000.00  66",
            "members",
        ], "\(r)")
        // Each working day is shared by the two members; odd cents go to each in turn.
        let shares = try #require(try JSONSerialization.jsonObject(with: Data(try d.pace("target", "show", "--team", "east",
            "--metric", "revenue", "--year", "2027", "--json").stdout.utf8)) as? [String: Any])
        let members = try #require(shares["members"] as? [[String: String]])
        #expect(members.map { $0["user"] } == [a, b])
        let totals = members.compactMap { Double($0["target"] ?? "") }
        #expect(totals.count == 2 && abs(totals[0] - 500_000) < 1 && abs(totals[1] - 500_000) < 1)
        #expect(shares["members_total"] as? String == "1000000.00")
        #expect(shares["unallocated"] as? String == "0.00")
        #expect(out.contains("  unallocated  0.00"))

        // A member's own target overrides their share; the difference shows.
        #expect(try d.pace("target", "set", "revenue", "600000", "--year", "2027", "--user", a).status == 0)
        r = try d.pace("target", "show", "--team", "east", "--metric", "revenue", "--year", "2027", "--by", "year")
        #expect(r.stdout.contains("\(a.padded(12)) 600,000.00  (own)"))
        #expect(r.stdout.contains("  over-allocated "))

        r = try d.pace("target", "show", "--team", "east", "--metric", "revenue", "--year", "2027", "--by", "day", "--csv")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 366)
        #expect(lines[0] == "period,start,end,target,working_days")
        #expect(lines[1] == "2027-01-01,2027-01-01,2027-01-01,3125.00,1")
        #expect(lines[2] == "2027-01-02,2027-01-02,2027-01-02,0,0" || lines[2] == "2027-01-02,2027-01-02,2027-01-02,0.00,0")

        // A change from a date keeps earlier days; an overlapping change is refused.
        r = try d.pace("target", "set", "revenue", "1200000", "--year", "2027", "--team", "east", "--from", "2027-07-01")
        #expect(r.status == 0, "\(r)")
        r = try d.pace("target", "show", "--team", "east", "--metric", "revenue", "--year", "2027", "--by", "quarter", "--json")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(obj["rows"] as? [[String: Any]])
        let q = rows.compactMap { Double($0["target"] as? String ?? "") }
        #expect(q.count == 4 && q[0] == 200_000 && q[1] == 250_000)
        // The other 750,000 over H2's 66 + 66 working days (profile workdays): about 375,000 a quarter.
        #expect(abs(q[2] + q[3] - 750_000) < 0.001 && abs(q[2] - 375_000) < 1)
        #expect(obj["total"] as? String == "1200000.00")
        let before = try d.eventCount()
        r = try d.pace("target", "set", "revenue", "1300000", "--year", "2027", "--team", "east", "--from", "2027-03-01")
        #expect(r.status == 65 && r.stderr.contains("A change from 2027-07-01 exists already"))
        #expect(try d.eventCount() == before)
    }

    @Test func badTargetInputIsRefusedAndChangesNothing() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        let cases: [([String], Int32, String)] = [
            (["target", "set", "revenue", "-5", "--year", "2027", "--team", "east"], 64, "is negative"),
            (["target", "set", "hugs", "5", "--year", "2027", "--team", "east"], 64, "Unknown metric 'hugs'"),
            (["target", "set", "visits", "5.5", "--year", "2027", "--team", "east"], 64, "give a whole number"),
            (["target", "set", "visits", "5", "--year", "2027", "--team", "east", "--split", "a=40,b=50"], 64, "add up to 90, not 100"),
            (["target", "set", "visits", "5", "--year", "2027", "--user", "root", "--split", "equal"], 64, "--split is for team targets only"),
            (["target", "set", "visits", "5", "--year", "2027"], 64, "Give exactly one of --company, --team TEAM or --user USER"),
            (["target", "set", "visits", "5", "--year", "2027", "--team", "east", "--profile", "quarters:1,2"], 64, "needs 4 whole"),
            (["target", "set", "visits", "5", "--year", "2027", "--team", "west"], 65, "There is no team 'west'"),
            (["target", "set", "visits", "5", "--year", "2027", "--team", "east", "--from", "2026-05-01"], 64, "is not in 2027"),
            (["target", "show", "--team", "east", "--metric", "visits", "--year", "2027"], 65, "No visits target for team east in 2027"),
        ]
        for (args, status, message) in cases {
            let r = try d.pace(args)
            #expect(r.status == status, "\(args): \(r)")
            #expect(r.stderr.contains(message), "\(args): \(r)")
        }
        #expect(try d.eventCount() == 1)
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

@Suite(.serialized)
struct TargetCalendarTests {
    /// A New York team across both 2027 daylight-saving changes (Sunday March 14 and
    /// Sunday November 7): the short and the long day are each one local day, off as
    /// Sundays, and the weeks around them keep five working days.
    @Test func aNewYorkTeamAcrossDaylightSavingChanges() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "nyc")
        #expect(try d.pace("calendar", "set", "nyc", "--tz", "America/New_York").status == 0)
        #expect(try d.pace("target", "set", "calls", "2610", "--year", "2027", "--team", "nyc").status == 0)
        let csv = try d.pace("target", "show", "--team", "nyc", "--metric", "calls", "--year", "2027", "--by", "day", "--csv").stdout
        let days = Dictionary(uniqueKeysWithValues: csv.split(separator: "\n").dropFirst().map { line -> (String, String) in
            let f = line.split(separator: ",")
            return (String(f[0]), "\(f[3])/\(f[4])")
        })
        #expect(days.count == 365)
        #expect(days["2027-03-12"] == "10/1" && days["2027-03-14"] == "0/0" && days["2027-03-15"] == "10/1")
        #expect(days["2027-11-05"] == "10/1" && days["2027-11-07"] == "0/0" && days["2027-11-08"] == "10/1")
        let weeks = try d.pace("target", "show", "--team", "nyc", "--metric", "calls", "--year", "2027", "--by", "week", "--csv").stdout
        #expect(weeks.contains("2027-W10,2027-03-08,2027-03-14,50,5"))
        #expect(weeks.contains("2027-W44,2027-11-01,2027-11-07,50,5"))
    }

    @Test func lastYearWithoutHistoryFallsBackToWorkdaysAndSaysSo() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        let r = try d.pace("target", "set", "orders", "261", "--year", "2027", "--team", "east", "--profile", "last-year")
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr == "Warning: No actuals in 2026 to shape the target like last year; it follows working days instead (profile workdays).\n")
        let m = try d.pace("target", "show", "--team", "east", "--metric", "orders", "--year", "2027", "--by", "month", "--csv").stdout
        #expect(m.contains("2027-01,2027-01-01,2027-01-31,21,21"))
    }

    @Test func lastYearFollowsTheShapeOfLastYearsActuals() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", "root", "--from", "2026-01-01")
        // Orders last year: 1 in March, 3 in June.
        for at in ["2026-03-10 10:00", "2026-06-02 10:00", "2026-06-03 10:00", "2026-06-04 10:00"] {
            #expect(try d.pace("log", "order", "ACME", "100", "--at", at).status == 0)
        }
        let r = try d.pace("target", "set", "orders", "40", "--year", "2027", "--user", "root", "--profile", "last-year")
        #expect(r.status == 0 && r.stderr == "", "\(r)")
        let q = try d.pace("target", "show", "--user", "root", "--metric", "orders", "--year", "2027", "--by", "quarter", "--csv").stdout
        #expect(q == "period,start,end,target,working_days\n2027-Q1,2027-01-01,2027-03-31,10,64\n2027-Q2,2027-04-01,2027-06-30,30,65\n2027-Q3,2027-07-01,2027-09-30,0,66\n2027-Q4,2027-10-01,2027-12-31,0,66\n")
    }
}
