extension Slip {
    /// The journal's one-line MESSAGE, e.g.
    /// `alice is behind on visits.new for Tue 2026-12-01: 1 of 3 (-2)`.
    /// `subject` is a user name or `team:NAME`.
    public func message(subject: String) -> String {
        let who = Subject(stored: subject).description
        // Amounts in the one format of every message: 1,000.00.
        let show = { (s: String) in self.metric?.display(s) ?? s }
        let (actual, target, expected) = (show(self.actual), show(self.target), show(self.expected))
        let signedGap = gap.hasPrefix("-") ? show(gap) : "+" + show(gap)
        let text: String
        let metric = self.metric?.name ?? "plan items"
        switch kind {
        case .dailySlip:
            text = "\(who) is behind on \(metric) for \(periodStart.weekday.short) \(period): \(actual) of \(target) (\(signedGap))"
        case .weeklyAtRisk:
            text = "\(who) is at risk on \(metric) for \(period): \(actual) of \(expected) expected so far, \(target) this week (\(signedGap))"
        case .weeklyMissed:
            text = "\(who) missed the \(metric) target for \(period): \(actual) of \(target) (\(signedGap))"
        case .recovered:
            text = "\(who) is back on track on \(metric) for \(period): \(actual) of \(expected) expected so far, \(target) this week (\(signedGap))"
        case .planReminder:
            text = "\(who) has no plan for \(periodStart.weekday.short) \(period), the next working day"
        case .milestoneMissed:
            text = "\(who) missed the \(metric) milestone of \(period): \(actual) of \(target) since January 1 (\(signedGap))"
        }
        return late ? text + " [checked late: paced was down at the time]" : text
    }
}
