import Foundation
import Synchronization
import Testing

/// Every `pace` command against a real paced, with exact output where a person reads it.
@Suite(.serialized)
struct CommandTests {
    let id1 = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e51"
    let id2 = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e52"
    let id3 = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e53"
    let id4 = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e54"

    /// Events logged while paced is down wait in the offline queue. Two `pace sync` run
    /// at the same time send each queued event once between them: the second waits for
    /// the first (the queue's lock), and together they report exactly what was queued.
    @Test func twoSyncsAtOnceSendEachQueuedEventOnce() throws {
        let d = try Daemon()
        #expect(try d.pace("team", "create", "east").status == 0)
        #expect(try d.pace("team", "add", "east", "root", "--from", "2026-01-01").status == 0)
        let before = try d.eventCount()
        let home = d.dir.appendingPathComponent("home").path
        d.stop()
        let queued = 40
        for i in 0..<queued {
            let q = try d.pace(["log", "call", "C\(i)", "--at", "2026-11-27 10:00"], environment: ["HOME": home])
            #expect(q.status == 0 && q.stdout.hasPrefix("Queued (offline) call: C\(i) at 2026-11-27 10:00"), "\(q)")
        }
        try d.start()
        let outcomes = Mutex<[Outcome]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let r = try? d.pace(["sync"], environment: ["HOME": home]) { outcomes.withLock { $0.append(r) } }
        }
        let syncs = outcomes.withLock { $0 }
        #expect(syncs.count == 2 && syncs.allSatisfy { $0.status == 0 }, "\(syncs)")
        // "Sent N queued events." or "Nothing queued.", one each.
        let sent = syncs.map { r in Int(r.stdout.dropFirst("Sent ".count).prefix { $0.isNumber }) ?? 0 }
        #expect(sent.reduce(0, +) == queued, "\(syncs.map(\.stdout))")
        #expect(try d.eventCount() == before + Int64(queued))
        #expect(try d.pace(["sync"], environment: ["HOME": home]).stdout == "Nothing queued.\n")
    }

    @Test func eachLogCommandPrintsOneLineWithSeqAndId() throws {
        let d = try Daemon()
        var r = try d.pace("log", "payment", "ACME", "12000.50", "--ref", "INV-7", "--at", "2026-11-27 16:30", "--id", id1)
        #expect(r.status == 0)
        #expect(r.stdout == "Recorded payment #1: 12,000.50 from ACME, ref INV-7 at 2026-11-27 16:30 (id \(id1)).\n")
        #expect(r.stderr == "")

        r = try d.pace("log", "visit", "  ACME  ", "--new", "--note", "first meeting", "--at", "2026-11-27 09:05", "--id", id2)
        #expect(r.stdout == "Recorded visit #2: ACME, new customer, first meeting at 2026-11-27 09:05 (id \(id2)).\n")

        r = try d.pace("log", "call", "Bolt & Co", "--minutes", "12", "--outcome", "wants a demo", "--at", "2026-11-26T08:00:00Z", "--id", id3)
        #expect(r.stdout == "Recorded call #3: Bolt & Co, 12 min, wants a demo at 2026-11-26 09:00 (id \(id3)).\n")

        r = try d.pace("log", "order", "ACME", "50000", "--line", "widget:3:20000", "--line", "gadget:1:30000",
                       "--at", "2026-11-27 17:00", "--id", id4)
        #expect(r.stdout == "Recorded order #4: 50,000.00 from ACME (3 widget, 1 gadget) at 2026-11-27 17:00 (id \(id4)).\n")

        // --at defaults to now; the id is a fresh UUIDv7.
        r = try d.pace("log", "visit", "ACME", "--return")
        #expect(r.status == 0)
        let line = try #require(r.stdout.split(separator: "\n").first)
        #expect(line.hasPrefix("Recorded visit #5: ACME, return visit at "))
        let idText = try #require(line.split(separator: " ").last?.dropLast(2))
        #expect(idText.count == 36 && idText[idText.index(idText.startIndex, offsetBy: 14)] == "7")
    }

    @Test func jsonOutputOfLogAndHistory() throws {
        let d = try Daemon()
        let r = try d.pace("log", "payment", "ACME", "99.5", "--at", "2026-11-27 16:30", "--id", id1, "--json")
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["seq"] as? Int == 1)
        #expect(obj["id"] as? String == id1)
        #expect(obj["type"] as? String == "payment")
        #expect(obj["subject"] as? String == "root")
        #expect(obj["recorded_by"] as? String == "root")
        #expect(obj["occurred_at"] as? String == "2026-11-27T15:30:00Z")
        #expect((obj["data"] as? [String: String]) == ["customer": "ACME", "amount": "99.50"])

        let h = try d.pace("history", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(h.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        #expect(Set(list[0].keys) == ["seq", "id", "type", "subject", "recorded_by", "occurred_at", "recorded_at", "data"])
    }

    @Test func historyIsNewestFirstAndMarksVoidedEvents() throws {
        let d = try Daemon()
        _ = try d.pace("log", "call", "ACME", "--at", "2026-11-25 10:00", "--id", id1)
        _ = try d.pace("log", "payment", "ACME", "1500", "--at", "2026-11-27 11:00", "--id", id2)
        _ = try d.pace("log", "visit", "Bolt", "--existing", "--at", "2026-11-26 15:00", "--id", id3)
        // The void is recorded now: its day is today where pace runs (Europe/Berlin here).
        func berlinToday() -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
            let c = calendar.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let dayBefore = berlinToday()
        let v = try d.pace("void", id2, "--reason", "wrong customer", "--id", id4)
        let dayAfter = berlinToday()
        #expect(v.status == 0)
        #expect(v.stdout.hasPrefix("Recorded void #4: takes back \(id2), wrong customer at "))

        let h = try d.pace("history", "--since", "2026-11-26")
        let lines = h.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "SEQ  WHEN              TYPE     WHAT")
        #expect((lines[1].hasPrefix("  4  \(dayBefore) ") || lines[1].hasPrefix("  4  \(dayAfter) ")) && lines[1].hasSuffix("void     takes back #2, wrong customer"), "\(lines[1])")
        #expect(lines[2] == "  2  2026-11-27 11:00  payment  [VOIDED] 1,500.00 from ACME")
        #expect(lines[3] == "  3  2026-11-26 15:00  visit    Bolt, existing customer")

        let calls = try d.pace("history", "--type", "call")
        #expect(calls.stdout == "SEQ  WHEN              TYPE  WHAT\n  1  2026-11-25 10:00  call  ACME\n")
        let one = try d.pace("history", "--limit", "1", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1 && list[0]["seq"] as? Int == 4)
        let voided = try d.pace("history", "--type", "payment", "--json")
        let payment = try #require((try JSONSerialization.jsonObject(with: Data(voided.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(payment["voided_by"] as? String == id4)

        // The original is never changed, and a second void is refused.
        let again = try d.pace("void", id2, "--reason", "twice")
        #expect(again.status == 65)
        #expect(again.stderr == "Error: Event #2 was already voided by \(id4).\n")
    }

    @Test func retryWithTheSameIdReturnsTheSameSeq() throws {
        let d = try Daemon()
        let first = try d.pace("log", "call", "ACME", "--at", "2026-11-27 10:00", "--id", id1)
        let retry = try d.pace("log", "call", "ACME", "--at", "2026-11-27 10:00", "--id", id1)
        #expect(first.stdout == "Recorded call #1: ACME at 2026-11-27 10:00 (id \(id1)).\n")
        #expect(retry.status == 0)
        #expect(retry.stdout == "Already recorded call #1: ACME at 2026-11-27 10:00 (id \(id1)).\n")
        let clash = try d.pace("log", "call", "OTHER", "--at", "2026-11-27 10:00", "--id", id1)
        #expect(clash.status == 65)
        // The refusal reveals nothing of the stored event (not its seq, not its type).
        #expect(clash.stderr == "Error: The id \(id1) is already taken by a different event, so nothing was recorded. "
            + "Repeating a command with its --id is safe only when every other option is the same; for a new event, use a new id.\n")
        #expect(try d.eventCount() == 1)
    }

    @Test func statusAndVerify() throws {
        let d = try Daemon()
        _ = try d.pace("log", "call", "ACME")
        let s = try d.pace("status")
        #expect(s.status == 0)
        let lines = s.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "paced     0.1.0")
        #expect(lines[1] == "socket    \(d.socket)")
        #expect(lines[2] == "database  \(d.database)")
        #expect(lines[3] == "events    1")
        #expect(lines[4] == "currency  EUR")
        #expect(lines[5].hasPrefix("uptime    ") && lines[5].hasSuffix("s"))
        #expect(lines[6] == "you       root (admin)")

        let v = try d.pace("verify")
        #expect(v.status == 0)
        let vl = v.stdout.split(separator: "\n").map(String.init)
        #expect(vl[0] == "events    1")
        #expect(vl[1].hasPrefix("head      ") && vl[1].count == 10 + 64)
        #expect(vl[2] == "chain     intact")
        #expect(vl[3] == "integrity ok")
        #expect(vl[4] == "readable  all events")
    }

    /// `pace` loads no ICU: it is statically linked in release, and ICU would add 30 MB
    /// and start-up time. Nor does it link OpenSSL: that is loaded at the first HTTPS
    /// connection or import (the remote and import tests use it), since loading it cost
    /// every run 0.7 ms. The dynamic build shows what it links.
    @Test func paceLinksNoICUNorOpenSSL() throws {
        let r = try run("/usr/bin/ldd", [Binaries.pace])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("libicu"), "\(r.stdout)")
        #expect(!r.stdout.contains("FoundationInternationalization"), "\(r.stdout)")
        #expect(!r.stdout.contains("libFoundation.so"), "\(r.stdout)")
        #expect(!r.stdout.contains("libssl"), "\(r.stdout)")
        #expect(!r.stdout.contains("libcrypto"), "\(r.stdout)")
    }

    @Test func unreachableDaemonSaysHowToStartIt() throws {
        let r = try run(Binaries.pace, ["status", "--socket", "/tmp/no-such-pace.sock"])
        #expect(r.status == 69)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("Cannot reach paced at /tmp/no-such-pace.sock"))
        #expect(r.stderr.contains("make run"))
    }

    @Test func curlWorksOnTheSocket() throws {
        let d = try Daemon()
        let r = try run("/usr/bin/curl", ["-s", "--unix-socket", d.socket, "-X", "POST", "http://pace/v1/events",
                                          "-d", #"{"type":"visit","data":{"customer":"ACME","kind":"existing"}}"#, "-w", "\n%{http_code}"])
        #expect(r.stdout.hasSuffix("\n201"))
        let s = try run("/usr/bin/curl", ["-s", "--unix-socket", d.socket, "http://pace/v1/status"])
        #expect(s.stdout.contains(#""events":1"#))
    }
}
