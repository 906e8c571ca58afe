extension Metric {
    /// What one event adds to this metric: a count, or minor units for money.
    /// `customers.new` depends on earlier orders and is counted by ``MetricCounter``.
    public func contribution(of payload: EventPayload) -> Int64 {
        switch (self, payload) {
        case (.visits, .visit): return 1
        case (.visitsNew, .visit(let v)): return v.kind == .new ? 1 : 0
        case (.visitsExisting, .visit(let v)): return v.kind == .existing ? 1 : 0
        case (.visitsReturn, .visit(let v)): return v.kind == .return ? 1 : 0
        case (.calls, .call): return 1
        case (.payments, .payment(let p)): return p.amount.minorUnits
        case (.orders, .order): return 1
        case (.revenue, .order(let o)): return o.amount.minorUnits
        case (.revenueOf(let product), .order(let o)):
            return o.lines.filter { $0.product == product }.map(\.amount.minorUnits).saturatingSum()
        case (.unitsOf(let product), .order(let o)):
            return o.lines.filter { $0.product == product }.map { Int64($0.quantity) }.saturatingSum()
        default: return 0
        }
    }
}

/// Sums a metric over events in time order, remembering which customers already
/// ordered so that `customers.new` counts each customer's first order once.
public struct MetricCounter: Sendable {
    public let metric: Metric
    private var customersSeen: Set<String> = []

    public init(metric: Metric) { self.metric = metric }

    /// Feed every order before the period first (with `counted: false`), then the period's events.
    public mutating func add(_ payload: EventPayload) -> Int64 {
        if metric == .customersNew {
            guard case .order(let o) = payload else { return 0 }
            return customersSeen.insert(o.customer.lowercased()).inserted ? 1 : 0
        }
        return metric.contribution(of: payload)
    }
}
