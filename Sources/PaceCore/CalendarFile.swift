/// Reads holiday files for `pace calendar import`.
///
/// Two forms: lines of `YYYY-MM-DD holiday|workday NAME` (blank lines and `#`
/// comments allowed), or an iCalendar (.ics) file whose all-day VEVENTs are days off
/// or, by their summaries, worked (make-up) days.
public enum CalendarFile {
    public struct Entry: Sendable, Equatable {
        public var change: CalendarEvent.Change
        public var from: CivilDate
        public var to: CivilDate
        public var name: String?

        public init(change: CalendarEvent.Change, from: CivilDate, to: CivilDate, name: String?) {
            self.change = change
            self.from = from
            self.to = to
            self.name = name
        }
    }

    /// - Parameter workedDay: for .ics files, a regular expression for the summaries of
    ///   worked days (default: ``workedDayMarkers``).
    public static func parse(_ raw: String, workedDay: Regex<AnyRegexOutput>? = nil) throws -> [Entry] {
        // "\r\n" is one Character in Swift, so drop carriage returns before splitting lines.
        let text = String(decoding: raw.utf8.filter { $0 != 13 }, as: UTF8.self)
        return text.contains("BEGIN:VCALENDAR") ? try parseICS(text, workedDay: workedDay) : try parseLines(text)
    }

    static func parseLines(_ text: String) throws -> [Entry] {
        var out: [Entry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").trimmingWhitespace()
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            let help = "Write each line as YYYY-MM-DD holiday|workday NAME."
            guard parts.count >= 2, let day = CivilDate(iso: parts[0]) else {
                throw InputError("bad_calendar_file", "Line \(n + 1): '\(line)' does not start with a date. \(help)")
            }
            let change: CalendarEvent.Change
            switch parts[1].lowercased() {
            case "holiday": change = .holiday
            case "workday": change = .workday
            default: throw InputError("bad_calendar_file", "Line \(n + 1): '\(parts[1])' is neither holiday nor workday. \(help)")
            }
            out.append(Entry(change: change, from: day, to: day, name: parts.count == 3 ? String(parts[2]) : nil))
        }
        return out
    }

    /// Summaries that mark an event as a worked day (a make-up working day) rather than
    /// a day off, as public holiday feeds write them: Chinese 上班 / 补班 / (班),
    /// Japanese 出勤, Korean 근무, Russian рабочий день, Vietnamese làm bù, and
    /// English, German, French and Spanish forms. Matched case-insensitively.
    public static let workedDayMarkers = [
        "上班", "补班", "補班", "(班)", "（班）", "出勤", "근무", "рабочий день", "làm bù",
        "working day", "workday", "work day", "make-up day", "makeup day", "arbeitstag", "jour travaillé", "día laborable",
    ]

    /// Whether an event with this summary is a worked day: `pattern` when given (a
    /// regular expression), else one of ``workedDayMarkers``.
    public static func isWorkedDay(_ summary: String?, pattern: Regex<AnyRegexOutput>?) -> Bool {
        guard let summary else { return false }
        if let pattern { return summary.contains(pattern) }
        let folded = summary.lowercased()
        return workedDayMarkers.contains { folded.contains($0) }
    }

