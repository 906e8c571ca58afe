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

/// Messages write amounts in the one money format of every table: 1,000.00.
struct SlipMessageTests {
    @Test func moneyIsGroupedAsEverywhereElse() {
        let day = CivilDate(year: 2026, month: 12, day: 1)
        let slip = Slip(kind: .dailySlip, team: "east", metric: .revenue, period: "2026-12-01", periodStart: day, periodEnd: day,
                        target: "1000.00", actual: "250.50", expected: "1000.00", gap: "-749.50", late: false)
        #expect(slip.message(subject: "alice") == "alice is behind on revenue for Tue 2026-12-01: 250.50 of 1,000.00 (-749.50)")
        let big = Slip(kind: .weeklyMissed, team: "east", metric: .payments, period: "2026-W49", periodStart: day, periodEnd: day.adding(days: 6),
                       target: "1234567.00", actual: "0.00", expected: "1234567.00", gap: "-1234567.00", late: true)
        #expect(big.message(subject: "team:east")
            == "team east missed the payments target for 2026-W49: 0.00 of 1,234,567.00 (-1,234,567.00) [checked late: paced was down at the time]")
        let count = Slip(kind: .dailySlip, team: "east", metric: .calls, period: "2026-12-01", periodStart: day, periodEnd: day,
                         target: "1000", actual: "3", expected: "1000", gap: "-997", late: false)
        #expect(count.message(subject: "bob") == "bob is behind on calls for Tue 2026-12-01: 3 of 1000 (-997)")
    }

    @Test(arguments: [("0.00", "0.00"), ("999.99", "999.99"), ("1000.00", "1,000.00"), ("-12000.50", "-12,000.50"),
                      ("92233720368547758.07", "92,233,720,368,547,758.07")])
    func display(wire: String, shown: String) {
        #expect(Metric.revenue.display(wire) == shown)
    }
}
