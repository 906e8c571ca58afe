import PaceCore
import PropertyBased
import Testing

/// Figures near the limits of Int64: no sum, product or conversion traps, and every
/// figure is the exact 128-bit value, clamped to Int64.
struct OverflowPropertyTests {
    /// Daily amounts from small to many times the largest event (10^14 minor units).
    static let amount = Gen.int64(in: 0...Int64.max / 4)

    @Test func progressNeverTrapsAndClampsExactFigures() async {
        await propertyCheck(count: 300, input: Self.amount.array(of: 1...40), Self.amount.array(of: 1...40), Gen.int(in: 0...45), Gen.int(in: 0...1500)) {
            actuals, targets, todayOffset, minute in
            let start = CivilDate(year: 2026, month: 3, day: 1)
            let end = start.adding(days: max(actuals.count, targets.count) - 1)
            let today = start.adding(days: todayOffset)
            func index(_ d: CivilDate) -> Int { Int(d.daysSinceEpoch - start.daysSinceEpoch) }
            func target(_ d: CivilDate) -> Int64 { targets.indices.contains(index(d)) ? targets[index(d)] : 0 }
            func actual(_ d: CivilDate) -> Int64 { actuals.indices.contains(index(d)) ? actuals[index(d)] : 0 }
            let p = Progress.compute(start: start, end: end, today: today, minuteOfDay: minute, workStart: 540,
                                     target: target, actual: actual, minutes: { _ in 540 })
            // The reference, in 128 bits.
            var t: Int128 = 0, a: Int128 = 0
            var d = start
            while d <= end {
                t += Int128(target(d))
                if d <= today { a += Int128(actual(d)) }
                d = d.adding(days: 1)
            }
            #expect(p.target == Int64(clamping: t))
            #expect(p.actual == Int64(clamping: a))
            #expect(p.remaining == Int64(clamping: max(0, t - a)))
            #expect(p.gap == Int64(clamping: a - Int128(p.expected)) || p.expected == Int64.max)
            if let f = p.forecast { #expect(f >= p.actual || p.actual == Int64.max) }
        }
    }

    @Test func saturatingSumsClampInsteadOfTrapping() async {
        await propertyCheck(count: 500, input: Gen.int64(in: Int64.min...Int64.max).array(of: 0...20)) { values in
            let exact = values.reduce(Int128(0)) { $0 + Int128($1) }
            #expect(values.saturatingSum() == Int64(clamping: exact))
            for v in values {
                #expect(Int64.max.adding(saturating: v) == Int64(clamping: Int128(Int64.max) + Int128(v)))
                #expect(Int64.min.subtracting(saturating: v) == Int64(clamping: Int128(Int64.min) - Int128(v)))
            }
        }
    }

    @Test func theLargestOrderTimesManyIsShownNotTrapped() {
        // 354 orders of the largest amount on the first day of a 261-working-day year:
        // the run rate exceeds Int64 and is shown at its largest value.
        let start = CivilDate(year: 2026, month: 1, day: 1), end = CivilDate(year: 2026, month: 12, day: 31)
        let cal = WorkCalendar.standard
        let p = Progress.compute(start: start, end: end, today: start, minuteOfDay: 24 * 60, workStart: cal.startMinute,
                                 target: { _ in 1 }, actual: { $0 == start ? 354 * Money.maximum.minorUnits : 0 },
                                 minutes: cal.workingMinutes)
        #expect(p.actual == 35_400_000_000_000_000)
        #expect(p.forecast == Int64.max)
    }
}
