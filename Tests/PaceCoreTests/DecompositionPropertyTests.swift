import PaceCore
import PropertyBased
import Testing

/// Properties of the decomposition that must hold for every amount, profile,
/// calendar and year: exact sums at every level, nothing negative, 0 on days off.
struct DecompositionPropertyTests {
    static let profiles: [TargetProfile] = [
        .workdays, .even, .months([8, 8, 9, 8, 8, 8, 8, 8, 8, 9, 9, 9]), .quarters([20, 25, 25, 30]),
        .months([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5]), .quarters([0, 1, 0, 0]),
    ]

    /// A calendar with the given working weekdays (as a bit set), and some holidays and make-up days.
    static func calendar(year: Int, weekdayBits: Int, holidaySeed: Int) -> WorkCalendar {
        let days = Set(Weekday.allCases.filter { weekdayBits & (1 << ($0.rawValue - 1)) != 0 })
        var cal = WorkCalendar(timeZone: "Asia/Shanghai", workdays: days.isEmpty ? [.monday] : days, startMinute: 540, endMinute: 1080)
        var d = CivilDate(year: year, month: 1, day: 1).adding(days: holidaySeed % 17)
        while d.year == year {
            if d.day % 3 == 0 { cal.holidays[d.description] = "holiday" } else { cal.makeUpDays[d.description] = "make-up day" }
            d = d.adding(days: 19 + holidaySeed % 23)
        }
        return cal
    }

    @Test func largestRemainderIsExactAndFair() async {
        await propertyCheck(count: 300, input: Gen.int64(in: 0...100_000_000_000_000), Gen.int64(in: 0...1_000_000).array(of: 1...40)) { total, raw in
            let weights = raw.allSatisfy { $0 == 0 } ? raw + [1] : raw
            guard let parts = Allocation.largestRemainder(total, weights: weights) else {
                Issue.record("no allocation")
                return
            }
            #expect(parts.reduce(0, +) == total)
            let sum = weights.reduce(0, +)
            for (p, w) in zip(parts, weights) {
                #expect(p >= 0)
                if w == 0 { #expect(p == 0) }
                let exactTimesSum = Int128(total) * Int128(w)
                #expect(Int128(p) * Int128(sum) <= exactTimesSum + Int128(sum))
                #expect(Int128(p) * Int128(sum) >= exactTimesSum - Int128(sum))
            }
        }
    }

    @Test func everyLevelAddsUpExactlyAndDaysOffGetNothing() async throws {
        await propertyCheck(count: 120, input: Gen.int64(in: 0...100_000_000_000_000), Gen.int(in: 2000...2040),
                            Gen.int(in: 1...127), Gen.int(in: 0...1000), Gen.element(of: Self.profiles)) { total, year, bits, seed, profile in
            let cal = Self.calendar(year: year, weekdayBits: bits, holidaySeed: seed)
            guard let (plan, _) = try? Decomposer.decompose(total: total, year: year, calendar: cal, profile: profile!) else {
                return  // a profile whose weighted months have no working days is refused, as it must be
            }
            #expect(plan.total == total)
            #expect(plan.daily.allSatisfy { $0 >= 0 })
            for (d, t) in zip(plan.days, plan.daily) where !cal.isWorkingDay(d) { #expect(t == 0) }
            for grain in YearPlan.Grain.allCases {
                #expect(plan.rows(by: grain).reduce(0) { $0 + $1.target } == total, "\(grain)")
            }
            let months = plan.rows(by: .month), quarters = plan.rows(by: .quarter), thirds = plan.rows(by: .third)
            #expect(quarters.count == 4 && months.count == 12 && thirds.count == 36)
            for q in 0..<4 { #expect(quarters[q].target == months[q * 3..<q * 3 + 3].reduce(0) { $0 + $1.target }) }
            for m in 0..<12 { #expect(months[m].target == thirds[m * 3..<m * 3 + 3].reduce(0) { $0 + $1.target }) }
            // Idempotent: decomposing again gives the same days.
            let again = try? Decomposer.decompose(total: plan.total, year: year, calendar: cal, profile: profile!)
            #expect(again?.plan == plan)
        }
    }

    @Test func aChangeKeepsPastDaysAndReachesTheNewTotal() async {
        await propertyCheck(count: 120, input: Gen.int64(in: 0...1_000_000_000), Gen.int64(in: 0...1_000_000_000),
                            Gen.int(in: 0...364), Gen.int(in: 1...127), Gen.element(of: Self.profiles)) { first, second, offset, bits, profile in
            let year = 2027
            let cal = Self.calendar(year: year, weekdayBits: bits, holidaySeed: offset)
            guard let (plan, _) = try? Decomposer.decompose(total: first, year: year, calendar: cal, profile: .workdays) else { return }
            let from = CivilDate(year: year, month: 1, day: 1).adding(days: offset)
            let carried = plan.daily[..<offset].reduce(0, +)
            do {
                let (changed, _) = try Decomposer.change(plan, newTotal: second, from: from, calendar: cal, profile: profile!)
                #expect(changed.total == second)
                #expect(Array(changed.daily[..<offset]) == Array(plan.daily[..<offset]))
                #expect(changed.daily.allSatisfy { $0 >= 0 })
                for (d, t) in zip(changed.days, changed.daily) where !cal.isWorkingDay(d) { #expect(t == 0) }
            } catch let e as InputError {
                // Refused only when the past already carries more, or nothing is left to carry it.
                #expect(second < carried || e.code == "no_working_days" || e.code == "bad_profile", "\(e)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
