/// The slip rules of DESIGN.md as pure functions of one subject's day targets and
/// actuals on one metric. Days are the local days of the subject's team calendar.
///
/// Non-working days and days with a zero target never slip; a week with no target
/// so far is never at risk.
public enum SlipRules {
    /// What a rule found; amounts are counts or minor units.
    public struct Finding: Sendable, Equatable {
        public var kind: Slip.Kind
        public var period: String
        public var start: CivilDate
        public var end: CivilDate
        public var target: Int64
        public var actual: Int64
        public var expected: Int64
        public var gap: Int64 { actual - expected }

        /// The `slip` payload for this finding.
        public func slip(metric: Metric, team: String, late: Bool) -> Slip {
            Slip(kind: kind, team: team, metric: metric, period: period, periodStart: start, periodEnd: end,
                 target: metric.decimal(target), actual: metric.decimal(actual), expected: metric.decimal(expected),
                 gap: metric.decimal(gap), late: late)
        }
    }

    /// The rules that run once working day `day` has closed: the daily slip, the
    /// weekly at-risk (while working days of the week remain) and, on the week's last
    /// working day, the weekly miss.
    public static func atClose(of day: CivilDate, calendar: WorkCalendar, target: (CivilDate) -> Int64,
                               actual: (CivilDate) -> Int64, thresholds: Progress.Thresholds) -> [Finding] {
        guard calendar.isWorkingDay(day) else { return [] }
        var out: [Finding] = []
        let dayTarget = target(day), dayActual = actual(day)
        if dayTarget > 0, dayActual < dayTarget {
            out.append(Finding(kind: .dailySlip, period: day.description, start: day, end: day,
                               target: dayTarget, actual: dayActual, expected: dayTarget))
        }
        let (start, end) = Period.week.bounds(containing: day)
        let label = Period.week.label(containing: day)
        let week = Progress.compute(start: start, end: end, today: day, minuteOfDay: 24 * 60, workStart: calendar.startMinute,
                                    target: target, actual: actual, minutes: calendar.workingMinutes, thresholds: thresholds)
        var later = day.adding(days: 1)
        while later <= end, !calendar.isWorkingDay(later) { later = later.adding(days: 1) }
        let lastWorkingDay = later > end
        if lastWorkingDay {
            if week.target > 0, week.actual < week.target {
                out.append(Finding(kind: .weeklyMissed, period: label, start: start, end: end,
                                   target: week.target, actual: week.actual, expected: week.target))
            }
        } else if let pace = week.pace, pace < 1 - thresholds.tolerance {
            out.append(Finding(kind: .weeklyAtRisk, period: label, start: start, end: end,
                               target: week.target, actual: week.actual, expected: week.expected))
        }
        return out
    }

    /// Whether a subject at risk in the week containing `day` is back on track as of
    /// `minuteOfDay` (local minutes after midnight) on `day`.
    public static func recovery(on day: CivilDate, minuteOfDay: Int, calendar: WorkCalendar, target: (CivilDate) -> Int64,
                                actual: (CivilDate) -> Int64, thresholds: Progress.Thresholds) -> Finding? {
        let (start, end) = Period.week.bounds(containing: day)
        let week = Progress.compute(start: start, end: end, today: day, minuteOfDay: minuteOfDay, workStart: calendar.startMinute,
                                    target: target, actual: actual, minutes: calendar.workingMinutes, thresholds: thresholds)
        guard week.status == .onTrack || week.status == .met, week.pace != nil || week.status == .met else { return nil }
        return Finding(kind: .recovered, period: Period.week.label(containing: day), start: start, end: end,
                       target: week.target, actual: week.actual, expected: week.expected)
    }
}
