/// A roll-up: the progress of a whole made of parts that each keep their own calendar,
/// zone and "now" (the company over its teams). Every figure is the sum of the parts'
/// figures, each measured in its own calendar.
extension Progress {
    /// - Parameters:
    ///   - parts: each part's progress over the same period.
    ///   - remainingDays: the days on which some part still has working time left
    ///     (their union, not the sum): what the need per day is spread over.
    ///   - over: whether the period has ended for every part.
    public static func rollUp(_ parts: [Progress], start: CivilDate, end: CivilDate, remainingDays: Int, over: Bool,
                              thresholds: Thresholds = Thresholds()) -> Progress {
        func sum(_ f: (Progress) -> Int64) -> Int128 { parts.reduce(Int128(0)) { $0 + Int128(f($1)) } }
        let t = sum(\.target), a = sum(\.actual), expected = sum(\.expected)
        let remaining = max(0, t - a)
        let required: Int128? = remainingDays > 0 ? (remaining + Int128(remainingDays) - 1) / Int128(remainingDays) : nil
        // Each part's own run rate (its actual where it has none yet).
        let forecast = parts.allSatisfy { $0.forecast == nil } ? nil : sum { $0.forecast ?? $0.actual }
        let pace: Double? = expected > 0 ? Double(a) / Double(expected) : nil
        let status: Status
        if t == 0 && a == 0 { status = .noTarget }
        else if a >= t { status = .met }
        else if over { status = .missed }
        else if let pace { status = pace >= 1 - thresholds.tolerance ? .onTrack : pace >= thresholds.behind ? .atRisk : .behind }
        else { status = .onTrack }
        return Progress(start: start, end: end, target: Int64(clamping: t), actual: Int64(clamping: a), expected: Int64(clamping: expected),
                        pace: pace, gap: Int64(clamping: a - expected), remaining: Int64(clamping: remaining), remainingDays: remainingDays,
                        requiredPerDay: required.map { Int64(clamping: $0) }, forecast: forecast.map { Int64(clamping: $0) }, status: status)
    }

    /// The working days of [start, end] not yet over at (`today`, `minuteOfDay`) under
    /// `minutes` and `workStart`: the same days ``compute`` counts in `remainingDays`.
    public static func remainingWorkingDays(start: CivilDate, end: CivilDate, today: CivilDate, minuteOfDay: Int, workStart: Int,
                                            minutes: (CivilDate) -> Int64) -> [CivilDate] {
        var out: [CivilDate] = []
        var d = max(start, today)
        while d <= end {
            let m = minutes(d)
            if m > 0 && (d > today || Int64(max(minuteOfDay - workStart, 0)) < m) { out.append(d) }
            d = d.adding(days: 1)
        }
        return out
    }
}
