import PaceAPI
import PaceCore
import PaceStore

/// One person's plans: the replay of their `plan` events. An item is open until it
/// is marked done or dropped; an item with a customer and a kind is also done once
/// an event of that kind for that customer is logged on the item's day (each event
/// ticks off one item).
public struct PlanBook {
    public struct Entry {
        var id: EventID
        var seq: Int64
        var plan: PlanEvent
        var done = false
        var dropped: String?
    }

    let user: String
    private(set) var byDay: [CivilDate: [Entry]] = [:]

    public init(store: EventStore, user: String) throws {
        self.user = user
        var index: [EventID: (CivilDate, Int)] = [:]
        for e in try store.replay(types: [.plan], subjects: [user]) {
            guard case .plan(let p)? = try e.payload(), let day = p.date else { continue }
            switch p.action {
            case .add:
                index[e.id] = (day, byDay[day, default: []].count)
                byDay[day, default: []].append(Entry(id: e.id, seq: e.seq, plan: p))
            case .done:
                if let item = p.item, let (d, i) = index[item] { byDay[d]![i].done = true }
            case .drop:
                if let item = p.item, let (d, i) = index[item] { byDay[d]![i].dropped = p.reason ?? "" }
            }
        }
    }

    public func entry(id: EventID) -> Entry? {
        for entries in byDay.values { if let e = entries.first(where: { $0.id == id }) { return e } }
        return nil
    }

    public func hasPlan(on day: CivilDate) -> Bool { !(byDay[day] ?? []).isEmpty }

    /// The day's items, numbered, with their state. `zone` is the user's team zone.
    public func items(on day: CivilDate, zone: any LocalZone, store: EventStore) throws -> [PlanView.Item] {
        let entries = byDay[day] ?? []
        var ticks: [EventID: String] = [:]
        let candidates = entries.filter { !$0.done && $0.dropped == nil && $0.plan.customer != nil && $0.plan.kind?.eventType != nil }
        if !candidates.isEmpty {
            let from = zone.instant(of: LocalDateTime(date: day, hour: 0, minute: 0))
            let to = zone.instant(of: LocalDateTime(date: day.adding(days: 1), hour: 0, minute: 0))
            // Each event of the day once: its seq, type and customer.
            // Customers compared in their one normalised form, as everywhere.
            var events = try store.events(types: [.visit, .call, .payment, .order], subjects: [user], from: from, to: to).compactMap { e in
                try e.payload()?.customer.map { (e.seq, e.type, CustomerKey.normalised($0)) }
            }
            for item in candidates {
                if let i = events.firstIndex(where: { $0.1 == item.plan.kind?.eventType?.rawValue && $0.2 == item.plan.customer.map(CustomerKey.normalised) }) {
                    ticks[item.id] = "\(events[i].1) #\(events[i].0)"
                    events.remove(at: i)
                }
            }
        }
        return entries.enumerated().map { i, e in
            let state: PlanView.Item.State = e.dropped != nil ? .dropped : (e.done || ticks[e.id] != nil) ? .done : .open
            return PlanView.Item(number: i + 1, id: e.id, text: e.plan.text ?? "", customer: e.plan.customer, kind: e.plan.kind?.rawValue,
                                 state: state, doneBy: state == .done ? (e.done ? "by hand" : ticks[e.id]) : nil, reason: e.dropped)
        }
    }
}
