/// A span of local days that progress is measured over.
public enum Period: Sendable, Equatable {
    case day, week, third, month, quarter, year
    /// The last N days up to and including the day asked about.
    case rolling(Int)

    public init(parsing raw: String) throws {
        switch raw.lowercased() {
        case "day": self = .day
        case "week": self = .week
        case "third": self = .third
        case "month": self = .month
        case "quarter": self = .quarter
        case "year": self = .year
        case "7d": self = .rolling(7)
        case "30d": self = .rolling(30)
        case "90d": self = .rolling(90)
        default:
            throw InputError("bad_period", "Unknown period '\(raw)'. Use day, week, third, month, quarter, year, 7d, 30d or 90d.")
        }
    }

    public var name: String {
        switch self {
        case .day: "day"
        case .week: "week"
        case .third: "third"
        case .month: "month"
        case .quarter: "quarter"
        case .year: "year"
        case .rolling(let n): "\(n)d"
        }
    }

    /// The first and last day of the period containing `day`.
    public func bounds(containing day: CivilDate) -> (start: CivilDate, end: CivilDate) {
        switch self {
        case .day:
            return (day, day)
        case .week:
            let monday = day.adding(days: 1 - day.weekday.rawValue)
            return (monday, monday.adding(days: 6))
        case .third:
            let first = [1, 11, 21][day.third - 1]
            let last = day.third == 3 ? CivilDate.daysIn(year: day.year, month: day.month) : first + 9
            return (CivilDate(year: day.year, month: day.month, day: first), CivilDate(year: day.year, month: day.month, day: last))
        case .month:
            return (CivilDate(year: day.year, month: day.month, day: 1),
                    CivilDate(year: day.year, month: day.month, day: CivilDate.daysIn(year: day.year, month: day.month)))
        case .quarter:
            let m = (day.quarter - 1) * 3 + 1
            return (CivilDate(year: day.year, month: m, day: 1), CivilDate(year: day.year, month: m + 2, day: CivilDate.daysIn(year: day.year, month: m + 2)))
        case .year:
            return (CivilDate(year: day.year, month: 1, day: 1), CivilDate(year: day.year, month: 12, day: 31))
        case .rolling(let n):
            return (day.adding(days: 1 - n), day)
        }
    }

    /// A label for the period containing `day`: `2026-11-27`, `2026-W48`, `2026-11 late`, `2026-11`, `2026-Q4`, `2026`, `last 7d`.
    public func label(containing day: CivilDate) -> String {
        switch self {
        case .day: return day.description
        case .week:
            let w = day.isoWeek
            return "\(w.year)-W\(pad(w.week, 2))"
        case .third: return "\(day.year)-\(pad(day.month, 2)) \(["early", "mid", "late"][day.third - 1])"
        case .month: return "\(day.year)-\(pad(day.month, 2))"
        case .quarter: return "\(day.year)-Q\(day.quarter)"
        case .year: return "\(day.year)"
        case .rolling(let n): return "last \(n)d"
        }
    }
}
