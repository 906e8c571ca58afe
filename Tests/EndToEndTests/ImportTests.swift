import Foundation
import PaceAPI
import Testing

/// `pace import events` against a real paced: the whole file checked first with line
/// numbers, `--dry-run`, re-runs that record nothing new, CSV from a spreadsheet (BOM,
/// CRLF, quoted commas) and JSON lines (issue 15).
@Suite struct ImportTests {
    static let csv = "\u{FEFF}type,subject,customer,amount,lines,kind,minutes,occurred_at,id\r\n"
        + "call,,ACME,,,,5,2026-11-20 10:00,\r\n"
        + "visit,,\"Bolt, Inc.\",,,new,,2026-11-20 11:00,\r\n"
        + "\r\n"
        + "order,,ACME,300,widget:2:200;gadget:1:100,,,2026-11-20T12:00:00+01:00,\r\n"
        + "payment,,ACME,150.50,,,,2026-11-21 09:00,\r\n"
        + "call,,ACME,,,,5,2026-11-20 10:00,\r\n"

    func write(_ d: Daemon, _ name: String, _ text: String) throws -> String {
        let path = d.dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aSpreadsheetsCSVImportsOnceAndAgainRecordsNothing() throws {
        let d = try Daemon()
        for args in [["team", "create", "east"], ["team", "add", "east", "root", "--from", "2026-01-01"]] { #expect(try d.pace(args).status == 0) }
        let file = try write(d, "sales.csv", Self.csv)
        let before = try d.eventCount()
        let dry = try d.pace("import", "events", file, "--dry-run")
        #expect(dry.status == 0 && dry.stdout == "Would record 5 events from \(file); 0 already recorded. Nothing was recorded (--dry-run).\n", "\(dry)")
        #expect(try d.eventCount() == before)
        let first = try d.pace("import", "events", file)
        #expect(first.stdout == "Imported 5 events from \(file): 5 recorded, 0 already recorded.\n", "\(first)")
        #expect(try d.eventCount() == before + 5)
        // The two identical calls are two events; the order kept its lines; Bolt's comma survived.
        let history = try JSONDecoder().decode([EventRecord].self, from: Data(try d.pace("history", "--json", "--limit", "10").stdout.utf8))
        #expect(history.filter { $0.payload.type == .call }.count == 2)
        #expect(history.contains { if case .order(let o) = $0.payload { o.lines.count == 2 } else { false } })
        #expect(history.contains { $0.payload.customer == "Bolt, Inc." })
        // Again, and with a row inserted at the top: only the new row is recorded.
        let again = try d.pace("import", "events", file, "--json")
        #expect(again.stdout == "{\"file\":\"\(file)\",\"rows\":5,\"recorded\":0,\"existing\":5,\"valid\":0,\"dry_run\":false}\n", "\(again)")
        let grown = try write(d, "sales.csv", Self.csv.replacingOccurrences(of: "id\r\n", with: "id\r\ncall,,Zeta,,,,1,2026-11-19 09:00,\r\n"))
        let third = try d.pace("import", "events", grown)
        #expect(third.stdout == "Imported 6 events from \(grown): 1 recorded, 5 already recorded.\n", "\(third)")
        #expect(try d.eventCount() == before + 6)
    }

    @Test func everyBadRowIsNamedByLineAndNothingIsRecorded() throws {
        let d = try Daemon()
        for args in [["team", "create", "east"], ["team", "add", "east", "root", "--from", "2026-01-01"]] { #expect(try d.pace(args).status == 0) }
        let before = try d.eventCount()
        let bad = try write(d, "bad.csv", """
            type,customer,amount,kind,minutes,occurred_at
            call,ACME,,,5,2026-11-20 10:00
            call,ACME,12.00,,5,2026-11-20 10:00
            visit,ACME,,sideways,,2026-11-20 10:00
            payment,ACME,-5,,,2026-11-20 10:00
            order,ACME,10,,,
            call,ACME,,,5,2099-01-01 10:00

            """)
        let r = try d.pace("import", "events", bad)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.hasPrefix("Error: \(bad): 4 problems; nothing was recorded.\n"), "\(r)")
        for line in ["line 3: amount does not apply to a call; leave it empty.", "line 4: a visit's kind is new, existing or return, not 'sideways'.",
                     "line 5:", "line 6: occurred_at is empty"] {
            #expect(r.stderr.contains(line), "\(line) in \(r.stderr)")
        }
        #expect(try d.eventCount() == before)
        // paced's own checks (a time in the future) also refuse the whole file.
        let future = try write(d, "future.csv", "type,customer,occurred_at\ncall,ACME,2026-11-20 10:00\ncall,ACME,2099-01-01 10:00\n")
        let f = try d.pace("import", "events", future)
        #expect(f.status == 65 && f.stderr.contains("line 3:") && f.stderr.contains("after paced's clock"), "\(f)")
        #expect(try d.eventCount() == before)
        // A column named twice, and a header without occurred_at.
        let twice = try d.pace("import", "events", try write(d, "twice.csv", "type,customer,customer,occurred_at\ncall,A,B,2026-11-20 10:00\n"))
        #expect(twice.status == 65 && twice.stderr.contains("line 1: the column customer is named twice."), "\(twice)")
    }

    /// 2,500 rows are three requests. paced's refusals in two of them name the first
    /// refused batch's line, whichever answer came first (batches are checked two at a
    /// time), and nothing is recorded; a good file is recorded in the file's order.
    @Test func manyBatchesAreCheckedWholeAndRecordedInOrder() throws {
        let d = try Daemon()
        for args in [["team", "create", "east"], ["team", "add", "east", "root", "--from", "2026-01-01"]] { #expect(try d.pace(args).status == 0) }
        let header = "type,subject,customer,minutes,occurred_at\n"
        func rows(_ subject: (Int) -> String) -> String { (0..<2500).map { "call,\(subject($0)),C\($0),1,2026-11-20 10:00\n" }.joined() }
        let before = try d.eventCount()
        // Line n + 2 holds row n: the header is line 1.
        let bad = try write(d, "bad.csv", header + rows { $0 == 1500 || $0 == 2300 ? "nosuchuser\($0)" : "" })
        let r = try d.pace("import", "events", bad)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("line 1502: There is no user 'nosuchuser1500'"), "\(r)")
        #expect(try d.eventCount() == before)
        let good = try write(d, "good.csv", header + rows { _ in "" })
        let ok = try d.pace("import", "events", good)
        #expect(ok.stdout == "Imported 2500 events from \(good): 2500 recorded, 0 already recorded.\n", "\(ok)")
        let history = try JSONDecoder().decode([EventRecord].self, from: Data(try d.pace("history", "--json", "--limit", "3000").stdout.utf8))
        #expect(history.filter { $0.payload.type == .call }.reversed().map { $0.payload.customer ?? "" } == (0..<2500).map { "C\($0)" })
    }

    /// Rows added to a file imported before, in two of its batches, are recorded in
    /// the file's order, though the batches' last rows were stored already. An id given
    /// on two lines of a file is refused with both lines, and nothing is recorded.
    @Test func rowsAddedToAnImportedFileKeepTheFilesOrder() throws {
        let d = try Daemon()
        for args in [["team", "create", "east"], ["team", "add", "east", "root", "--from", "2026-01-01"]] { #expect(try d.pace(args).status == 0) }
        let header = "type,customer,minutes,occurred_at\n"
        var rows = (0..<2500).map { "call,C\($0),1,2026-11-20 10:00\n" }
        let first = try write(d, "first.csv", header + rows.joined())
        #expect(try d.pace("import", "events", first).status == 0)
        rows.insert("call,NEW-A,1,2026-11-20 10:00\n", at: 500)
        rows.insert("call,NEW-B,1,2026-11-20 10:00\n", at: 1501)
        let grown = try write(d, "grown.csv", header + rows.joined())
        let again = try d.pace("import", "events", grown)
        #expect(again.stdout == "Imported 2502 events from \(grown): 2 recorded, 2500 already recorded.\n", "\(again)")
        let history = try JSONDecoder().decode([EventRecord].self, from: Data(try d.pace("history", "--json", "--limit", "3000").stdout.utf8))
        let seqs = ["NEW-A", "NEW-B"].map { name in history.first { $0.payload.customer == name }?.seq ?? 0 }
        #expect(seqs[0] > 0 && seqs[1] == seqs[0] + 1, "\(seqs)")

        let before = try d.eventCount()
        let id = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"
        let twice = try write(d, "twice.csv", "type,customer,occurred_at,id\n" + (0..<1500).map { i in
            "call,D\(i),2026-11-20 10:00,\(i == 10 || i == 1200 ? id : "")\n"
        }.joined())
        let r = try d.pace("import", "events", twice)
        #expect(r.status == 65 && r.stderr.contains("line 1202: the id \(id) is also on line 12; each event needs an id of its own."), "\(r)")
        #expect(try d.eventCount() == before)
    }

    @Test func jsonLinesWithCRLFImport() throws {
        let d = try Daemon()
        for args in [["team", "create", "east"], ["team", "add", "east", "root", "--from", "2026-01-01"]] { #expect(try d.pace(args).status == 0) }
        let file = try write(d, "calls.jsonl", "{\"type\":\"call\",\"customer\":\"J\",\"minutes\":3,\"occurred_at\":\"2026-11-22 10:00\"}\r\n"
            + "{\"type\":\"payment\",\"customer\":\"J\",\"amount\":12.5,\"occurred_at\":\"2026-11-22T11:00:00Z\"}\r\n")
        let r = try d.pace("import", "events", file)
        #expect(r.status == 0 && r.stdout.contains("2 recorded"), "\(r)")
        let broken = try d.pace("import", "events", try write(d, "broken.jsonl", "{\"type\":\"call\"\n[1,2]\n"))
        #expect(broken.status == 65 && broken.stderr.contains("line 1:") && broken.stderr.contains("line 2: not one JSON object"), "\(broken)")
    }
}
