import PaceAPI
import PaceCore

/// The dashboard's forms, as their URL-encoded bodies decode. Every field is text; the
/// domain's validating initialisers refuse what is wrong, with their messages.
struct LoginForm: Decodable {
    var token: String?
    var csrf: String?
}

struct CSRFForm: Decodable {
    var csrf: String?
}

/// The log form of "My day": one visit, call, payment or order.
struct LogForm: Decodable {
    var csrf: String?
    var subject: String?
    var what: String?
    var customer: String?
    var amount: String?
    var minutes: String?
    var note: String?
    var product1: String?, quantity1: String?, lineAmount1: String?
    var product2: String?, quantity2: String?, lineAmount2: String?
    var product3: String?, quantity3: String?, lineAmount3: String?

    static func given(_ s: String?) -> String? {
        guard let t = s?.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }

    /// The event the form describes. Throws `InputError` saying what to fix.
    func payload() throws -> EventPayload {
        let customer = Self.given(customer) ?? ""
        let note = Self.given(note)
        switch what ?? "" {
        case "call":
            let minutes = try Self.given(minutes).map { text -> Int in
                guard let m = Int(text), (0...1440).contains(m) else { throw InputError("bad_minutes", "Minutes '\(text)' is not a whole number from 0 to 1440.") }
                return m
            }
            return .call(try Call(customer: customer, minutes: minutes, outcome: note))
        case "visit-new": return .visit(try Visit(customer: customer, kind: .new, note: note))
        case "visit-existing": return .visit(try Visit(customer: customer, kind: .existing, note: note))
        case "visit-return": return .visit(try Visit(customer: customer, kind: .return, note: note))
        case "payment":
            return .payment(try Payment(customer: customer, amount: Money(parsing: Self.given(amount) ?? ""), reference: note))
        case "order":
            var lines: [OrderLine] = []
            for (n, (p, q, a)) in [(product1, quantity1, lineAmount1), (product2, quantity2, lineAmount2), (product3, quantity3, lineAmount3)].enumerated() {
                guard let product = Self.given(p) else {
                    if Self.given(q) != nil || Self.given(a) != nil {
                        throw InputError("bad_line", "Product line \(n + 1) has a quantity or amount but no product; name the product or clear the line.")
                    }
                    continue
                }
                guard Self.given(a) != nil else {
                    throw InputError("bad_line", "Product line \(n + 1) (\(product)) has no amount; give the line's amount.")
                }
                let text = Self.given(q) ?? "1"
                guard let quantity = Int(text), quantity > 0 else { throw InputError("bad_quantity", "Quantity '\(text)' of \(product) is not a whole number above 0.") }
                lines.append(try OrderLine(product: product, quantity: quantity, amount: Money(parsing: Self.given(a) ?? "")))
            }
            return .order(try Order(customer: customer, amount: Money(parsing: Self.given(amount) ?? ""), lines: lines))
        default:
            throw InputError("bad_type", "Choose what to log: a call, a visit, a payment or an order.")
        }
    }
}
