/// Reads the `--at WHEN` forms people type:
/// `2026-11-27 16:30`, RFC 3339 (`2026-11-27T16:30:00+08:00`), `16:30` (today),
/// `yesterday 16:30`, `today 16:30` and `now`. Wall times are read in `zone`.
public enum WhenParser {
    public static let help = "Use 2026-11-27 16:30, 16:30, yesterday 16:30 or RFC 3339 like 2026-11-27T16:30:00+01:00."

    public static func parse(_ text: String, now: Timestamp, zone: any LocalZone) throws -> Timestamp {
        let t = text.trimmingWhitespace()
        if t.lowercased() == "now" { return now }
        if let instant = Timestamp(rfc3339: t) { return instant }
        let words = t.split(separator: " ", omittingEmptySubsequences: true)
        let today = zone.local(now).date
        var date: CivilDate?
        var clockText: Substring?
        switch words.count {
        case 1:
            date = today
            clockText = words[0]
        case 2:
            switch words[0].lowercased() {
            case "today": date = today
            case "yesterday": date = today.adding(days: -1)
            default: date = CivilDate(iso: words[0])
            }
            clockText = words[1]
        default:
            break
        }
        guard let date, let clockText, let (h, m, s, _) = Timestamp.clock(clockText), !clockText.contains(".") else {
            throw InputError("bad_time", "Cannot read the time '\(t)'. \(help)")
        }
        let local = LocalDateTime(date: date, hour: h, minute: m, second: s)
        let readings = zone.readings(of: local)
        switch readings.count {
        case 1:
            return readings[0]
        case 0:
            throw InputError("bad_time", "\(local) does not exist in your time zone: the clocks jump forward over it (daylight saving). "
                + "Give a time before or after the jump, or an RFC 3339 time with its offset.")
        default:
            let shown = readings.map { $0.rfc3339(offsetSeconds: zone.utcOffset(at: $0)) }
            throw InputError("bad_time", "\(local) happens twice in your time zone (the clocks go back): "
                + "\(shown.joined(separator: " or ")). Give one of these with its offset.")
        }
    }
}
