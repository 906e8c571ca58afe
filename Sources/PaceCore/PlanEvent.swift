/// A `plan` event: one change to a salesperson's plan for a day. Adding an item
/// makes the item (its id is the event's id); marking it done or dropping it
/// refers to that id. A day's plan is the replay of these, numbered in order of
/// adding. Items with a customer and a kind are also done once a matching event is
/// logged that day (worked out when read, not stored).
public struct PlanEvent: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case add, done, drop }

    /// What an item is about: an activity that can tick it off, or `other`.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case visit, call, payment, order, other
        public var eventType: EventType? {
            switch self {
            case .visit: .visit
            case .call: .call
            case .payment: .payment
            case .order: .order
            case .other: nil
            }
        }
    }

    public let action: Action
    /// The plan's day (the team calendar's local day). For `add` paced fills in the
    /// next working day when it is not given.
    public let date: CivilDate?
    public let text: String?
    public let customer: String?
    public let kind: Kind?
    /// The item (`add` event id) a `done` or `drop` is about.
    public let item: EventID?
    public let reason: String?

    public static func add(_ text: String, date: CivilDate?, customer: String?, kind: Kind?) throws -> PlanEvent {
        try PlanEvent(action: .add, date: date, text: text, customer: customer, kind: kind, item: nil, reason: nil)
    }

    public init(action: Action, date: CivilDate?, text: String?, customer: String?, kind: Kind?, item: EventID?, reason: String?) throws {
        self.action = action
        self.date = date
        switch action {
        case .add:
            self.text = try Text.required(text ?? "", field: "plan item", limit: Limits.note, code: "bad_plan")
            self.customer = try Text.optional(customer, field: "customer", limit: Limits.customer, code: "bad_customer")
            self.kind = kind
            guard item == nil, reason == nil else { throw InputError("bad_plan", "A new plan item has no item or reason.") }
            self.item = nil
            self.reason = nil
        case .done, .drop:
            guard let item else { throw InputError("bad_plan", "Say which plan item is \(action == .done ? "done" : "dropped").") }
            guard text == nil, customer == nil, kind == nil else {
                throw InputError("bad_plan", "Marking an item \(action.rawValue) takes only the item\(action == .drop ? " and a reason" : "").")
            }
            self.item = item
            self.text = nil
            self.customer = nil
            self.kind = nil
            self.reason = action == .drop ? try Text.required(reason ?? "", field: "reason", limit: Limits.reason, code: "bad_reason") : nil
            if action == .done, reason != nil { throw InputError("bad_plan", "A done item takes no reason.") }
        }
    }

    /// The same event with its day filled in.
    public func on(_ day: CivilDate) -> PlanEvent {
        try! PlanEvent(action: action, date: day, text: text, customer: customer, kind: kind, item: item, reason: reason)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case action, date, text, customer, kind, item, reason }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let action = Action(rawValue: try c.decode(String.self, forKey: .action)) else {
            throw InputError("bad_plan", "A plan change is add, done or drop.")
        }
        var date: CivilDate?
        if let t = try c.decodeIfPresent(String.self, forKey: .date) {
            guard let d = CivilDate(iso: Substring(t)) else { throw InputError("bad_date", "'\(t)' is not a date like 2026-12-01.") }
            date = d
        }
        var kind: Kind?
        if let k = try c.decodeIfPresent(String.self, forKey: .kind) {
            guard let v = Kind(rawValue: k) else { throw InputError("bad_kind", "The kind '\(k)' is not visit, call, payment, order or other.") }
            kind = v
        }
        try self.init(action: action, date: date, text: c.decodeIfPresent(String.self, forKey: .text),
                      customer: c.decodeIfPresent(String.self, forKey: .customer), kind: kind,
                      item: c.decodeIfPresent(EventID.self, forKey: .item), reason: c.decodeIfPresent(String.self, forKey: .reason))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(action, forKey: .action)
        try c.encodeIfPresent(date?.description, forKey: .date)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(customer, forKey: .customer)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}
