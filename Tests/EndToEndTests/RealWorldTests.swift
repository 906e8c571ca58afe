import Foundation
import Glibc
import PaceAPI
import PaceCore
import Testing

/// Inputs from public feeds and bug reports (issues 10 and 16), each with its right
/// value worked out by hand, through the real binaries.
@Suite(.serialized)
struct RealWorldTests {
    func json<T: Decodable>(_ type: T.Type, _ r: Outcome) throws -> T {
        #expect(r.status == 0, "\(r)")
        return try JSONDecoder().decode(T.self, from: Data(r.stdout.utf8))
    }

    func write(_ text: String, in d: Daemon, name: String) throws -> String {
        let path = d.dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // MARK: Issue 10

    static let chinaFeed = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//public holiday feed//CN\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20250101\r
        DTEND;VALUE=DATE:20250102\r
        SUMMARY:元旦\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20250126\r
        DTEND;VALUE=DATE:20250127\r
        SUMMARY:上班(补春节)\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20250128\r
        DTEND;VALUE=DATE:20250205\r
        SUMMARY:春节\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20250208\r
        DTEND;VALUE=DATE:20250209\r
        SUMMARY:上班(补春节)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func aChinaFeedWithMakeUpDays() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "cn25")
        #expect(try d.pace("calendar", "set", "cn25", "--tz", "Asia/Shanghai").status == 0)
        let file = try write(Self.chinaFeed, in: d, name: "cn.ics")
        let dry = try d.pace("calendar", "import", "cn25", file, "--dry-run")
        #expect(dry.stdout == """
            2025-01-01             day off  元旦
            2025-01-26             workday  上班(补春节)
            2025-01-28..2025-02-04 day off  春节
            2025-02-08             workday  上班(补春节)
            Nothing recorded (--dry-run): 11 days would change.

            """)
        let before = try d.eventCount()
        #expect(try d.pace("calendar", "import", "cn25", file).status == 0)
        #expect(try d.eventCount() == before + 4)
        let cal = try json(CalendarView.self, try d.pace("calendar", "show", "cn25", "--year", "2025", "--json"))
        #expect(cal.months[0].workingDays == 19)
        #expect(cal.months[1].workingDays == 19)
        #expect(cal.makeUpDays.map(\.date) == ["2025-01-26", "2025-02-08"])

        // Again: nothing new. A day changed by hand is not silently undone.
        let again = try d.pace("calendar", "import", "cn25", file)
        #expect(again.stdout.hasSuffix("Nothing to record: cn25's calendar already has every day of \(file).\n"))
        #expect(try d.pace("calendar", "holiday", "add", "cn25", "2025-01-26", "--name", "office closed").status == 0)
        let n = try d.eventCount()
        let refused = try d.pace("calendar", "import", "cn25", file)
        #expect(refused.status == 65)
        #expect(refused.stderr == """
            Error: 1 day of \(file) differs from cn25's calendar as it is:
              2025-01-26 is a day off now (office closed); the file makes it a workday (上班(补春节))
            Nothing was recorded. Re-run with --replace to apply the file's reading to them, or edit the file.

