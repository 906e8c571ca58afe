import PaceCore

/// A random visit, call, payment or order, its texts made of 1 to a few of `pieces`;
/// nil when the checking initialisers refuse one of them (as they would a caller's).
func randomActivity(_ rng: inout Xorshift, pieces: [String]) -> EventPayload? {
    func text(_ n: Int) -> String { (0..<(1 + Int(rng.next() % UInt64(n)))).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
    func money() -> Money { Money(minorUnits: Int64(rng.next() % 100_000_000_000_000) + 1) }
    do {
        switch rng.next() % 4 {
        case 0:
            return .visit(try Visit(customer: text(4), kind: [.new, .existing, .return][Int(rng.next() % 3)], note: rng.next() % 2 == 0 ? nil : text(6)))
        case 1:
            return .call(try Call(customer: text(4), minutes: [nil, 0, 1, 59, 600, 1440][Int(rng.next() % 6)], outcome: rng.next() % 2 == 0 ? nil : text(6)))
        case 2:
            return .payment(try Payment(customer: text(4), amount: money(), reference: rng.next() % 2 == 0 ? nil : text(3)))
        default:
            let lines = try (0..<Int(rng.next() % 4)).map { _ in
                try OrderLine(product: text(3), quantity: Int(rng.next() % 1_000_000) + 1, amount: money())
            }
            return .order(try Order(customer: text(4), amount: money(), lines: lines))
        }
    } catch {
        return nil
    }
}
