import PaceCore

/// The fields of a visit's, call's, payment's or order's stored JSON (`events.data`),
/// read straight from its UTF-8 bytes, for the rebuild's million-event pass.
///
/// It reads only the plain form paced itself writes (``EventPayload/canonicalJSON()``):
/// one object, no whitespace, each key once, values that are strings without escapes,
/// whole numbers of at most 15 digits, or (for `lines`) an array of such objects, and
/// only the keys of the activities' types. Anything else (an escape, whitespace, a
/// fraction, `null`, `true`, an unknown or repeated key, bytes that are not UTF-8, JSON
/// that is not valid) makes ``init(json:)`` give nil, and the caller decodes the event
/// with `JSONDecoder` instead (``EventPayload/init(type:json:)``). So where both read
/// an event they read the same texts and numbers, and ``payload(_:)`` builds the
/// payload through the same checking initialisers as the decoder: the two give the
/// same payload, which a test checks for random payloads and for JSON of every other form.
///
/// Why not SQLite's JSON functions, which read these fields before: they parsed each
/// event's JSON again for each field, 0.69 s of a 1,000,000-event rebuild against
/// 0.17 s for reading the rows alone (`sqlite3`, this machine).
struct ActivityFields: Equatable {
    var customer: String?
    var amount: String?
    var kind: String?
    var minutes: Int64?
    var note: String?
    var outcome: String?
    var reference: String?
    /// Present (an array, maybe empty) or absent.
    var lines: [Line]?

    struct Line: Equatable {
        var product: String?
        var quantity: Int64?
        var amount: String?
    }

    /// The fields of `json`, or nil when it is not in the plain form described above.
    init?(json: UnsafeBufferPointer<UInt8>) {
        var scanner = Scanner(bytes: json)
        var fields = ActivityFields()
        guard scanner.object({ key, s in
            switch key {
            case .customer: return s.string(&fields.customer)
            case .amount: return s.string(&fields.amount)
            case .kind: return s.string(&fields.kind)
            case .minutes: return s.integer(&fields.minutes)
            case .note: return s.string(&fields.note)
            case .outcome: return s.string(&fields.outcome)
            case .reference: return s.string(&fields.reference)
            case .lines:
                // Present: an array, maybe empty.
                fields.lines = []
                return s.array { s in
                    var line = Line()
                    guard s.object({ key, s in
                        switch key {
                        case .product: s.string(&line.product)
                        case .quantity: s.integer(&line.quantity)
                        case .amount: s.string(&line.amount)
                        default: false
                        }
                    }) else { return false }
                    fields.lines?.append(line)
                    return true
                }
            default: return false
            }
        }), scanner.atEnd else { return nil }
        self = fields
    }

    private init() {}

    /// The payload of an event of `type` with these fields, through the checking
    /// initialisers the decoder uses; nil when they refuse it, a field it needs is
    /// missing, or `type` is not an activity.
    func payload(_ type: EventType) -> EventPayload? {
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
}

extension ActivityFields {
    /// The keys of the activities' JSON (``Visit``, ``Call``, ``Payment``, ``Order`` and
    /// ``OrderLine``), matched on their bytes.
    enum Key {
        case customer, amount, kind, minutes, note, outcome, reference, lines, product, quantity

        init?(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) {
            switch bytes.count {
            case 4 where bytes.elementsEqual("kind".utf8): self = .kind
            case 4 where bytes.elementsEqual("note".utf8): self = .note
            case 5 where bytes.elementsEqual("lines".utf8): self = .lines
            case 6 where bytes.elementsEqual("amount".utf8): self = .amount
            case 7 where bytes.elementsEqual("minutes".utf8): self = .minutes
            case 7 where bytes.elementsEqual("outcome".utf8): self = .outcome
            case 7 where bytes.elementsEqual("product".utf8): self = .product
            case 8 where bytes.elementsEqual("customer".utf8): self = .customer
            case 8 where bytes.elementsEqual("quantity".utf8): self = .quantity
            case 9 where bytes.elementsEqual("reference".utf8): self = .reference
            default: return nil
            }
        }
    }

    /// A cursor over the bytes of the plain form. Each method reads one item at the
    /// cursor and returns false (leaving the cursor anywhere) when the bytes there are
    /// not that item in the plain form.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        var atEnd: Bool { at == bytes.count }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        /// `{}` or `{"key":value,...}`: `value` reads the value of each key (a key not
        /// in ``Key`` refuses); a key given twice refuses.
        mutating func object(_ value: (Key, inout Scanner) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            var seen: [Key] = []
            repeat {
                guard let raw = rawString(), take(UInt8(ascii: ":")), let key = Key(raw), !seen.contains(key) else { return false }
                seen.append(key)
                guard value(key, &self) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// `[]` or `[element,...]`, each element read by `element`.
        mutating func array(_ element: (inout Scanner) -> Bool) -> Bool {
            guard take(UInt8(ascii: "[")) else { return false }
            if take(UInt8(ascii: "]")) { return true }
            repeat {
                guard element(&self) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]"))
        }

        /// A string's bytes, between its quotes: no escape, no control below U+0020.
        /// (Bytes from 0x80 are checked as UTF-8 where the string is made.)
        mutating func rawString() -> UnsafeBufferPointer<UInt8>.SubSequence? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            while at < bytes.count {
                let b = bytes[at]
                if b == UInt8(ascii: "\"") {
                    at += 1
                    return bytes[start..<(at - 1)]
                }
                guard b >= 0x20, b != UInt8(ascii: "\\") else { return nil }
                at += 1
            }
            return nil
        }

        /// A string value into `field`, which must be unset: nil when its bytes are not UTF-8.
        mutating func string(_ field: inout String?) -> Bool {
            guard field == nil, let raw = rawString() else { return false }
            if raw.allSatisfy({ $0 < 0x80 }) {
                field = String(decoding: raw, as: UTF8.self)
            } else {
                guard let text = String(validating: raw, as: UTF8.self) else { return false }
                field = text
            }
            return true
        }

        /// A whole number into `field`: `0`, or an optional minus and 1 to 15 digits
        /// that do not start with 0 (below 10^15, as the decoder's whole numbers), with
        /// no fraction or exponent after.
        mutating func integer(_ field: inout Int64?) -> Bool {
            guard field == nil else { return false }
            let negative = take(UInt8(ascii: "-"))
            let start = at
            var value: Int64 = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                value = value * 10 + Int64(bytes[at] - UInt8(ascii: "0"))
                at += 1
                guard at - start <= 15 else { return false }
            }
            let digits = at - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0"), !(negative && value == 0) else { return false }
            if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return false }
            field = negative ? -value : value
            return true
        }
    }
}
