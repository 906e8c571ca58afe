import PaceCore
import Testing

/// The slip rules on a hand-made week: Mon-Fri 09:00-18:00, Wednesday 2027-03-03 a
/// holiday, 10 a working day (40 for the week), tolerance 0.05.
struct SlipRulesTests {
    var cal: WorkCalendar {
        var c = WorkCalendar.standard
        c.holidays["2027-03-03"] = "holiday"
        return c
    }

    func day(_ d: Int) -> CivilDate { CivilDate(year: 2027, month: 3, day: d) }

    func close(_ d: Int, actuals: [Int: Int64], target: Int64 = 10) -> [SlipRules.Finding] {
        let cal = self.cal
        return SlipRules.atClose(of: day(d), calendar: cal, target: { cal.isWorkingDay($0) ? target : 0 },
                                 actual: { actuals[$0.day] ?? 0 }, thresholds: .init())
    }

    @Test func aShortDayIsADailySlipAndPutsTheWeekAtRisk() {
        let f = close(1, actuals: [1: 7])
        #expect(f.map(\.kind) == [.dailySlip, .weeklyAtRisk])
        #expect((f[0].target, f[0].actual, f[0].expected, f[0].gap, f[0].period) == (10, 7, 10, -3, "2027-03-01"))
        #expect((f[1].target, f[1].actual, f[1].expected, f[1].period) == (40, 7, 10, "2027-W09"))
        #expect(f[1].start == day(1) && f[1].end == day(7))
    }

    @Test func withinToleranceTheWeekIsNotAtRisk() {
        // 19 of 20 by Tuesday: pace 0.95, on track, though Tuesday itself slipped.
        #expect(close(2, actuals: [1: 10, 2: 9]).map(\.kind) == [.dailySlip])
    }

    @Test func holidaysWeekendsAndZeroTargetsNeverSlip() {
        #expect(close(3, actuals: [:]).isEmpty)             // the holiday
        #expect(close(6, actuals: [:]).isEmpty)             // Saturday
        #expect(close(1, actuals: [:], target: 0).isEmpty)  // no target
    }

    @Test func theLastWorkingDayMissesTheWeekInsteadOfRisk() {
        let f = close(5, actuals: [1: 10, 2: 10, 4: 10, 5: 5])
        #expect(f.map(\.kind) == [.dailySlip, .weeklyMissed])
        #expect((f[1].target, f[1].actual, f[1].expected, f[1].gap) == (40, 35, 40, -5))
        #expect(close(5, actuals: [1: 10, 2: 10, 4: 10, 5: 10]).isEmpty)
    }

    @Test func recoveryNeedsTheWeekBackWithinTolerance() {
        let cal = self.cal
        func recovery(_ actuals: [Int: Int64], minute: Int) -> SlipRules.Finding? {
            SlipRules.recovery(on: day(2), minuteOfDay: minute, calendar: cal, target: { cal.isWorkingDay($0) ? 10 : 0 },
                               actual: { actuals[$0.day] ?? 0 }, thresholds: .init())
        }
        // Tuesday 13:30: expected 10 + 5 = 15.
        #expect(recovery([1: 4, 2: 10], minute: 13 * 60 + 30) == nil)        // 14 of 15 = 0.933
        let back = recovery([1: 4, 2: 11], minute: 13 * 60 + 30)             // 15 of 15
        #expect(back?.kind == .recovered && back?.expected == 15 && back?.actual == 15 && back?.period == "2027-W09")
    }
}
