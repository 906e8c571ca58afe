/// One year of a work calendar, computed once: every day, its working minutes, and
/// where each month starts and ends. Decomposing many targets on the same calendar
/// shares one of these.
public struct WorkYear: Sendable, Equatable {
    public let year: Int
    public let days: [CivilDate]
    public let minutes: [Int64]
    /// Index ranges into `days` for January...December.
    public let monthRanges: [Range<Int>]

    public init(year: Int, calendar: WorkCalendar) {
        self.year = year
        days = CivilDate.days(of: year)
        if !calendar.changes.isEmpty {
            // A person's calendar that changes with their team: day by day.
            minutes = days.map(calendar.workingMinutes)
            monthRanges = Self.monthRanges(of: year)
            return
        }
        var holidays = Set<Int64>(), makeUp = Set<Int64>()
        for key in calendar.holidays.keys { if let d = CivilDate(iso: Substring(key)) { holidays.insert(d.daysSinceEpoch) } }
        for key in calendar.makeUpDays.keys { if let d = CivilDate(iso: Substring(key)) { makeUp.insert(d.daysSinceEpoch) } }
        let length = Int64(calendar.endMinute - calendar.startMinute)
        minutes = days.map { d in
            let n = d.daysSinceEpoch
            if makeUp.contains(n) { return length }
            if holidays.contains(n) { return 0 }
            return calendar.workdays.contains(d.weekday) ? length : 0
        }
        monthRanges = Self.monthRanges(of: year)
    }

    static func monthRanges(of year: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        for m in 1...12 {
            let n = CivilDate.daysIn(year: year, month: m)
            ranges.append(i..<(i + n))
            i += n
        }
        return ranges
    }
}
