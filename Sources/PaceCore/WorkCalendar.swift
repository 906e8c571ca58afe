/// A team's working time: its IANA time zone, working weekdays, daily working hours,
/// holidays, and make-up working days (weekend days that are worked, as official
/// calendars do when they move holidays). All days are the team's local days.
public struct WorkCalendar: Sendable, Equatable, Codable {
    /// IANA zone name, like `Asia/Shanghai`.
    public var timeZone: String
    public var workdays: Set<Weekday>
    /// Start and end of the working day, in minutes after local midnight.
    public var startMinute: Int
    public var endMinute: Int
    /// Days off that would otherwise be working days, with their names.
    public var holidays: [String: String]
    /// Days worked that would otherwise be off, with their names.
    public var makeUpDays: [String: String]
    /// A person's calendar follows the team they are in on each day: from each
    /// change's day on, that calendar is in force (the fields above until the first).
    /// Empty for a team's own calendar.
    public var changes: [Change] = []

    /// From `from` on (inclusive), `calendar` is in force.
    public struct Change: Sendable, Equatable {
        public var from: CivilDate
        public var calendar: WorkCalendar
        public init(from: CivilDate, calendar: WorkCalendar) {
            self.from = from
            self.calendar = calendar
        }
    }

    /// `changes` are derived from memberships, never stored.
    enum CodingKeys: String, CodingKey { case timeZone, workdays, startMinute, endMinute, holidays, makeUpDays }

    /// The plain calendar in force on `d` (itself when it has no changes).
    public func inForce(on d: CivilDate) -> WorkCalendar {
        guard let c = changes.last(where: { $0.from <= d }) else {
            if changes.isEmpty { return self }
            var base = self
            base.changes = []
            return base
        }
        return c.calendar
    }

    /// Mon-Fri, 09:00-18:00, UTC: the calendar of a team that has none.
    public static let standard = WorkCalendar(timeZone: "UTC", workdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
                                              startMinute: 9 * 60, endMinute: 18 * 60)

    public init(timeZone: String, workdays: Set<Weekday>, startMinute: Int, endMinute: Int,
                holidays: [String: String] = [:], makeUpDays: [String: String] = [:]) {
        self.timeZone = timeZone
        self.workdays = workdays
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.holidays = holidays
        self.makeUpDays = makeUpDays
    }

    public func isWorkingDay(_ d: CivilDate) -> Bool {
        if !changes.isEmpty { return inForce(on: d).isWorkingDay(d) }
        let key = d.description
        if makeUpDays[key] != nil { return true }
        if holidays[key] != nil { return false }
        return workdays.contains(d.weekday)
    }

    /// The first working day after `day` (within 400 days; else the day 400 days on).
    public func nextWorkingDay(after day: CivilDate) -> CivilDate {
        var d = day.adding(days: 1)
        for _ in 0..<400 where !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// Working minutes on `d`: the length of the working day, or 0 on a day off.
    public func workingMinutes(_ d: CivilDate) -> Int64 {
        if !changes.isEmpty { return inForce(on: d).workingMinutes(d) }
        return isWorkingDay(d) ? Int64(endMinute - startMinute) : 0
    }

    /// Parses `09:00-18:00` into minutes after midnight.
    public static func parseHours(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let a = Timestamp.clock(parts[0]), let b = Timestamp.clock(parts[1]), a.2 == 0, b.2 == 0 else {
            throw InputError("bad_hours", "'\(text)' is not a span of working hours. Write it like 09:00-18:00.")
        }
        let start = a.0 * 60 + a.1, end = b.0 * 60 + b.1
        guard end > start else { throw InputError("bad_hours", "The working day \(text) ends before it starts.", rule: true) }
        return (start, end)
    }
}
