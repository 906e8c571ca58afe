/// Where a subject stands on one metric over one period, as of a moment.
///
/// Amounts are counts or minor units. `expected` is what should be done by now:
/// the targets of the period's working days before today, plus today's target times
/// the elapsed share of today's working hours.
public struct Progress: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case met, onTrack = "on_track", atRisk = "at_risk", behind, missed
        /// Nothing to do and nothing done: a target of 0 with nothing logged. Said the same
        /// way everywhere (progress, reviews, the dashboard to come).
        case noTarget = "no_target"
    }

    /// How far behind counts as what, per deployment.
    public struct Thresholds: Sendable, Equatable {
        /// Pace at or above 1 - tolerance is on track.
        public var tolerance: Double = 0.05
        /// Pace below this is behind; between it and 1 - tolerance, at risk.
        public var behind: Double = 0.8
        public init() {}
        public init(tolerance: Double, behind: Double) {
            self.tolerance = tolerance
            self.behind = behind
        }
    }

    public var start: CivilDate
    public var end: CivilDate
    public var target: Int64
    public var actual: Int64
    public var expected: Int64
    /// actual / expected; nil while nothing is expected yet.
    public var pace: Double?
    /// actual - expected.
    public var gap: Int64
    /// What is left: target - actual, never below 0.
    public var remaining: Int64
    /// Working days left in the period, today included while its working hours last.
    public var remainingDays: Int
    /// remaining / remainingDays, rounded up; nil when no working day is left.
    public var requiredPerDay: Int64?
    /// actual / (share of the period's working time elapsed); nil before any has elapsed.
    public var forecast: Int64?
    public var status: Status

    /// - Parameters:
    ///   - target: the target of each day (0 on days off; any day, any year).
    ///   - actual: the actual of each day.
    ///   - minutes: the working minutes of each day.
    ///   - today: the local day of `now`, and `minuteOfDay` the local time in minutes.
    ///   - workStart: start of the working day, minutes after midnight.
    public static func compute(start: CivilDate, end: CivilDate, today: CivilDate, minuteOfDay: Int, workStart: Int,
                               target: (CivilDate) -> Int64, actual: (CivilDate) -> Int64, minutes: (CivilDate) -> Int64,
                               thresholds: Thresholds = Thresholds()) -> Progress {
        // Sums and products in 128 bits: days of up to Int64.max each cannot overflow
        // them. Figures are clamped to Int64 at the end (no real figure comes near).
        var t: Int128 = 0, a: Int128 = 0, expected: Int128 = 0
        var totalMinutes: Int64 = 0, elapsedMinutes: Int64 = 0
        var remainingDays = 0
        var d = start
        while d <= end {
            let dayTarget = Int128(target(d)), dayMinutes = minutes(d)
            t += dayTarget
            totalMinutes += dayMinutes
            if d < today {
                a += Int128(actual(d))
                expected += dayTarget
                elapsedMinutes += dayMinutes
            } else if d == today {
                a += Int128(actual(d))
                // Today's share: its target times the elapsed part of its working hours (floor).
                let done = min(max(Int64(minuteOfDay - workStart), 0), dayMinutes)
                expected += dayMinutes > 0 ? dayTarget * Int128(done) / Int128(dayMinutes) : dayTarget
                elapsedMinutes += done
                if dayMinutes > 0 && done < dayMinutes { remainingDays += 1 }
            } else if dayMinutes > 0 {
                remainingDays += 1
            }
            d = d.adding(days: 1)
        }
        // Over once the last day has ended (`--at` the last day asks as of its end).
        let over = today > end || (today == end && minuteOfDay >= 24 * 60)
        if over { expected = t }
        let pace: Double? = expected > 0 ? Double(a) / Double(expected) : nil
        let remaining = max(0, t - a)
        let required: Int128? = remainingDays > 0 ? (remaining + Int128(remainingDays) - 1) / Int128(remainingDays) : nil
        // Run rate: actual per elapsed working minute times all the period's minutes, rounded half up.
        let forecast: Int128? = over ? a : (elapsedMinutes > 0
            ? (2 * a * Int128(totalMinutes) + Int128(elapsedMinutes)) / (2 * Int128(elapsedMinutes)) : nil)
        let status: Status
        if t == 0 && a == 0 { status = .noTarget }
        else if a >= t { status = .met }
        else if over { status = a >= t ? .met : .missed }
        else if let pace {
            status = pace >= 1 - thresholds.tolerance ? .onTrack : pace >= thresholds.behind ? .atRisk : .behind
        } else { status = .onTrack }
        return Progress(start: start, end: end, target: Int64(clamping: t), actual: Int64(clamping: a), expected: Int64(clamping: expected),
                        pace: pace, gap: Int64(clamping: a - expected), remaining: Int64(clamping: remaining), remainingDays: remainingDays,
                        requiredPerDay: required.map { Int64(clamping: $0) }, forecast: forecast.map { Int64(clamping: $0) }, status: status)
    }
}
