/// ISO 8601 weekdays: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, Codable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    public var short: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1] }

    /// Parses `Mon`, `monday`, `Tue`... (first three letters suffice).
    public init?(name: some StringProtocol) {
        let key = name.lowercased().prefix(3)
        guard let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex(of: String(key)) else { return nil }
        self.init(rawValue: i + 1)
    }

    /// Parses a list like `Mon-Fri`, `Mon-Thu,Sat` or `Sun-Thu` (ranges may wrap past Sunday).
    public static func parseSet(_ text: String) throws -> Set<Weekday> {
        var out: Set<Weekday> = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let a = Weekday(name: ends[0].trimmingWhitespaceSub()),
                  let b = Weekday(name: ends.last!.trimmingWhitespaceSub())
            else {
                throw InputError("bad_workdays", "'\(text)' is not a list of weekdays. Write it like Mon-Fri or Mon-Thu,Sat.")
            }
            var d = a
            while true {
                out.insert(d)
                if d == b { break }
                d = Weekday(rawValue: d.rawValue % 7 + 1)!
            }
        }
        guard !out.isEmpty else { throw InputError("bad_workdays", "Give at least one working weekday, like Mon-Fri.") }
        return out
    }
}

extension Substring {
    func trimmingWhitespaceSub() -> String { String(self).trimmingWhitespace() }
}

extension CivilDate {
    /// The ISO weekday. 1970-01-01 was a Thursday.
    public var weekday: Weekday {
        let d = daysSinceEpoch
        let r = ((d % 7) + 7 + 3) % 7
        return Weekday(rawValue: Int(r) + 1)!
    }

    /// Day of the year, 1-based.
    public var dayOfYear: Int { Int(daysSinceEpoch - CivilDate(year: year, month: 1, day: 1).daysSinceEpoch) + 1 }

    /// The ISO 8601 week: its year (which may differ from `year` near New Year) and number 1...53.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday.rawValue)
        return (thursday.year, (thursday.dayOfYear - 1) / 7 + 1)
    }

    /// Which third of the month: 1 for days 1-10, 2 for 11-20, 3 for 21 to the end.
    public var third: Int { day <= 10 ? 1 : day <= 20 ? 2 : 3 }

    public var quarter: Int { (month - 1) / 3 + 1 }

    /// Every day of `year`, in order.
    public static func days(of year: Int) -> [CivilDate] {
        let first = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
        let last = CivilDate(year: year, month: 12, day: 31).daysSinceEpoch
        return (first...last).map { CivilDate(daysSinceEpoch: $0) }
    }
}