    /// Reads the all-day VEVENTs of an iCalendar file, each as a day off or, by its
    /// summary (see ``isWorkedDay(_:pattern:)``), a worked day. A span is read every way
    /// RFC 5545 allows or common feeds write it:
    /// - `DTSTART;VALUE=DATE:20190422` or `DTSTART:20190422` (a date with no time);
    /// - `DTEND` exclusive (RFC 5545), or equal to DTSTART (one day, as many feeds write);
    /// - `DURATION:P3D` or `P1W` instead of DTEND; neither: one day;
    /// - date-times at 00:00:00 at both ends (local or UTC), as some exporters write.
    /// Errors name the line and the property.
    static func parseICS(_ text: String, workedDay pattern: Regex<AnyRegexOutput>? = nil) throws -> [Entry] {
        // Unfold continuation lines (RFC 5545 3.1), keeping each line's number.
        var lines: [(number: Int, text: String)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let f = raw.first, f == " " || f == "\t", !lines.isEmpty {
                lines[lines.count - 1].text += raw.dropFirst()
            } else {
                lines.append((n + 1, String(raw)))
            }
        }
        struct Value { var line: Int; var property: String; var date: CivilDate; var midnight: Bool; var hasTime: Bool }
        func read(_ name: String, _ value: String, line: Int) throws -> Value {
            let v = value.trimmingWhitespace()
            let datePart = v.prefix(8)
            guard datePart.count == 8, datePart.allSatisfy(\.isASCIIDigit),
                  let day = CivilDate(iso: Substring("\(datePart.prefix(4))-\(datePart.dropFirst(4).prefix(2))-\(datePart.suffix(2))")) else {
                throw InputError("bad_calendar_file", "Line \(line), \(name): '\(v)' is not a date like 20270501.")
            }
            let rest = v.dropFirst(8)
            if rest.isEmpty { return Value(line: line, property: name, date: day, midnight: true, hasTime: false) }
            guard rest.first == "T", rest.count >= 7, rest.dropFirst().prefix(6).allSatisfy(\.isASCIIDigit), rest.count == 7 || rest.dropFirst(7) == "Z" else {
                throw InputError("bad_calendar_file", "Line \(line), \(name): '\(v)' is not a date (20270501) or date-time (20270501T000000).")
            }
            return Value(line: line, property: name, date: day, midnight: rest.dropFirst().prefix(6) == "000000", hasTime: true)
        }
        var out: [Entry] = []
        var start: Value?, end: Value?, duration: (days: Int, line: Int)?, summary: String?, inEvent = false, eventLine = 0
        for (n, line) in lines {
            let (key, value) = line.firstIndex(of: ":").map { (line[..<$0].uppercased(), String(line[line.index(after: $0)...])) } ?? (line.uppercased(), "")
            let name = key.split(separator: ";").first.map(String.init) ?? key
            switch name {
            case "BEGIN" where value.uppercased().trimmingWhitespace() == "VEVENT":
                inEvent = true; start = nil; end = nil; duration = nil; summary = nil; eventLine = n
            case "DTSTART" where inEvent: start = try read(name, value, line: n)
            case "DTEND" where inEvent: end = try read(name, value, line: n)
            case "DURATION" where inEvent:
                let d = value.trimmingWhitespace().uppercased()
                let number = d.dropFirst().dropLast()
                guard d.hasPrefix("P"), d.hasSuffix("D") || d.hasSuffix("W"), let k = Int(number), k > 0 else {
                    throw InputError("bad_calendar_file", "Line \(n), DURATION: '\(d)' is not a whole number of days or weeks like P1D or P2W.")
                }
                duration = (d.hasSuffix("W") ? k * 7 : k, n)
            case "SUMMARY" where inEvent: summary = value.trimmingWhitespace().replacingAll("\\,", ",").replacingAll("\\;", ";")
            case "END" where value.uppercased().trimmingWhitespace() == "VEVENT":
                guard let s = start else { throw InputError("bad_calendar_file", "Line \(eventLine): the VEVENT that starts here has no DTSTART.") }
                guard !s.hasTime || s.midnight, end.map({ !$0.hasTime || $0.midnight }) ?? true else {
                    throw InputError("bad_calendar_file", "Line \(s.line), DTSTART: the event starts at a time of day; only all-day events can be days off or worked days.")
                }
                var last = s.date
                if let e = end {
                    // Exclusive (RFC 5545); an end equal to the start means that one day.
                    guard e.date >= s.date else {
                        throw InputError("bad_calendar_file", "Line \(e.line), DTEND: \(e.date) is before DTSTART \(s.date) (line \(s.line)).")
                    }
                    last = e.date > s.date ? e.date.adding(days: -1) : s.date
                } else if let d = duration {
                    last = s.date.adding(days: d.days - 1)
                }
                out.append(Entry(change: isWorkedDay(summary, pattern: pattern) ? .workday : .holiday, from: s.date, to: last, name: summary))
                inEvent = false
            default: break
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
