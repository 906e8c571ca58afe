/// Reads holiday files for `pace calendar import`.
///
/// Two forms: lines of `YYYY-MM-DD holiday|workday NAME` (blank lines and `#`
/// comments allowed), or an iCalendar (.ics) file whose all-day VEVENTs become
/// holidays (DTEND is exclusive, as RFC 5545 says).
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

    public static func parse(_ raw: String) throws -> [Entry] {
        // "\r\n" is one Character in Swift, so drop carriage returns before splitting lines.
        let text = String(decoding: raw.utf8.filter { $0 != 13 }, as: UTF8.self)
        return text.contains("BEGIN:VCALENDAR") ? try parseICS(text) : try parseLines(text)
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

    static func parseICS(_ text: String) throws -> [Entry] {
        // Unfold continuation lines (RFC 5545 3.1), then read VEVENT blocks.
        let unfolded = text.replacingAll("\n ", "").replacingAll("\n\t", "")
        var out: [Entry] = []
        var start: CivilDate?, end: CivilDate?, summary: String?, inEvent = false
        for (n, line) in unfolded.split(separator: "\n").enumerated() {
            let (key, value) = line.firstIndex(of: ":").map { (line[..<$0].uppercased(), String(line[line.index(after: $0)...])) } ?? (line.uppercased(), "")
            let name = key.split(separator: ";").first.map(String.init) ?? key
            switch name {
            case "BEGIN" where value.uppercased() == "VEVENT": inEvent = true; start = nil; end = nil; summary = nil
            case "DTSTART" where inEvent, "DTEND" where inEvent:
                let digits = value.trimmingWhitespace()
                guard digits.count == 8, let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)), let d = Int(digits.suffix(2)),
                      let day = CivilDate(iso: Substring("\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"))
                else {
                    throw InputError("bad_calendar_file", "Line \(n + 1): \(name) '\(value)' is not an all-day date (YYYYMMDD); only all-day events can be holidays.")
                }
                if name == "DTSTART" { start = day } else { end = day }
            case "SUMMARY" where inEvent: summary = value.trimmingWhitespace()
            case "END" where value.uppercased() == "VEVENT":
                guard let s = start else { throw InputError("bad_calendar_file", "Line \(n + 1): a VEVENT has no DTSTART.") }
                let last = end.map { $0.adding(days: -1) } ?? s
                guard last >= s else { throw InputError("bad_calendar_file", "Line \(n + 1): a VEVENT ends before it starts.") }
                out.append(Entry(change: .holiday, from: s, to: last, name: summary))
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
