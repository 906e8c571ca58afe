import PaceCore
import Testing

/// A hand-computed week: Mon-Fri 09:00-18:00 (540 working minutes a day), Wednesday
/// 2027-03-03 a holiday, a target of 10 calls a working day. Calls: Mon 12, Tue 8,
/// Thu 3 by 13:30; by 18:30 Thu has 12 logged and one of them voided, so 11.
struct ProgressTests {
    var cal: WorkCalendar {
        var c = WorkCalendar.standard
        c.holidays["2027-03-03"] = "holiday"
        return c
    }

    func day(_ d: Int) -> CivilDate { CivilDate(year: 2027, month: 3, day: d) }

    func progress(_ period: Period, at today: CivilDate, minute: Int, actuals: [Int: Int64]) -> Progress {
        let (start, end) = period.bounds(containing: today)
        let cal = self.cal
        return Progress.compute(start: start, end: end, today: today, minuteOfDay: minute, workStart: 540,
                                target: { cal.isWorkingDay($0) ? 10 : 0 },
                                actual: { $0.year == 2027 && $0.month == 3 ? actuals[$0.day] ?? 0 : 0 },
                                minutes: cal.workingMinutes)
    }

    @Test func thursdayAtHalfPastOne() {
        let actuals: [Int: Int64] = [1: 12, 2: 8, 4: 3]
        // Day: half of today's 540 minutes are gone (13:30 - 09:00 = 270), so 5 of 10 are expected.
        let d = progress(.day, at: day(4), minute: 13 * 60 + 30, actuals: actuals)
        #expect((d.target, d.actual, d.expected, d.gap, d.remaining) == (10, 3, 5, -2, 7))
        #expect(d.pace == 0.6)                 // 3 / 5
        #expect(d.remainingDays == 1 && d.requiredPerDay == 7)
        #expect(d.forecast == 6)               // 3 x 540 / 270
        #expect(d.status == .behind)           // 0.6 < 0.8

        // Week W09: working days Mon, Tue, Thu, Fri (Wed is the holiday): target 40.
        // Expected 10 + 10 + 5 = 25; actual 12 + 8 + 3 = 23; pace 0.92: at risk.
        let w = progress(.week, at: day(4), minute: 13 * 60 + 30, actuals: actuals)
        #expect((w.target, w.actual, w.expected, w.gap, w.remaining) == (40, 23, 25, -2, 17))
        #expect(w.status == .atRisk)
        #expect(w.remainingDays == 2 && w.requiredPerDay == 9)   // Thu and Fri: ceil(17 / 2)
        #expect(w.forecast == 37)                               // 23 x 2160 / 1350 = 36.8

        // March: 23 weekdays - 1 holiday = 22 working days, target 220. 20 working days left
        // (Thu 4 to Wed 31): ceil(197 / 20) = 10 a day. Forecast 23 x 11880 / 1350 = 202.4.
        let m = progress(.month, at: day(4), minute: 13 * 60 + 30, actuals: actuals)
        #expect((m.target, m.actual, m.expected, m.remaining) == (220, 23, 25, 197))
        #expect(m.remainingDays == 20 && m.requiredPerDay == 10)
        #expect(m.forecast == 202)
        #expect(m.status == .atRisk)
    }

    @Test func thursdayEveningAfterAVoid() {
        let actuals: [Int: Int64] = [1: 12, 2: 8, 4: 11]
        let d = progress(.day, at: day(4), minute: 18 * 60 + 30, actuals: actuals)
        #expect((d.target, d.actual, d.expected, d.remaining, d.remainingDays) == (10, 11, 10, 0, 0))
        #expect(d.requiredPerDay == nil && d.forecast == 11)
        #expect(d.status == .met)

        // Week: expected 30 (three full working days), actual 31: on track; Friday alone is left.
        let w = progress(.week, at: day(4), minute: 18 * 60 + 30, actuals: actuals)
        #expect((w.target, w.actual, w.expected, w.gap, w.remaining) == (40, 31, 30, 1, 9))
        #expect(w.status == .onTrack && w.remainingDays == 1 && w.requiredPerDay == 9)
        #expect(w.forecast == 41)              // 31 x 2160 / 1620 = 41.3

        // As of the next Monday, the week is over with 36 of 40: missed.
        let over = progress(.week, at: day(4), minute: 18 * 60 + 30, actuals: actuals.merging([5: 5]) { $1 })
        let monday = Progress.compute(start: over.start, end: over.end, today: day(8), minuteOfDay: 600, workStart: 540,
                                      target: { self.cal.isWorkingDay($0) ? 10 : 0 },
                                      actual: { [1: 12, 2: 8, 4: 11, 5: 5][$0.day] ?? 0 }, minutes: cal.workingMinutes)
        #expect((monday.actual, monday.expected, monday.status) == (36, 40, .missed))
    }

    @Test func periodBoundsIncludingWeek53AndThirds() {
        #expect(Period.week.bounds(containing: CivilDate(year: 2027, month: 1, day: 1)) == (CivilDate(year: 2026, month: 12, day: 28), CivilDate(year: 2027, month: 1, day: 3)))
        #expect(Period.week.label(containing: CivilDate(year: 2027, month: 1, day: 1)) == "2026-W53")
        #expect(Period.third.bounds(containing: CivilDate(year: 2028, month: 2, day: 25)) == (CivilDate(year: 2028, month: 2, day: 21), CivilDate(year: 2028, month: 2, day: 29)))
        #expect(Period.third.bounds(containing: CivilDate(year: 2027, month: 2, day: 11)) == (CivilDate(year: 2027, month: 2, day: 11), CivilDate(year: 2027, month: 2, day: 20)))
        #expect(Period.rolling(7).bounds(containing: CivilDate(year: 2027, month: 3, day: 7)).start == CivilDate(year: 2027, month: 3, day: 1))
    }
}
