extension EventPayload {
    /// Writes a visit's, call's, payment's or order's data in the plain form, as
    /// `JSONEncoder` with sorted keys and unescaped slashes writes it (paced's encoder,
    /// and so the stored canonical form): the same bytes, which tests check for random
    /// payloads. False, leaving `w` anyhow, for another payload or a text that needs an
    /// escape (``PlainJSON/isPlain(_:)``).
    ///
    /// The stored events' hashes cover these bytes (`canonicalJSON()` in PaceStore):
    /// they must stay the encoder's, whatever the API needs (`HashPinningTests` pins them).
    public func writePlainJSON(to w: inout PlainJSONWriter) -> Bool {
        let plain = PlainJSON.isPlain
        w.open()
        switch self {
        case .visit(let v):
            guard plain(v.customer), v.note.map(plain) ?? true else { return false }
            w.key("customer"); w.string(v.customer)
            w.key("kind"); w.string(v.kind.rawValue)
            if let note = v.note { w.key("note"); w.string(note) }
        case .call(let c):
            guard plain(c.customer), c.outcome.map(plain) ?? true else { return false }
            w.key("customer"); w.string(c.customer)
            if let minutes = c.minutes { w.key("minutes"); w.integer(minutes) }
            if let outcome = c.outcome { w.key("outcome"); w.string(outcome) }
        case .payment(let p):
            guard plain(p.customer), p.reference.map(plain) ?? true else { return false }
            w.key("amount"); w.string(p.amount.decimal)
            w.key("customer"); w.string(p.customer)
            if let reference = p.reference { w.key("reference"); w.string(reference) }
        case .order(let o):
            guard plain(o.customer), o.lines.allSatisfy({ plain($0.product) }) else { return false }
            w.key("amount"); w.string(o.amount.decimal)
            w.key("customer"); w.string(o.customer)
            // An order without lines has no `lines` key (Order.encode).
            if !o.lines.isEmpty {
                w.key("lines")
                w.openArray()
                for line in o.lines {
                    w.separate()
                    w.open()
                    w.key("amount"); w.string(line.amount.decimal)
                    w.key("product"); w.string(line.product)
                    w.key("quantity"); w.integer(line.quantity)
                    w.close()
                }
                w.closeArray()
            }
        default:
            return false
        }
        w.close()
        return true
    }
}
