/// What an event says, by type. Encoded as the event's `data` object.
public enum EventPayload: Sendable, Equatable, Encodable {
    case visit(Visit)
    case call(Call)
    case payment(Payment)
    case order(Order)
    case void(Correction)

    public var type: EventType {
        switch self {
        case .visit: .visit
        case .call: .call
        case .payment: .payment
        case .order: .order
        case .void: .void
        }
    }

    /// The customer the event is about, if any.
    public var customer: String? {
        switch self {
        case .visit(let v): v.customer
        case .call(let c): c.customer
        case .payment(let p): p.customer
        case .order(let o): o.customer
        case .void: nil
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
        default: throw InputError("bad_type", "Events of type '\(type.rawValue)' cannot be read by this version of Pace.")
        }
    }

    /// Decodes the payload of an event of `type` stored under `key`.
    public static func decode<K: CodingKey>(_ type: EventType, from c: KeyedDecodingContainer<K>, forKey key: K) throws -> EventPayload {
        switch type {
        case .visit: return .visit(try c.decode(Visit.self, forKey: key))
        case .call: return .call(try c.decode(Call.self, forKey: key))
        case .payment: return .payment(try c.decode(Payment.self, forKey: key))
        case .order: return .order(try c.decode(Order.self, forKey: key))
        case .void: return .void(try c.decode(Correction.self, forKey: key))
        default: throw InputError("bad_type", "Events of type '\(type.rawValue)' cannot be logged by clients.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .visit(let v): try v.encode(to: encoder)
        case .call(let c): try c.encode(to: encoder)
        case .payment(let p): try p.encode(to: encoder)
        case .order(let o): try o.encode(to: encoder)
        case .void(let x): try x.encode(to: encoder)
        }
    }
}
