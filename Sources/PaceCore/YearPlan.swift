/// A target decomposed to the working days of one year: one integer per day, in
/// minor units (money) or counts. Every coarser period is the sum of its days, so
/// quarters, months, thirds and ISO weeks add up exactly to the year.
public struct YearPlan: Sendable, Equatable {
    public let year: Int
    /// Every day of the year, in order.
    public let days: [CivilDate]
    /// The target of each day, aligned with `days`. 0 on days off.
    public let daily: [Int64]
    /// Working minutes of each day, aligned with `days`.
    public let minutes: [Int64]

    public init(year: Int, daily: [Int64], calendar: WorkCalendar) {
        self.init(daily: daily, workYear: WorkYear(year: year, calendar: calendar))
    }

    public init(daily: [Int64], workYear: WorkYear) {
        precondition(daily.count == workYear.days.count)
        year = workYear.year
        days = workYear.days
        minutes = workYear.minutes
        self.daily = daily
    }

    public var total: Int64 { daily.saturatingSum() }

    /// A period of the year and its sum.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var start: CivilDate
        public var end: CivilDate
        public var target: Int64
        public var workingDays: Int
    }

    public enum Grain: String, Sendable, CaseIterable {
        case year, quarter, month, third, week, day
    }

    /// The breakdown by `grain`, in date order. Weeks are ISO weeks cut at the year's ends.
    public func rows(by grain: Grain) -> [Row] {
        var rows: [Row] = []
        var lastKey = ""
        for (i, d) in days.enumerated() {
            let key: String
            switch grain {
            case .year: key = "\(year)"
            case .quarter: key = "\(year)-Q\(d.quarter)"
            case .month: key = "\(year)-\(pad(d.month, 2))"
            case .third: key = "\(year)-\(pad(d.month, 2)) \(["early", "mid", "late"][d.third - 1])"
            case .week:
                let w = d.isoWeek
                key = "\(w.year)-W\(pad(w.week, 2))"
            case .day: key = d.description
            }
            let working = minutes[i] > 0 ? 1 : 0
            if key == lastKey {
                rows[rows.count - 1].end = d
                rows[rows.count - 1].target += daily[i]
                rows[rows.count - 1].workingDays += working
            } else {
                rows.append(Row(label: key, start: d, end: d, target: daily[i], workingDays: working))
                lastKey = key
            }
        }
        return rows
    }

    public func target(on d: CivilDate) -> Int64 {
        let i = Int(d.daysSinceEpoch - days[0].daysSinceEpoch)
        return days.indices.contains(i) ? daily[i] : 0
    }
}
