/// The fields of a visit's, call's, payment's or order's JSON (its `data`), read in the
/// plain form (``PlainJSON``), for the rebuild's million stored events and the batch
/// endpoint's thousand new ones.
///
/// It reads the keys of the activities' types only, each once, with string values
/// (whole numbers for `minutes` and `quantity`, an array of objects for `lines`), and
/// no `null`: anything else makes it give nil, and the caller decodes the JSON with
/// `JSONDecoder` instead. So where both read an event they read the same texts and
/// numbers, and ``payload(_:)`` builds the payload through the same checking
/// initialisers as the decoder: the two give the same payload, which tests check for
/// random payloads and for JSON of every other form. (The stored form ignores unknown
/// keys and the request form refuses them; refusing them here suits both.)
///
/// Why: SQLite's JSON functions, which the rebuild used before, parsed each event's
/// JSON again for each field, 0.69 s of a 1,000,000-event rebuild against 0.17 s for
/// reading the rows alone (`sqlite3`, this machine); `JSONDecoder` took 12 µs of CPU an event.
public struct ActivityFields: Equatable, Sendable {
    public var customer: String?
    public var amount: String?
    public var kind: String?
    public var minutes: Int64?
    public var note: String?
    public var outcome: String?
    public var reference: String?
    /// Present (an array, maybe empty) or absent.
    public var lines: [Line]?

    public struct Line: Equatable, Sendable {
        public var product: String?
        public var quantity: Int64?
        public var amount: String?
    }

    /// The fields of `json`, one object and nothing after it; nil when it is not in the
    /// plain form.
    public init?(json: UnsafeBufferPointer<UInt8>) {
        var reader = PlainJSON(json)
        guard let fields = ActivityFields(reading: &reader), reader.atEnd else { return nil }
        self = fields
    }

    /// The fields of the object at `reader`'s cursor, which moves past it; nil when it
    /// is not in the plain form.
    public init?(reading reader: inout PlainJSON) {
        var fields = ActivityFields()
        guard reader.object({ (key: Key, r) in
            switch key {
            case .customer: return r.string(&fields.customer)
            case .amount: return r.string(&fields.amount)
            case .kind: return r.string(&fields.kind)
            case .minutes: return r.integer(&fields.minutes)
            case .note: return r.string(&fields.note)
            case .outcome: return r.string(&fields.outcome)
            case .reference: return r.string(&fields.reference)
            case .lines:
                // Present: an array, maybe empty; given once.
                guard fields.lines == nil else { return false }
                fields.lines = []
                return r.array { r in
                    var line = Line()
                    guard r.object({ (key: Key, r) in
                        switch key {
                        case .product: r.string(&line.product)
                        case .quantity: r.integer(&line.quantity)
                        case .amount: r.string(&line.amount)
                        default: false
                        }
                    }) else { return false }
                    fields.lines?.append(line)
                    return true
                }
            default: return false
            }
        }) else { return nil }
        self = fields
    }

    private init() {}

    /// The payload of an event of `type` with these fields, through the checking
    /// initialisers the decoder uses; nil when they refuse it, a field it needs is
    /// missing, it has a field its type has not, or `type` is not an activity.
    public func payload(_ type: EventType) -> EventPayload? {
        guard let customer else { return nil }
        func money(_ text: String?) -> Money? { text.flatMap { try? Money(parsing: $0) } }
        switch type {
        case .visit:
            guard amount == nil, minutes == nil, outcome == nil, reference == nil, lines == nil,
                  let raw = kind, let k = VisitKind(rawValue: raw) else { return nil }
            return (try? Visit(customer: customer, kind: k, note: note)).map(EventPayload.visit)
        case .call:
            guard amount == nil, kind == nil, note == nil, reference == nil, lines == nil else { return nil }
            return (try? Call(customer: customer, minutes: minutes.map { Int($0) }, outcome: outcome)).map(EventPayload.call)
        case .payment:
            guard kind == nil, minutes == nil, note == nil, outcome == nil, lines == nil, let amount = money(amount) else { return nil }
            return (try? Payment(customer: customer, amount: amount, reference: reference)).map(EventPayload.payment)
        case .order:
            guard kind == nil, minutes == nil, note == nil, outcome == nil, reference == nil, let amount = money(amount) else { return nil }
            var orderLines: [OrderLine] = []
            orderLines.reserveCapacity(lines?.count ?? 0)
            for l in lines ?? [] {
                guard let product = l.product, let quantity = l.quantity, let a = money(l.amount),
                      let line = try? OrderLine(product: product, quantity: Int(quantity), amount: a) else { return nil }
                orderLines.append(line)
            }
            return (try? Order(customer: customer, amount: amount, lines: orderLines)).map(EventPayload.order)
        default:
            return nil
        }
    }

    /// The keys of the activities' JSON (``Visit``, ``Call``, ``Payment``, ``Order`` and
    /// ``OrderLine``).
    public enum Key: String {
        case customer, amount, kind, minutes, note, outcome, reference, lines, product, quantity
    }
}
