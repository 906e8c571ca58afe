import PaceCore
import Testing

/// Hand-checked decompositions.
struct DecompositionTableTests {
    @Test func isoWeeksAndWeekdaysOfKnownDates() {
        #expect(CivilDate(year: 2026, month: 11, day: 29).weekday == .sunday)
        #expect(CivilDate(year: 2027, month: 1, day: 1).weekday == .friday)
        #expect(CivilDate(year: 2027, month: 1, day: 1).isoWeek == (2026, 53))
        #expect(CivilDate(year: 2026, month: 12, day: 31).isoWeek == (2026, 53))
        #expect(CivilDate(year: 2025, month: 12, day: 29).isoWeek == (2026, 1))
        #expect(CivilDate(year: 2027, month: 1, day: 4).isoWeek == (2027, 1))
        #expect(CivilDate(year: 2028, month: 2, day: 29).dayOfYear == 60)
    }

    /// 2027, Mon-Fri, no holidays: 261 working days. January has 21, February 20.
    @Test func workdaysProfileFollowsWorkingDays() throws {
        let (plan, warning) = try Decomposer.decompose(total: 261_000, year: 2027, calendar: .standard, profile: .workdays)
        #expect(warning == nil)
        let months = plan.rows(by: .month)
        #expect(months.map(\.workingDays) == [21, 20, 23, 22, 21, 22, 22, 22, 22, 21, 22, 23])
        // 261,000 over 261 working days: exactly 1,000 a working day.
        #expect(months.map(\.target) == [21, 20, 23, 22, 21, 22, 22, 22, 22, 21, 22, 23].map { Int64($0) * 1000 })
        #expect(plan.target(on: CivilDate(year: 2027, month: 1, day: 1)) == 1000)
        #expect(plan.target(on: CivilDate(year: 2027, month: 1, day: 2)) == 0)
        // Week 2026-W53 holds only Jan 1 of 2027 (a Friday): cut at the year's start.
        let weeks = plan.rows(by: .week)
        #expect(weeks.first?.label == "2026-W53" && weeks.first?.target == 1000 && weeks.first?.workingDays == 1)
        #expect(weeks.count == 53)
    }

    /// 100 over 3 equal working days: 34, 33, 33 (the extra unit to the earliest).
    @Test func largestRemainderTieGoesToTheEarliest() {
        #expect(Allocation.largestRemainder(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(Allocation.largestRemainder(5, weights: [0, 2, 0, 3]) == [0, 2, 0, 3])
        #expect(Allocation.largestRemainder(7, weights: [0, 0]) == nil)
        #expect(Allocation.largestRemainder(0, weights: [0, 0]) == [0, 0])
    }

    /// Leap year 2028, even profile: 1,200 is 100 a month; February's 100 over its 21 working days.
    @Test func evenProfileInALeapYear() throws {
        let (plan, _) = try Decomposer.decompose(total: 1200, year: 2028, calendar: .standard, profile: .even)
        #expect(plan.days.count == 366)
        #expect(plan.rows(by: .month).allSatisfy { $0.target == 100 })
        let feb = plan.rows(by: .day).filter { $0.start.month == 2 }
        #expect(feb.count == 29)
        #expect(feb.filter { $0.workingDays == 1 }.count == 21)
        // 100 / 21 = 4 rest 16: the first 16 working days get 5, the other 5 get 4.
        #expect(feb.filter { $0.workingDays == 1 }.map(\.target) == Array(repeating: 5, count: 16) + Array(repeating: 4, count: 5))
        #expect(plan.target(on: CivilDate(year: 2028, month: 2, day: 29)) == 4)
    }

    /// Quarters 20/25/25/30 of 1,000: exactly 200, 250, 250, 300.
    @Test func quartersProfileIsExactPerQuarter() throws {
        let (plan, _) = try Decomposer.decompose(total: 1000, year: 2027, calendar: .standard, profile: .quarters([20, 25, 25, 30]))
        #expect(plan.rows(by: .quarter).map(\.target) == [200, 250, 250, 300])
    }

