/// What an event says, by type. Encoded as the event's `data` object.
public enum EventPayload: Sendable, Equatable, Encodable {
    case visit(Visit)
    case call(Call)
    case payment(Payment)
    case order(Order)
    case void(Correction)
    case team(TeamEvent)
    case member(MemberEvent)
    case calendar(CalendarEvent)
    case target(TargetEvent)
    case plan(PlanEvent)
    case review(ReviewEvent)
    case goal(GoalPlan)
    case slip(Slip)
    case user(UserEvent)
    case token(TokenEvent)

    public var type: EventType {
        switch self {
        case .visit: .visit
        case .call: .call
        case .payment: .payment
        case .order: .order
        case .void: .void
        case .team: .team
        case .member: .member
        case .calendar: .calendar
        case .target: .target
        case .plan: .plan
        case .review: .review
        case .goal: .goal
        case .slip: .slip
        case .user: .user
        case .token: .token
        }
    }

    /// The customer the event is about, if any.
    public var customer: String? {
        switch self {
        case .visit(let v): v.customer
        case .call(let c): c.customer
        case .payment(let p): p.customer
        case .order(let o): o.customer
        default: nil
        }
    }

    /// Decodes a standalone payload object (an event's `data`) of an event of `type`.
    public init(type: EventType, from decoder: any Decoder) throws {
        switch type {
        case .visit: self = .visit(try Visit(from: decoder))
        case .call: self = .call(try Call(from: decoder))
        case .payment: self = .payment(try Payment(from: decoder))
        case .order: self = .order(try Order(from: decoder))
        case .void: self = .void(try Correction(from: decoder))
        case .team: self = .team(try TeamEvent(from: decoder))
        case .member: self = .member(try MemberEvent(from: decoder))
        case .calendar: self = .calendar(try CalendarEvent(from: decoder))
        case .target: self = .target(try TargetEvent(from: decoder))
        case .plan: self = .plan(try PlanEvent(from: decoder))
        case .review: self = .review(try ReviewEvent(from: decoder))
        case .goal: self = .goal(try GoalPlan(from: decoder))
        case .slip: self = .slip(try Slip(from: decoder))
        case .user: self = .user(try UserEvent(from: decoder))
        case .token: self = .token(try TokenEvent(from: decoder))
        }
    }

    /// Decodes the payload of an event of `type` stored under `key`.
    public static func decode<K: CodingKey>(_ type: EventType, from c: KeyedDecodingContainer<K>, forKey key: K) throws -> EventPayload {
        guard c.contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: c.codingPath, debugDescription: "missing"))
        }
        return try EventPayload(type: type, from: c.superDecoder(forKey: key))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .visit(let v): try v.encode(to: encoder)
        case .call(let c): try c.encode(to: encoder)
        case .payment(let p): try p.encode(to: encoder)
        case .order(let o): try o.encode(to: encoder)
        case .void(let x): try x.encode(to: encoder)
        case .team(let x): try x.encode(to: encoder)
        case .member(let x): try x.encode(to: encoder)
        case .calendar(let x): try x.encode(to: encoder)
        case .target(let x): try x.encode(to: encoder)
        case .plan(let x): try x.encode(to: encoder)
        case .review(let x): try x.encode(to: encoder)
        case .goal(let x): try x.encode(to: encoder)
        case .slip(let x): try x.encode(to: encoder)
        case .user(let x): try x.encode(to: encoder)
        case .token(let x): try x.encode(to: encoder)
        }
    }
}
