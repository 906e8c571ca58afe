import PaceCore
import PaceStore

extension EventStore {
    /// Monthly actuals of the year before a target's, for the `last-year` profile:
    /// the metric over the non-voided events of the subject (a user, a team's members
    /// while members, or everyone), by the month of the target calendar's local day.
    public func lastYearActuals(org: Organization) -> Organization.LastYear {
        let store = self
        return { key in
            let cal = org.calendar(for: key)
            guard let zone = FoundationZone(identifier: cal.timeZone) else { return nil }
            let prior = key.year - 1
            let start = zone.instant(of: LocalDateTime(date: CivilDate(year: prior, month: 1, day: 1), hour: 0, minute: 0))
            let end = zone.instant(of: LocalDateTime(date: CivilDate(year: key.year, month: 1, day: 1), hour: 0, minute: 0))
            var subjects: [String]?
            switch key.scope {
            case .company: subjects = nil
            case .user: subjects = [key.name ?? ""]
            case .team: subjects = org.members(of: key.name ?? "").map(\.user)
            }
            var counter = MetricCounter(metric: key.metric)
            if key.metric == .customersNew {
                // Customers who ordered before the year are not new in it.
                for e in try store.events(types: [.order], subjects: nil, from: EventService.earliest, to: start) {
                    if let p = try e.payload() { _ = counter.add(p) }
                }
            }
            var months = [Int64](repeating: 0, count: 12)
            let types: [EventType] = [.visit, .call, .payment, .order]
            for e in try store.events(types: types, subjects: subjects, from: start, to: end) {
                guard let p = try e.payload() else { continue }
                let day = zone.local(e.occurredAt).date
                if key.scope == .team, org.team(of: e.subject, on: day) != key.name { continue }
                months[day.month - 1] = months[day.month - 1].adding(saturating: counter.add(p))
            }
            return months
        }
    }
}