    /// Spring Festival 2027 in Shanghai: Feb 16-22 off (a Tue-Mon span with 5 working days),
    /// Feb 14 (Sunday) and Feb 27 (Saturday) worked. February keeps 20 - 5 + 2 = 17 working days:
    /// 8 in days 1-10, 4 in 11-20 (11, 12, 14, 15), 5 in 21-28 (23-26, 27).
    @Test func holidaysAndMakeUpDays() throws {
        var cal = WorkCalendar(timeZone: "Asia/Shanghai", workdays: WorkCalendar.standard.workdays, startMinute: 540, endMinute: 1080)
        var d = CivilDate(year: 2027, month: 2, day: 16)
        while d <= CivilDate(year: 2027, month: 2, day: 22) { cal.holidays[d.description] = "Spring Festival"; d = d.adding(days: 1) }
        cal.makeUpDays["2027-02-14"] = "make-up day"
        cal.makeUpDays["2027-02-27"] = "make-up day"
        let (plan, _) = try Decomposer.decompose(total: 1700, year: 2027, calendar: cal, profile: .months([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        let feb = plan.rows(by: .month)[1]
        #expect(feb.workingDays == 17 && feb.target == 1700)
        #expect(plan.target(on: CivilDate(year: 2027, month: 2, day: 14)) == 100)
        #expect(plan.target(on: CivilDate(year: 2027, month: 2, day: 17)) == 0)
        #expect(plan.rows(by: .third).filter { $0.start.month == 2 }.map(\.target) == [800, 400, 500])
    }

    /// 261,000 over 2027's 261 working days is 1,000 a day; raised to 390,000 from July 1.
    @Test func aChangeFromADateKeepsThePast() throws {
        let (plan, _) = try Decomposer.decompose(total: 261_000, year: 2027, calendar: .standard, profile: .workdays)
        // Jan-Jun 2027 have 21+20+23+22+21+22 = 129 working days, so they carry 129,000.
        let (changed, _) = try Decomposer.change(plan, newTotal: 390_000, from: CivilDate(year: 2027, month: 7, day: 1),
                                                  calendar: .standard, profile: .workdays)
        #expect(changed.rows(by: .quarter).map(\.target).prefix(2) == [64_000, 65_000])
        // The other 132 working days share 390,000 - 129,000 = 261,000: 1,977 or 1,978 each.
        let rest = changed.rows(by: .day).filter { $0.start.month >= 7 && $0.workingDays == 1 }
        #expect(rest.count == 132)
        #expect(rest.allSatisfy { $0.target == 1977 || $0.target == 1978 })
        #expect(changed.total == 390_000)
        #expect(throws: InputError.self) {
            try Decomposer.change(plan, newTotal: 100_000, from: CivilDate(year: 2027, month: 7, day: 1), calendar: .standard, profile: .workdays)
        }
    }

    @Test func profilesAndMetricsParse() throws {
        #expect(try TargetProfile(parsing: "months:8,8,9,8,8,8,8,8,8,9,9,9") == .months([8, 8, 9, 8, 8, 8, 8, 8, 8, 9, 9, 9]))
        #expect(try TargetProfile(parsing: "quarters:20,25,25,30") == .quarters([20, 25, 25, 30]))
        #expect(throws: InputError.self) { try TargetProfile(parsing: "quarters:20,25,25") }
        #expect(throws: InputError.self) { try TargetProfile(parsing: "months:0,0,0,0,0,0,0,0,0,0,0,0") }
        #expect(try Metric(parsing: "revenue:widget") == .revenueOf("widget"))
        #expect(try Metric(parsing: "visits.new") == .visitsNew)
        #expect(throws: InputError.self) { try Metric(parsing: "hugs") }
        #expect(try Weekday.parseSet("Sun-Thu") == [.sunday, .monday, .tuesday, .wednesday, .thursday])
        #expect(try WorkCalendar.parseHours("09:00-18:00") == (540, 1080))
    }
}
