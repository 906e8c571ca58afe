import Foundation
import PaceClient
import Testing

/// Slips read back from a real systemd-journald: every kind, for a person and a team,
/// each exactly once, across restarts and a catch-up after downtime. (Planning
/// reminders are off here; PlanningTests reads them back.)
@Suite(.serialized)
struct SlipJournalTests {
    static let fields = ["MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "PACE_KIND", "PACE_SUBJECT", "PACE_TEAM", "PACE_METRIC",
                         "PACE_PERIOD", "PACE_PERIOD_START", "PACE_PERIOD_END", "PACE_TARGET", "PACE_ACTUAL", "PACE_EXPECTED", "PACE_GAP",
                         "PACE_LATE", "PACE_SEQ"]
    static let messageIDs = ["daily-slip": "32a1d6a960994700b42192a14f5b3f11", "weekly-at-risk": "dca44fbaed1e463da97a5e4d97290f20",
                             "weekly-missed": "2717c43879a34aedbccd685e3330ea4d", "recovered": "eb76898f291c47b1ba905c8b144a42ad"]
    static let priorities = ["daily-slip": "4", "weekly-at-risk": "5", "weekly-missed": "4", "recovered": "6"]

    /// Moves paced's test clock; answers once the checks due by then have run.
    @discardableResult
    static func clock(_ d: Daemon, _ now: String) throws -> Int {
        let r = try HTTPConnection(path: d.socket).send("POST", "/v1/test/clock", body: Array("{\"now\":\"\(now)\"}".utf8))
        guard r.status == 200, let obj = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any], let n = obj["slips"] as? Int else {
            throw DaemonError("POST /v1/test/clock \(now): \(r.status) \(String(decoding: r.body, as: UTF8.self))")
        }
        return n
    }

    /// Team east (Shanghai, Mon-Fri 09:00-18:00) with root and alice, 2,610 calls in 2026:
    /// 10 a working day for the team, 5 for each member. Week 2026-W49 is Mon Nov 30 to Sun Dec 6.
    @Test func everyKindOnceAcrossRestartsAndDowntime() throws {
        let journal = try PrivateJournal()
        let alice = try TempUser()
        let a = alice.name
        let testClock = ["PACED_ALLOW_TEST_CLOCK": "1"]
        let d = try Daemon(extraArguments: ["--no-plan-reminders", "--test-clock", "2026-11-30T08:00:00+08:00"], environment: testClock, launcher: journal.enter)
        let setup: [[String]] = [["team", "create", "east"], ["calendar", "set", "east", "--tz", "Asia/Shanghai"],
                                 ["team", "add", "east", "root", "--from", "2026-01-01"], ["team", "add", "east", a, "--from", "2026-01-01"],
                                 ["target", "set", "calls", "2610", "--year", "2026", "--team", "east"]]
        for args in setup { #expect(try d.pace(args).status == 0) }
        func calls(_ n: Int, for user: String, at: String) throws {
            for _ in 0..<n { #expect(try d.pace("log", "call", "ACME", "--for", user, "--at", at, environment: ["TZ": "Asia/Shanghai"]).status == 0) }
        }
        // Monday: root 5 of 5, alice 1 of 5, the team 6 of 10.
        try Self.clock(d, "2026-11-30T10:00:00+08:00")
        try calls(5, for: "root", at: "2026-11-30 09:30")
        try calls(1, for: a, at: "2026-11-30 09:30")
        #expect(try Self.clock(d, "2026-11-30T18:29:00+08:00") == 0, "nothing before the end of the day plus 30 minutes")
        #expect(try Self.clock(d, "2026-11-30T18:31:00+08:00") == 4)
        // Tuesday morning alice catches up: she and the team are back on track.
        try Self.clock(d, "2026-12-01T10:00:00+08:00")
        try calls(9, for: a, at: "2026-12-01 09:30")
        try Self.clock(d, "2026-12-01T10:01:00+08:00")
        // Tuesday closes: root 0 of 5 and at risk; the team 9 of 10 (its week was already at risk once).
        try Self.clock(d, "2026-12-01T18:31:00+08:00")
        // paced is down over Wednesday's close and comes back at 19:00: that boundary is checked, late.
        try Self.clock(d, "2026-12-02T12:00:00+08:00")
        #expect(d.stop() == 0)
        try d.start(extraArguments: ["--no-plan-reminders", "--test-clock", "2026-12-02T19:00:00+08:00"])
        try Self.clock(d, "2026-12-02T19:01:00+08:00")
        // A restart with no boundary in between tells nothing again.
        #expect(d.stop() == 0)
        try d.start(extraArguments: ["--no-plan-reminders", "--test-clock", "2026-12-02T19:05:00+08:00"])
        #expect(try Self.clock(d, "2026-12-02T19:06:00+08:00") == 0)
        // Down from Wednesday evening to Saturday morning: Thursday and Friday are caught up in order.
        #expect(d.stop() == 0)
        try d.start(extraArguments: ["--no-plan-reminders", "--test-clock", "2026-12-05T09:00:00+08:00"])
        try Self.clock(d, "2026-12-05T09:00:01+08:00")

        let entries = try journal.entries("SYSLOG_IDENTIFIER=paced", "PACE_TEAM=east")
        var seen: [String: [String: String]] = [:]
        for e in entries {
            for f in Self.fields { #expect(e[f] != nil, "\(f) missing in \(e)") }
            let key = "\(e["PACE_SUBJECT"] ?? "") \(e["PACE_KIND"] ?? "") \(e["PACE_PERIOD"] ?? "")"
            #expect(seen[key] == nil, "\(key) was sent twice")
            seen[key] = e
            #expect(e["MESSAGE_ID"] == Self.messageIDs[e["PACE_KIND"] ?? ""] && e["PRIORITY"] == Self.priorities[e["PACE_KIND"] ?? ""], "\(e)")
        }
        func late(_ p: String) -> String { ["2026-12-02", "2026-12-03", "2026-12-04"].contains(p) ? "1" : "0" }
        var expected: [String: String] = [:]  // key: late
        for day in ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"] {
            expected["team:east daily-slip \(day)"] = late(day)
            if day != "2026-12-01" { expected["\(a) daily-slip \(day)"] = late(day) }
            if day != "2026-11-30" { expected["root daily-slip \(day)"] = late(day) }
        }
        for s in ["team:east", a, "root"] { expected["\(s) weekly-at-risk 2026-W49"] = "0" }
        for s in ["team:east", a] { expected["\(s) recovered 2026-W49"] = "0" }
        for s in ["team:east", a, "root"] { expected["\(s) weekly-missed 2026-W49"] = "1" }
        #expect(Set(seen.keys) == Set(expected.keys), "journal: \(seen.keys.sorted())")
        for (key, isLate) in expected { #expect(seen[key]?["PACE_LATE"] == isLate, "\(key): \(seen[key] ?? [:])") }

        // The figures, as a user filtering the journal would read them.
        let monday = try #require(seen["team:east daily-slip 2026-11-30"])
        #expect(monday["MESSAGE"] == "team east is behind on calls for Mon 2026-11-30: 6 of 10 (-4)")
        #expect(monday["PACE_TARGET"] == "10" && monday["PACE_ACTUAL"] == "6" && monday["PACE_EXPECTED"] == "10" && monday["PACE_GAP"] == "-4")
        #expect(monday["PACE_PERIOD_START"] == "2026-11-30" && monday["PACE_PERIOD_END"] == "2026-11-30" && monday["PACE_METRIC"] == "calls")
        let aliceMonday = try #require(seen["\(a) daily-slip 2026-11-30"])
        #expect(aliceMonday["MESSAGE"] == "\(a) is behind on calls for Mon 2026-11-30: 1 of 5 (-4)")
        let risk = try #require(seen["\(a) weekly-at-risk 2026-W49"])
        #expect(risk["PACE_TARGET"] == "25" && risk["PACE_ACTUAL"] == "1" && risk["PACE_EXPECTED"] == "5" && risk["PACE_GAP"] == "-4")
        #expect(risk["PACE_PERIOD_START"] == "2026-11-30" && risk["PACE_PERIOD_END"] == "2026-12-06")
        let back = try #require(seen["\(a) recovered 2026-W49"])
        #expect(Int(back["PACE_ACTUAL"] ?? "") ?? 0 >= 5 && back["PACE_EXPECTED"] == "5", "\(back)")
        let missed = try #require(seen["team:east weekly-missed 2026-W49"])
        #expect(missed["MESSAGE"] == "team east missed the calls target for 2026-W49: 15 of 50 (-35) [checked late: paced was down at the time]")
        let rootMissed = try #require(seen["root weekly-missed 2026-W49"])
        #expect(rootMissed["PACE_ACTUAL"] == "5" && rootMissed["PACE_TARGET"] == "25" && rootMissed["PACE_GAP"] == "-20")

        // The catch-up ran in boundary order: Thursday's slips have lower seqs than Friday's.
        let thu = Int(seen["root daily-slip 2026-12-03"]?["PACE_SEQ"] ?? "") ?? 0
        let fri = Int(seen["root daily-slip 2026-12-04"]?["PACE_SEQ"] ?? "") ?? 0
        #expect(thu > 0 && thu < fri)

        // Each entry is a slip event in the log, under the same seq.
        let listed = try d.pace("slips", "--since", "2026-11-30", "--json")
        #expect(listed.status == 0, "\(listed)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { ($0["seq"] as? Int).map(String.init) }) == Set(seen.values.compactMap { $0["PACE_SEQ"] }))

        // Roles: alice sees her own slips only, and not the team's.
        let mine = try d.pace(as: a, ["slips", "--since", "2026-11-30", "--json"])
        let mineRows = try #require(try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]], "\(mine)")
        #expect(mineRows.count == 7 && mineRows.allSatisfy { $0["subject"] as? String == a })
        let teamRows = try d.pace(as: a, ["slips", "--team", "east"])
        #expect(teamRows.status == 77 && teamRows.stderr.contains("Only east's managers and admins may read its slips."), "\(teamRows)")

        // journalctl -x explains an entry from the catalog, with its fields filled in.
        let catalog = d.dir.appendingPathComponent("catalog-root")
        let catalogDir = catalog.appendingPathComponent("usr/lib/systemd/catalog")
        try FileManager.default.createDirectory(at: catalogDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binaries.root.appendingPathComponent("systemd/paced.catalog").path,
                                         toPath: catalogDir.appendingPathComponent("paced.catalog").path)
        let update = try run("/usr/bin/journalctl", ["--root=\(catalog.path)", "--update-catalog"])
        #expect(update.status == 0 && update.stderr.isEmpty, "\(update)")
        #expect(try journal.run("mount", "--bind", catalog.appendingPathComponent("var/lib/systemd/catalog").path, "/var/lib/systemd/catalog").status == 0)
        let explained = try journal.run("journalctl", "-x", "--no-pager", "PACE_SUBJECT=root", "PACE_KIND=weekly-missed")
        #expect(explained.stdout.contains("root missed the calls target for 2026-W49"), "\(explained)")
        #expect(explained.stdout.contains("closed with 5 of the\n░░ week's target of 25 calls (gap -20)"), "\(explained)")
    }
}
