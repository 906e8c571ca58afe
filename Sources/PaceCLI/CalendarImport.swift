import ArgumentParser
import Glibc
import PaceAPI
import PaceClient
import PaceCore

/// `pace calendar import east FILE [--workday-pattern REGEX] [--dry-run] [--replace]`:
/// holidays and make-up days from a file, shown before they are recorded.
struct CalendarImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import holidays and make-up days from a file.",
        discussion: """
            FILE is lines of YYYY-MM-DD holiday|workday NAME (with # comments), or an iCalendar (.ics) \
            file. In an .ics file each all-day event is a day off, or a worked make-up day when its \
            summary says so (上班, 补班, (班), 出勤, рабочий день, working day, workday, make-up day, \
            Arbeitstag, ...; or --workday-pattern). pace shows what it read, day by day, before \
            recording. Days the calendar already has the same way are skipped; a day the file reads \
            differently from the calendar as it is (changed by hand, or by another import) stops the \
            import, unless --replace. A fault in the file is reported with its line and nothing is recorded.
            """)

    @Argument(help: "The team.") var team: String
    @Argument(help: "The file.") var file: String
    @Option(name: .customLong("workday-pattern"), help: ArgumentHelp("A regular expression: .ics events whose summary matches are worked (make-up) days.", valueName: "regex"))
    var workdayPattern: String?
    @Flag(name: .customLong("dry-run"), help: "Show what would be recorded; record nothing.") var dryRun = false
    @Flag(help: "Apply the file's reading also to days the calendar has the other way now.") var replace = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let workdayPattern, (try? Regex(workdayPattern)) == nil {
            throw ValidationError("--workday-pattern '\(workdayPattern)' is not a regular expression.")
        }
    }

    /// What a day is in the file and in the calendar now.
    enum State: Equatable {
        case off(String?), worked(String?), none
        var word: String {
            switch self {
            case .off: "day off"
            case .worked: "workday"
            case .none: "as the week"
            }
        }
    }

    func run() throws {
        guard let text = Self.read(file) else {
            printError("Error: Cannot read \(file). Check the path and its permissions.")
            throw ExitCode(66)
        }
        let entries: [CalendarFile.Entry]
        do {
            entries = try CalendarFile.parse(text, workedDay: try workdayPattern.map { try Regex($0) })
        } catch let e as InputError {
            printError("Error: \(file): \(e.message) Nothing was recorded.")
            throw ExitCode(65)
        }
        guard !entries.isEmpty else {
            printError("Error: \(file) has no holidays or make-up days. Nothing was recorded.")
            throw ExitCode(65)
        }
        try global.withClient { client in
            // The calendar as it is, for the years the file touches.
            var current: [CivilDate: State] = [:]
            let years = Set(entries.flatMap { [$0.from.year, $0.to.year] })
            for y in years.sorted() {
                let c = try client.get(CalendarView.self, "/v1/teams/\(PaceClient.escape(team))/calendar?year=\(y)")
                for h in c.holidays { if let d = CivilDate(iso: Substring(h.date)) { current[d] = .off(h.name) } }
                for w in c.makeUpDays { if let d = CivilDate(iso: Substring(w.date)) { current[d] = .worked(w.name) } }
            }
            var changes: [(change: CalendarEvent.Change, day: CivilDate, name: String?)] = []
            var conflicts: [String] = []
            for e in entries {
                let wanted: State = e.change == .holiday ? .off(e.name) : .worked(e.name)
                var same = 0, differs = 0
                var d = e.from
                while d <= e.to {
                    let now = current[d] ?? .none
                    switch (wanted, now) {
                    case (.off, .off), (.worked, .worked): same += 1
                    case (_, .none): changes.append((e.change, d, e.name))
                    default:
                        differs += 1
                        conflicts.append("\(d) is a \(now.word) now\(Self.named(now)); the file makes it a \(wanted.word)\(Self.named(wanted))")
                        if replace { changes.append((e.change, d, e.name)) }
                    }
                    d = d.adding(days: 1)
                }
                let span = e.from == e.to ? "\(e.from)" : "\(e.from)..\(e.to)"
                let note = same > 0 && differs == 0 && same == e.from.distance(to: e.to) ? "  (already so)" : differs > 0 ? "  (differs from the calendar)" : ""
                print("\(span.padding(22)) \(wanted.word.padding(8)) \(e.name ?? "")\(note)")
            }
            if !conflicts.isEmpty && !replace {
                printError("Error: \(conflicts.count) day\(conflicts.count == 1 ? " of \(file) differs" : "s of \(file) differ") from \(team)'s calendar as it is:")
                for c in conflicts { printError("  \(c)") }
                printError("Nothing was recorded. Re-run with --replace to apply the file's reading to them, or edit the file.")
                throw ExitCode(65)
            }
            if dryRun { return print("Nothing recorded (--dry-run): \(changes.count) day\(changes.count == 1 ? "" : "s") would change.") }
            if changes.isEmpty { return print("Nothing to record: \(team)'s calendar already has every day of \(file).") }
            // Consecutive days of the same change and name are one event.
            var runs: [(change: CalendarEvent.Change, from: CivilDate, to: CivilDate, name: String?)] = []
            for c in changes {
                // (A make-up day is recorded one day at a time.)
                if let last = runs.last, c.change == .holiday, last.change == c.change, last.name == c.name, last.to.adding(days: 1) == c.day {
                    runs[runs.count - 1].to = c.day
                } else {
                    runs.append((c.change, c.day, c.day, c.name))
                }
            }
            let events = try validated {
                try runs.map { EventPayload.calendar(try CalendarEvent(team: team, change: $0.change, from: $0.from, to: $0.to == $0.from ? nil : $0.to, name: $0.name)) }
            }
            try recordManagement(events, global: global)
        }
    }

    static func named(_ s: State) -> String {
        switch s {
        case .off(let n?), .worked(let n?): " (\(n))"
        default: ""
        }
    }

    /// The whole file as text (no Foundation: it would link ICU into pace).
    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n > 0 { bytes += buffer[..<n] }
            if n < buffer.count { break }
        }
        return ferror(f) == 0 ? String(decoding: bytes, as: UTF8.self) : nil
    }
}

extension CivilDate {
    /// The number of days from this day to `other`, both counted.
    func distance(to other: CivilDate) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) + 1 }
}
