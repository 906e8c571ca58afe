/// Breaks a yearly target into months by a profile and months into working days by
/// working time, with exact integer arithmetic (largest remainder) at each step.
public enum Decomposer {
    /// Decomposes `total` over `year`.
    ///
    /// - Parameter lastYear: monthly actuals of the previous year, for `.lastYear`.
    /// - Returns: the plan, and a warning when the profile had to fall back to `workdays`.
    public static func decompose(total: Int64, year: Int, calendar: WorkCalendar, profile: TargetProfile,
                                 lastYear: [Int64]? = nil) throws -> (plan: YearPlan, warning: String?) {
        try decompose(total: total, workYear: WorkYear(year: year, calendar: calendar), profile: profile, lastYear: lastYear)
    }

    /// Like ``decompose(total:year:calendar:profile:lastYear:)`` on a precomputed work year.
    public static func decompose(total: Int64, workYear: WorkYear, profile: TargetProfile,
                                 lastYear: [Int64]? = nil) throws -> (plan: YearPlan, warning: String?) {
        let year = workYear.year
        let minutes = workYear.minutes
        let monthMinutes = workYear.monthRanges.map { minutes[$0].reduce(0, +) }
        guard total == 0 || monthMinutes.contains(where: { $0 > 0 }) else {
            throw InputError("no_working_days", "The calendar has no working days in \(year); a target of \(total) has nowhere to go.")
        }
        var warning: String?
        var effective = profile
        if case .lastYear = profile {
            if let actuals = lastYear, actuals.count == 12, actuals.contains(where: { $0 > 0 }) {
                effective = .months(actuals.map { max(0, $0) })
            } else {
                warning = "No actuals in \(year - 1) to shape the target like last year; it follows working days instead (profile workdays)."
                effective = .workdays
            }
        }
        // A month or quarter the profile weighs but that has no working day: its share goes
        // to the others in proportion to their weights, and the warning says so.
        let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        var dropped: [String] = []
        switch effective {
        case .months(let w):
            dropped = (0..<12).filter { w[$0] > 0 && monthMinutes[$0] == 0 }.map { "\(monthNames[$0]) (weight \(w[$0]))" }
        case .quarters(let q):
            dropped = (0..<4).filter { i in q[i] > 0 && monthMinutes[i * 3..<i * 3 + 3].reduce(0, +) == 0 }.map { "Q\($0 + 1) (weight \(q[$0]))" }
        default:
            break
        }
        if !dropped.isEmpty {
            let note = "The profile gives weight to \(dropped.joined(separator: ", ")) of \(year), which has no working days; "
                + "that share went to the other \(dropped.first!.hasPrefix("Q") ? "quarters" : "months") in proportion to their weights."
            warning = warning.map { $0 + " " + note } ?? note
        }
        let monthTotals: [Int64]
        switch effective {
        case .quarters(let q):
            let quarterMinutes = (0..<4).map { monthMinutes[$0 * 3..<$0 * 3 + 3].reduce(0, +) }
            let qWeights = (0..<4).map { quarterMinutes[$0] > 0 ? q[$0] : 0 }
            guard let quarterTotals = Allocation.largestRemainder(total, weights: qWeights) else {
                throw InputError("bad_profile", "The quarters given weight in '\(profile)' have no working days in \(year).")
            }
            monthTotals = try (0..<4).flatMap { i -> [Int64] in
                guard let split = Allocation.largestRemainder(quarterTotals[i], weights: Array(monthMinutes[i * 3..<i * 3 + 3])) else {
                    throw InputError("bad_profile", "Quarter \(i + 1) of \(year) has no working days.")
                }
                return split
            }
        default:
            let weights: [Int64] = (0..<12).map { m in
                guard monthMinutes[m] > 0 else { return 0 }
                switch effective {
                case .even: return 1
                case .months(let w): return w[m]
                default: return monthMinutes[m]
                }
            }
            guard let split = Allocation.largestRemainder(total, weights: weights) else {
                throw InputError("bad_profile", "The months given weight in '\(profile)' have no working days in \(year).")
            }
            monthTotals = split
        }
        var daily = [Int64](repeating: 0, count: minutes.count)
        for (m, range) in workYear.monthRanges.enumerated() {
            if let parts = Allocation.largestRemainder(monthTotals[m], weights: Array(minutes[range])) {
                daily.replaceSubrange(range, with: parts)
            }
        }
        return (YearPlan(daily: daily, workYear: workYear), warning)
    }

    /// A change of the yearly total that takes effect on `from`: days before it keep
    /// their targets in `previous`; the new total minus what they carry is spread over
    /// the remaining working days by `profile`, weighted by the share of each month
    /// that remains.
    public static func change(_ previous: YearPlan, newTotal: Int64, from: CivilDate, calendar: WorkCalendar,
                              profile: TargetProfile, lastYear: [Int64]? = nil) throws -> (plan: YearPlan, warning: String?) {
        guard from.year == previous.year else {
            throw InputError("bad_from", "--from \(from) is not in \(previous.year), the target's year.")
        }
        let cut = previous.days.firstIndex(of: from)!
        let carried = previous.daily[..<cut].saturatingSum()
        guard newTotal >= carried else {
            throw InputError("bad_from", "The days before \(from) already carry \(carried); the new total \(newTotal) is less. Choose an earlier --from or a larger total.")
        }
        // The shape for the whole year by the profile, then scaled to the rest of the year.
        let (shape, warning) = try decompose(total: 1_000_000_000, year: previous.year, calendar: calendar, profile: profile, lastYear: lastYear)
        let weights = shape.daily.enumerated().map { $0.offset < cut ? 0 : $0.element }
        guard let rest = Allocation.largestRemainder(newTotal - carried, weights: weights) else {
            throw InputError("no_working_days", "There are no working days from \(from) to the end of \(previous.year) to carry the change.")
        }
        let daily = (0..<previous.days.count).map { $0 < cut ? previous.daily[$0] : rest[$0] }
        return (YearPlan(year: previous.year, daily: daily, calendar: calendar), warning)
    }
}