            """)
        #expect(try d.eventCount() == n)
        #expect(try d.pace("calendar", "import", "cn25", file, "--replace").status == 0)
        #expect(try d.eventCount() == n + 1)
    }

    @Test func otherLanguagesAndAPattern() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "ru")
        _ = try d.pace("calendar", "set", "ru", "--tz", "Europe/Moscow")
        // Russia 2025: 1 November (Saturday) worked, 3-4 November off.
        let feed = ICS.file([("20251101", nil, "Рабочий день (перенос)"), ("20251103", "20251105", "День народного единства")])
        #expect(try d.pace("calendar", "import", "ru", try write(feed, in: d, name: "ru.ics")).status == 0)
        let cal = try json(CalendarView.self, try d.pace("calendar", "show", "ru", "--year", "2025", "--json"))
        #expect(cal.makeUpDays.map(\.date) == ["2025-11-01"])
        #expect(cal.holidays.map(\.date) == ["2025-11-03", "2025-11-04"])
        #expect(cal.months[10].workingDays == 19)  // 20 weekdays - 2 + 1

        // A company's own wording, steered by a pattern.
        _ = try d.pace("team", "create", "acme")
        let own = ICS.file([("20251206", nil, "Inventory Saturday"), ("20251224", nil, "Christmas Eve")])
        let r = try d.pace("calendar", "import", "acme", try write(own, in: d, name: "acme.ics"), "--workday-pattern", "(?i)inventory")
        #expect(r.stdout.contains("2025-12-06             workday  Inventory Saturday"))
        #expect(r.stdout.contains("2025-12-24             day off  Christmas Eve"))
    }

    @Test func anAllDaySpanWrittenAsRealFilesWriteIt() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "uk")
        _ = try d.pace("calendar", "set", "uk", "--tz", "Europe/London")
        let feed = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20190422\r\nDTEND:20190422\r\nSUMMARY:Easter Monday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(try d.pace("calendar", "import", "uk", try write(feed, in: d, name: "uk.ics")).status == 0)
        let cal = try json(CalendarView.self, try d.pace("calendar", "show", "uk", "--year", "2019", "--json"))
        #expect(cal.months[3].workingDays == 21)
        #expect(cal.holidays.map(\.date) == ["2019-04-22"])

        // A fault inside the file: its line and property, exit 65, no usage text, nothing recorded.
        let n = try d.eventCount()
        let bad = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20190422\r\nDTEND:20190420\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let path = try write(bad, in: d, name: "bad.ics")
        let r = try d.pace("calendar", "import", "uk", path)
        #expect(r.status == 65)
        #expect(r.stderr == "Error: \(path): Line 4, DTEND: 2019-04-20 is before DTSTART 2019-04-22 (line 3). Nothing was recorded.\n")
        #expect(try d.eventCount() == n)
    }

    @Test func runningTheSameCommandAgainWithTheSameId() throws {
        let d = try Daemon()
        let id = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"
        let first = try d.pace("log", "call", "ACME", "--id", id)
        sleep(2)
        let second = try d.pace("log", "call", "ACME", "--id", id)
        #expect(second.status == 0)
        #expect(second.stdout == "Already " + first.stdout.prefix(1).lowercased() + first.stdout.dropFirst())
        #expect(try d.eventCount() == 1)
        // The same for a void: its time too is paced's.
        let voidID = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e60"
        let v1 = try d.pace("void", id, "--reason", "typo", "--id", voidID)
        sleep(1)
        let v2 = try d.pace("void", id, "--reason", "typo", "--id", voidID)
        #expect(v1.status == 0 && v2.status == 0, "\(v2)")
        #expect(v2.stdout.hasPrefix("Already recorded void #2"))
        #expect(try d.eventCount() == 2)
    }

    @Test func aFirstTargetThatStartsMidYear() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "gamma")
        let set = try d.pace("target", "set", "orders", "132", "--year", "2027", "--team", "gamma", "--from", "2027-07-01")
        #expect(set.status == 0, "\(set)")
        let t = try json(TargetView.self, try d.pace("target", "show", "--team", "gamma", "--metric", "orders", "--year", "2027", "--by", "quarter", "--json"))
        #expect(t.rows.map(\.target) == ["0", "0", "66", "66"])
        #expect(t.rows.map(\.workingDays) == [64, 65, 66, 66])
        // Every working day from July on carries one order.
        let days = try json(TargetView.self, try d.pace("target", "show", "--team", "gamma", "--metric", "orders", "--year", "2027", "--by", "day", "--json"))
        #expect(days.rows.filter { $0.start >= "2027-07-01" && $0.workingDays == 1 }.allSatisfy { $0.target == "1" })
    }

    @Test func aPersonsDaysFollowTheTeamTheyAreInThatDay() throws {
        let d = try Daemon()
        let bob = try TempUser()
        _ = try d.pace("team", "create", "north")
        _ = try d.pace("team", "create", "south")
        #expect(try d.pace("calendar", "set", "south", "--workdays", "Mon-Thu").status == 0)
        #expect(try d.pace("team", "add", "north", bob.name, "--from", "2026-06-01").status == 0)
        #expect(try d.pace("team", "add", "south", bob.name, "--from", "2027-01-01").status == 0)
        #expect(try d.pace("target", "set", "calls", "2080", "--year", "2027", "--user", bob.name).status == 0)
        let months = try json(TargetView.self, try d.pace("target", "show", "--user", bob.name, "--metric", "calls", "--year", "2027", "--by", "month", "--json"))
        #expect(months.rows[0].target == "160" && months.rows[0].workingDays == 16)
        #expect(months.rows.map(\.workingDays).reduce(0, +) == 208)
        #expect(Set(months.rows.map { Int($0.target)! / $0.workingDays }) == [10])

        // A move within the year: north's Fridays until the end of June, south's calendar after.
        let erin = try TempUser()
        #expect(try d.pace("team", "add", "north", erin.name, "--from", "2027-01-01").status == 0)
        #expect(try d.pace("team", "add", "south", erin.name, "--from", "2027-07-01").status == 0)
        #expect(try d.pace("target", "set", "calls", "2000", "--year", "2027", "--user", erin.name).status == 0)
        let e = try json(TargetView.self, try d.pace("target", "show", "--user", erin.name, "--metric", "calls", "--year", "2027", "--by", "month", "--json"))
        // Jan-Jun 2027 Mon-Fri: 21+20+23+22+21+22 = 129; Jul-Dec Mon-Thu: 17+18+18+16+18+18 = 105
        // (1 July 2027 is a Thursday: Mondays 4, Tuesdays 4, Wednesdays 4, Thursdays 5).
        #expect(e.rows.map(\.workingDays) == [21, 20, 23, 22, 21, 22, 17, 18, 18, 16, 18, 18])
        // Progress in that year asked with --at follows the same days.
        let p = try json(ProgressView.self, try d.pace("progress", "--user", erin.name, "--metric", "calls", "--period", "month", "--at", "2027-07-31", "--json"))
        #expect(p.rows.first?.target == e.rows[6].target)
    }

    @Test func alsoSeen() throws {
        // `calendar set` changes only what is given; --workdays alone works.
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        #expect(try d.pace("calendar", "set", "east", "--tz", "Asia/Shanghai", "--workdays", "Sun-Thu", "--hours", "08:00-17:00").status == 0)
        #expect(try d.pace("calendar", "set", "east", "--tz", "Europe/Paris").status == 0)
        #expect(try d.pace("calendar", "set", "east", "--workdays", "Mon-Fri").status == 0)
        let list = try d.pace("team", "list")
        #expect(list.stdout == "east: 0 members, no manager; Mon-Fri 08:00-17:00 Europe/Paris\n")
        // Shared options before the subcommand.
        let status = try run(Binaries.pace, ["--socket", d.socket, "status"])
        #expect(status.status == 0 && status.stdout.contains("events    4"), "\(status)")
        let json = try run(Binaries.pace, ["--json", "--socket", d.socket, "team", "list"])
        #expect(json.status == 0 && json.stdout.hasPrefix("["))
        // A clear error for someone who never was a member.
        let nobody = try d.pace("progress", "--user", "nobody")
        #expect(nobody.status == 65)
        #expect(nobody.stderr == "Error: 'nobody' has never been a member of a team. See `pace team list` for the members.\n")
        // One day parser.
        #expect(try d.pace("slips", "--since", "yesterday").status == 0)
        #expect(try d.pace("slips", "--since", "2026-11-01").status == 0)
    }

    @Test func aTestClockEarlierThanTheMachinesCanBeSetUp() throws {
        let d = try Daemon(extraArguments: ["--test-clock", "2026-03-02T09:00:00Z"], environment: ["PACED_ALLOW_TEST_CLOCK": "1"])
        for args in [["team", "create", "east"], ["calendar", "set", "east", "--tz", "UTC"], ["team", "add", "east", "root", "--from", "2026-03-02"],
                     ["target", "set", "calls", "100", "--year", "2026", "--team", "east"]] {
            let r = try d.pace(args)
            #expect(r.status == 0, "\(args): \(r)")
        }
        // A time ahead of paced's clock names both clocks.
        let ahead = try d.pace("log", "call", "ACME", "--at", "2026-03-05 09:00")
        #expect(ahead.status == 65)
        #expect(ahead.stderr.contains("is more than 5 minutes after paced's clock (2026-03-02T09:00:00"))
    }

    @Test func todayIsTheTeamsDay() throws {
        // 07:00 on 1 December in Shanghai is still 30 November in UTC and in Berlin.
        let d = try Daemon(extraArguments: ["--test-clock", "2026-12-01T07:00:00+08:00"], environment: ["PACED_ALLOW_TEST_CLOCK": "1"])
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("calendar", "set", "east", "--tz", "Asia/Shanghai")
        let r = try json(ReportView.self, try d.pace("report", "--team", "east", "--json"))
        #expect([r.from, r.to] == ["2026-12-01", "2026-12-01"])
    }

    @Test func pacedAnswersWhileTheDemoSeeds() throws {
        let d = try Daemon(extraArguments: ["--demo"])
        // The harness connects as soon as the socket answers; every command works at once.
        let r = try d.pace("team", "list")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("east:") && r.stdout.contains("west:"))
    }

    // MARK: Issue 16

    func teamWithRoot(_ d: Daemon) throws {
        #expect(try d.pace("team", "create", "t1").status == 0)
        #expect(try d.pace("team", "add", "t1", "root", "--from", "2026-01-01").status == 0)
    }

    @Test func theSameCustomerWrittenTwoWays() throws {
        let d = try Daemon()
        try teamWithRoot(d)
        let nfc = "Caf\u{E9} Lumi\u{E8}re", nfd = "Cafe\u{301} Lumie\u{300}re"
        #expect(try d.pace("log", "order", nfc, "1000", "--at", "2026-11-02 10:00").status == 0)
        let second = try d.pace("log", "order", nfd, "500", "--at", "2026-11-03 10:00", "--json")
        #expect(try d.pace("log", "payment", nfd, "300", "--at", "2026-11-04 10:00").status == 0)
        // Greek with a final sigma, and spaces.
        #expect(try d.pace("log", "order", "ΟΔΟΣ  ΑΕ", "10", "--at", "2026-11-05 10:00").status == 0)
        #expect(try d.pace("log", "order", "Οδος ΑΕ", "20", "--at", "2026-11-06 10:00").status == 0)
        func check(_ when: String) throws {
            let list = try json([CustomerList.Customer].self, try d.pace("customers", "--json"))
            #expect(list.map { [$0.name, $0.revenue, $0.payments, $0.receivable] } == [
                [nfc, "1500.00", "300.00", "1200.00"], ["ΟΔΟΣ  ΑΕ", "30.00", "0.00", "30.00"],
            ], "\(when)")
            let report = try d.pace("report", "--team", "t1", "--by", "month", "--from", "2026-11-01", "--to", "2026-11-30", "--metric", "customers.new", "--csv")
            #expect(report.stdout.contains("2026-11,root,2,0,"), "\(when): \(report.stdout)")
        }
        try check("live")
        #expect(try d.pace("rebuild").status == 0)
        try check("rebuilt")
        // Voiding the NFD order after a rebuild takes it out.
        let id = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])["id"] as! String
        #expect(try d.pace("void", id, "--reason", "duplicate").status == 0)
        let after = try json([CustomerList.Customer].self, try d.pace("customers", "--json"))
        #expect(after.first?.revenue == "1000.00" && after.first?.receivable == "700.00")
    }

    @Test func aProductWrittenTwoWaysIsOneProduct() throws {
        let d = try Daemon()
        try teamWithRoot(d)
        #expect(try d.pace("log", "order", "ACME", "300", "--line", "Widget:2:200", "--line", "gadget:1:100", "--at", "2026-11-02 10:00").status == 0)
        #expect(try d.pace("log", "order", "Bolt", "150", "--line", "WIDGET:1:150", "--at", "2026-11-03 10:00").status == 0)
        #expect(try d.pace("target", "set", "revenue:widget", "1000", "--year", "2026", "--user", "root").status == 0)
        #expect(try d.pace("target", "set", "units:Widget", "10", "--year", "2026", "--user", "root").status == 0)
        for when in ["live", "rebuilt"] {
            if when == "rebuilt" { #expect(try d.pace("rebuild").status == 0) }
            let p = try json(ProgressView.self, try d.pace("progress", "--metric", "revenue:widget", "--period", "month", "--at", "2026-11-30", "--json"))
            #expect(p.rows.first?.actual == "350.00", "\(when)")
            let units = try json(ProgressView.self, try d.pace("progress", "--metric", "units:Widget", "--period", "month", "--at", "2026-11-30", "--json"))
            #expect(units.rows.first?.actual == "3", "\(when)")
        }
    }

    @Test func aMilestoneOnADayOffIsDueAtTheCloseOfTheNextWorkingDay() throws {
        let d = try Daemon()
        try teamWithRoot(d)
        _ = try d.pace("calendar", "holiday", "add", "t1", "2027-01-01", "--name", "New Year")
        _ = try d.pace("target", "set", "calls", "2610", "--year", "2027", "--user", "root")
        let plan = try d.pace("goal", "plan", "calls", "--year", "2027", "--action", "Call every morning",
                              "--milestone", "2027-01-01:5", "--milestone", "2027-03-31:600")
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stderr == "Warning: the milestone of 2027-01-01 falls on a day off; it is judged at the close of 2027-01-04, the next working day.\n")
        let view = try json(GoalView.self, try d.pace("goal", "show", "calls", "--year", "2027", "--json"))
        #expect(view.milestones.map { [$0.date, $0.due, $0.state.rawValue] } == [["2027-01-01", "2027-01-04", "open"], ["2027-03-31", "2027-03-31", "open"]])
    }

    @Test func aProfileWeightOnAMonthWithoutWorkingDaysIsReported() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "t1")
        _ = try d.pace("calendar", "holiday", "add", "t1", "2027-08-01", "--to", "2027-08-31", "--name", "summer closing")
        let r = try d.pace("target", "set", "orders", "1200", "--year", "2027", "--team", "t1", "--profile", "months:1,1,1,1,1,1,1,2,1,1,1,1")
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr == "Warning: The profile gives weight to August (weight 2) of 2027, which has no working days; "
            + "that share went to the other months in proportion to their weights.\n")
        let t = try json(TargetView.self, try d.pace("target", "show", "--team", "t1", "--metric", "orders", "--year", "2027", "--json"))
        #expect(t.rows[7].target == "0" && t.rows.map { Int($0.target)! }.reduce(0, +) == 1200)
        #expect(Set(t.rows.enumerated().filter { $0.offset != 7 }.map(\.element.target)) == ["109", "110"])
    }

    @Test func nothingToDoReadsTheSameEverywhere() throws {
        let d = try Daemon()
        try teamWithRoot(d)
        _ = try d.pace("target", "set", "visits.return", "0", "--year", "2026", "--user", "root")
        let p = try json(ProgressView.self, try d.pace("progress", "--metric", "visits.return", "--period", "week", "--at", "2026-11-27", "--json"))
        #expect(p.rows.first?.status == .noTarget)
        let week = try json(WeekReviewView.self, try d.pace("review", "week", "--week", "2026-W48", "--json"))
        #expect(week.figures.first { $0.metric == "visits.return" }?.status == .noTarget)
    }

    @Test func customersWhoseMoneyIsNotAnOpenOrder() throws {
        let d = try Daemon()
        try teamWithRoot(d)
        for args in [["order", "Alpha", "500"], ["payment", "Alpha", "600"], ["payment", "Beta", "200"], ["order", "Gamma", "1000"],
                     ["order", "Delta", "400"], ["payment", "Delta", "400"]] {
            #expect(try d.pace(["log"] + args + ["--at", "2026-11-02 10:00"]).status == 0)
        }
        let delta = try #require(try d.client().events(type: .order, limit: 10).first { if case .order(let o) = $0.payload { o.customer == "Delta" } else { false } })
        #expect(try d.pace("void", delta.id.text, "--reason", "cancelled").status == 0)
        let list = try json([CustomerList.Customer].self, try d.pace("customers", "--json"))
        #expect(Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0.receivable) }) == ["Alpha": "-100.00", "Beta": "-200.00", "Gamma": "1000.00", "Delta": "-400.00"])
        let owed = try json([CustomerList.Customer].self, try d.pace("customers", "--receivables", "--json"))
        #expect(owed.map(\.name) == ["Gamma"])
        let review = try json(MonthReviewView.self, try d.pace("review", "month", "--month", "2026-11", "--json"))
        #expect(review.thirds.first.map { [$0.receivables, $0.credits] } == ["1000.00", "700.00"])
        let text = try d.pace("review", "month", "--month", "2026-11")
        #expect(text.stdout.contains("receivables at the end: 1,000.00; credits owed to customers: 700.00"))
    }

    @Test func aPaymentCollectedByAColleague() throws {
        let d = try Daemon()
        let alice = try TempUser(), bob = try TempUser()
        _ = try d.pace("team", "create", "t1")
        _ = try d.pace("team", "add", "t1", alice.name, bob.name, "--from", "2026-01-01")
        #expect(try d.pace(as: alice.name, ["log", "order", "Omega", "1000"]).status == 0)
        #expect(try d.pace(as: bob.name, ["log", "payment", "OMEGA", "1000"]).status == 0)
        let mine = try json([CustomerList.Customer].self, try d.pace(as: alice.name, ["customers", "--json"]))
        #expect(mine.map { [$0.name, $0.owner, $0.receivable] } == [["Omega", alice.name, "0.00"]])
        #expect(try json([CustomerList.Customer].self, try d.pace(as: bob.name, ["customers", "--json"])).isEmpty)
        let month = String(FixedOffsetZone.utc.local(Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))).date.description.prefix(7))
        for (who, args) in [(alice.name, ["review", "month", "--month", month, "--json"]), (bob.name, ["review", "month", "--month", month, "--json"]),
                            ("root", ["review", "month", "--month", month, "--team", "t1", "--json"])] {
            let v = try json(MonthReviewView.self, who == "root" ? try d.pace(args) : try d.pace(as: who, args))
            #expect(v.thirds.allSatisfy { $0.receivables == "0.00" && $0.credits == "0.00" }, "\(who)")
        }
        // bob keeps the money returned.
        #expect(try d.pace("target", "set", "payments", "100000", "--year", String(month.prefix(4)), "--user", bob.name).status == 0)
        let p = try json(ProgressView.self, try d.pace("progress", "--user", bob.name, "--metric", "payments", "--period", "month", "--json"))
        #expect(p.rows.first?.actual == "1000.00")
    }

    @Test func companyProgressAcrossCalendarsAndZones() throws {
        let d = try Daemon()
        let u1 = try TempUser(), u2 = try TempUser()
        _ = try d.pace("team", "create", "cn")
        _ = try d.pace("calendar", "set", "cn", "--tz", "Asia/Shanghai")
        _ = try d.pace("calendar", "holiday", "add", "cn", "2026-10-01", "--to", "2026-10-07", "--name", "National Day")
        _ = try d.pace("team", "create", "us")
        _ = try d.pace("calendar", "set", "us", "--tz", "America/New_York")
        for (team, user) in [("cn", u1.name), ("us", u2.name)] {
            _ = try d.pace("team", "add", team, user, "--from", "2026-01-01")
            let days = try json(CalendarView.self, try d.pace("calendar", "show", team, "--year", "2026", "--json")).workingDays
            #expect(try d.pace("target", "set", "calls", "\(10 * days)", "--year", "2026", "--team", team).status == 0)
        }
        _ = try d.pace("log", "call", "A", "--for", u2.name, "--at", "2026-09-28T15:00:00Z")
        _ = try d.pace("log", "call", "B", "--for", u2.name, "--at", "2026-09-29T15:00:00Z")
        _ = try d.pace("log", "call", "C", "--for", u1.name, "--at", "2026-09-29T03:00:00Z")
        let p = try json(ProgressView.self, try d.pace("progress", "--company", "--period", "week", "--metric", "calls", "--at", "2026-09-30", "--json"))
        let row = try #require(p.rows.first)
        #expect([row.target, row.actual, row.expected, row.requiredPerDay] == ["80", "3", "60", "39"])
        #expect(row.remainingDays == 2)
        // Each team's own run rate: cn 1 (its 3 working days are over), us 2 x 5/3 = 3.
        #expect(row.forecast == "4")
    }

    @Test func companyExpectedToDateIsEachTeamsOwnNow() throws {
        // Monday 2026-11-30 02:00 UTC: 10:00 in Shanghai, Sunday 21:00 in New York.
        let d = try Daemon(extraArguments: ["--test-clock", "2026-11-30T02:00:00Z"], environment: ["PACED_ALLOW_TEST_CLOCK": "1"])
        for (team, tz) in [("cn", "Asia/Shanghai"), ("us", "America/New_York")] {
            _ = try d.pace("team", "create", team)
            _ = try d.pace("calendar", "set", team, "--tz", tz)
            let days = try json(CalendarView.self, try d.pace("calendar", "show", team, "--year", "2026", "--json")).workingDays
            #expect(try d.pace("target", "set", "calls", "\(10 * days)", "--year", "2026", "--team", team).status == 0)
        }
        let p = try json(ProgressView.self, try d.pace("progress", "--company", "--period", "week", "--metric", "calls", "--json"))
        #expect(p.rows.first?.expected == "1")
    }
}

/// A small iCalendar file of all-day events: (start, exclusive end or nil, summary).
enum ICS {
    static func file(_ events: [(String, String?, String)]) -> String {
        var out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        for (start, end, summary) in events {
            out += "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:\(start)\r\n" + (end.map { "DTEND;VALUE=DATE:\($0)\r\n" } ?? "") + "SUMMARY:\(summary)\r\nEND:VEVENT\r\n"
        }
        return out + "END:VCALENDAR\r\n"
    }
}
