#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import Glibc
import PaceAPI
import PaceClient
import PaceCore

/// `pace import events FILE [--dry-run]`
struct ImportEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Import visits, calls, payments and orders from a CSV file (with a header) or JSON lines.",
        discussion: """
            Columns (CSV header) or keys (one JSON object per line): type (visit, call, payment, order), subject \
            (whose; default you), customer, amount, lines (PRODUCT:QTY:AMOUNT;... for orders), kind (new, existing \
            or return, for visits), minutes (calls), occurred_at (required: RFC 3339, or '2026-11-27 16:30' in this \
            machine's zone, $TZ), id. A field that does not apply to the row's type must be empty.
            The whole file is checked first: each bad row is reported with its line number, and nothing is recorded. \
            Then paced checks every event the same way (POST /v1/events/batch, 1000 a request) before any is recorded, \
            and records them in the file's order (up to 1000 events are checked and recorded by one request). \
            A row without an id gets a UUIDv7 whose time is its occurred_at and whose other bits come from SHA-256 \
            of its fields and how many identical rows came before it, so importing the same file again (or with rows \
            added) records nothing new.
            """)

    @Argument(help: "The file: .csv, or JSON lines (.jsonl, .ndjson, or a first line starting with '{').") var file: String
    @Flag(help: "Check everything and say what would be recorded; record nothing.") var dryRun = false
    @OptionGroup var global: GlobalOptions

    static let batch = 1000

    func run() throws {
        guard var text = CalendarImport.read(file) else {
            throw ValidationError("Cannot read \(file): \(String(cString: strerror(errno))).")
        }
        // A byte-order mark, as spreadsheet programs write it, is not part of the header.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let rows = try parse(text)
        var requests: [(line: Int, request: AppendRequest)] = []
        var problems: [(line: Int, message: String)] = []
        let zone = SystemZone(), now = SystemZone.now()
        // Each row's occurrence among the identical rows before it, in file order; then
        // each row's event, which depends on nothing else, made on every core.
        var seen: [String: Int] = [:]
        let keyed = rows.map { line, row in
            let key = ImportRow.key(of: row)
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return (line: line, row: row, key: key, occurrence: occurrence)
        }
        let made = Self.concurrentMap(keyed) { r in Result { try r.row.request(key: r.key, occurrence: r.occurrence, zone: zone, now: now) } }
        for (r, result) in zip(keyed, made) {
            do {
                requests.append((r.line, try result.get()))
            } catch let e as InputError {
                problems.append((r.line, e.message))
            } catch let e as OpenSSL.LoadError {
                // The ids of rows without one are derived with SHA-256 (see ImportRow).
                printError("Error: \(e)")
                throw ExitCode(69)
            }
        }
        // An id given twice would be checked in two batches, each against the log alone.
        var lineOfID: [EventID: Int] = [:]
        for (line, request) in requests {
            guard let id = request.id else { continue }
            if let first = lineOfID[id] {
                problems.append((line, "the id \(id) is also on line \(first); each event needs an id of its own."))
            } else {
                lineOfID[id] = line
            }
        }
        guard problems.isEmpty else {
            throw Self.refused(problems.sorted { $0.line < $1.line }.map { "line \($0.line): \($0.message)" }, file: file)
        }
        guard !requests.isEmpty else { throw Self.refused(["\(file) has no events."], file: file) }
        var created = 0, existing = 0, valid = 0
        let (socketPath, remote) = (global.socketPath, try global.remote())
        let connect: @Sendable () throws -> PaceClient = {
            if let remote { return try PaceClient(remote: remote) }
            return try PaceClient(socketPath: socketPath)
        }
        try global.withClient { client in
            let parts = Self.batches(of: requests.count)
            // Each batch's events, encoded once (on every core) for the check and the recording.
            let events: [AppendRequest] = requests.map(\.request)
            let bodies = try Self.concurrentMap(parts) { (part: Range<Int>) -> Result<[UInt8], any Error> in
                Result { try AppendRequest.plainArray(events[part]) ?? Array(JSONEncoder().encode(Array(events[part]))) }
            }.map { try $0.get() }
            // paced checks every batch before any is recorded (a dry run), then records them.
            // One batch is checked whole by the request that records it: no dry run first.
            let passes = dryRun ? [true] : parts.count == 1 ? [false] : [true, false]
            // The recording's order: each batch follows the last event of the batches
            // before it that the check found new (one stored already is no place in it).
            var afters = [EventID?](repeating: nil, count: parts.count)
            for dry in passes {
                let total = requests.count, checking = dry && !dryRun
                let answers: [BatchResult]
                do {
                    answers = try Self.send(bodies, sizes: parts.map(\.count), afters: dry ? Array(repeating: nil, count: parts.count) : afters,
                                            client: client, connect: connect, dryRun: dry) {
                        Self.progress($0, of: total, checking: checking)
                    }
                } catch let failure as BatchFailure {
                    guard case ClientError.api(_, let code, let message) = failure.error, code == "batch_refused" else { throw failure.error }
                    // "event N: ..." → the file's line of that event.
                    let part = requests[parts[failure.index]]
                    let lines = message.split(separator: "\n").dropFirst().map { l -> String in
                        guard l.hasPrefix("event "), let n = Int(l.dropFirst(6).prefix { $0.isNumber }), n >= 1, n <= part.count else { return String(l) }
                        return "line \(part[part.startIndex + n - 1].line):" + l.drop { $0 != ":" }.dropFirst()
                    }
                    throw Self.refused(lines, file: file)
                }
                var lastNew: EventID?
                for (n, answer) in answers.enumerated() {
                    afters[n] = lastNew
                    lastNew = answer.results.last { $0.status == .valid }?.id ?? lastNew
                }
                for r in answers.flatMap(\.results) {
                    switch r.status {
                    case .created: created += 1
                    case .existing: if dry == passes.last { existing += 1 }
                    case .valid: if dry == passes.last { valid += 1 }
                    }
                }
            }
        }
        if isatty(2) != 0 { Self.toTerminal("\r\u{1B}[K") }
        if global.json {
            print("{\"file\":\(Self.jsonString(file)),\"rows\":\(requests.count),\"recorded\":\(created),\"existing\":\(existing),\"valid\":\(valid),\"dry_run\":\(dryRun)}")
            return
        }
        if dryRun {
            print("Would record \(valid) events from \(file); \(existing) already recorded. Nothing was recorded (--dry-run).")
        } else {
            print("Imported \(requests.count) events from \(file): \(created) recorded, \(existing) already recorded.")
        }
    }

    /// The file's rows with their line numbers: CSV under a header, or JSON lines.
    func parse(_ text: String) throws -> [(Int, ImportRow)] {
        let first = text.drop { $0.isWhitespace }.first
        if file.hasSuffix(".jsonl") || file.hasSuffix(".ndjson") || first == "{" {
            var rows: [(Int, ImportRow)] = []
            var problems: [String] = []
            // Lines end in LF or CRLF ("\r\n" is one Character in Swift: split on scalars).
            let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            for (i, raw) in lines.enumerated() {
                let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
                if line.allSatisfy(\.isWhitespace) { continue }
                do {
                    rows.append((i + 1, try JSONDecoder().decode(ImportRow.self, from: Data(line.utf8))))
                } catch let e as InputError {
                    problems.append("line \(i + 1): \(e.message)")
                } catch {
                    problems.append("line \(i + 1): not one JSON object with the fields \(ImportRow.columns.joined(separator: ", ")).")
                }
            }
            guard problems.isEmpty else { throw Self.refused(problems, file: file) }
            return rows
        }
        let records: [(line: Int, fields: [String])]
        do { records = try CSV.records(text) } catch let e as InputError { throw Self.refused([e.message], file: file) }
        guard let header = records.first?.fields.map({ $0.trimmingWhitespace().lowercased() }) else { return [] }
        let unknown = header.filter { !ImportRow.columns.contains($0) }
        if let twice = header.first(where: { h in header.filter { $0 == h }.count > 1 }) {
            throw Self.refused(["line 1: the column \(twice) is named twice."], file: file)
        }
        guard unknown.isEmpty, header.contains("type"), header.contains("occurred_at") else {
            throw Self.refused(["line 1: the header must name type and occurred_at, and only these columns: \(ImportRow.columns.joined(separator: ", "))"
                                + (unknown.isEmpty ? "." : "; not \(unknown.joined(separator: ", ")).")], file: file)
        }
        var problems: [String] = []
        let rows = records.dropFirst().compactMap { r -> (Int, ImportRow)? in
            guard r.fields.count == header.count else {
                problems.append("line \(r.line): \(r.fields.count) field\(r.fields.count == 1 ? "" : "s"), the header has \(header.count).")
                return nil
            }
            return (r.line, ImportRow(fields: Dictionary(zip(header, r.fields), uniquingKeysWith: { a, _ in a })))
        }
        guard problems.isEmpty else { throw Self.refused(problems, file: file) }
        return rows
    }

    /// Every problem, at most 50 lines, then exit 65.
    static func refused(_ problems: [String], file: String) -> some Error {
        var lines = problems.prefix(50).map { "  " + $0 }
        if problems.count > 50 { lines.append("  ... and \(problems.count - 50) more") }
        printError("Error: \(file): \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was recorded.\n" + lines.joined(separator: "\n"))
        return ExitCode(65)
    }

    /// `s` as a JSON string.
    static func jsonString(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(s), as: UTF8.self)) ?? "\"\""
    }

    /// Writes `text` to standard error as it is (no line end).
    static func toTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress!, $0.count) }
    }

    /// A progress bar on a terminal (standard error).
    static func progress(_ done: Int, of total: Int, checking: Bool) {
        guard isatty(2) != 0 else { return }
        let width = 30, filled = total > 0 ? done * width / total : width
        Self.toTerminal("\r\(checking ? "checking " : "importing") [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)")
    }
}
