import Foundation
import PaceCore
@testable import PaceStore
import Testing

/// The canonical JSON of an activity is written without `JSONEncoder` when its texts
/// need no escape: it must be the encoder's very bytes, since the hash chain covers them.
struct CanonicalJSONTests {
    private func encoded(_ payload: EventPayload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(payload), as: UTF8.self)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func plainWritingIsTheEncodersBytes(seed: UInt64) throws {
        var rng = Xorshift(seed: seed)
        let pieces = ["ACME", "a", " ", "/", "Caf\u{E9}", "E\u{301}", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{FEFF}",
                      "שלום", "😀", "{", "}", "0", "-1", "null", "<>&'"]
        func text(_ n: Int) -> String { (0..<(1 + Int(rng.next() % UInt64(n)))).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        func money() -> Money { Money(minorUnits: Int64(rng.next() % 100_000_000_000_000) + 1) }
        var plain = 0, escaped = 0
        for _ in 0..<4_000 {
            let payload: EventPayload
            do {
                switch rng.next() % 4 {
                case 0:
                    payload = .visit(try Visit(customer: text(4), kind: [.new, .existing, .return][Int(rng.next() % 3)], note: rng.next() % 2 == 0 ? nil : text(6)))
                case 1:
                    payload = .call(try Call(customer: text(4), minutes: [nil, 0, 7, 1440][Int(rng.next() % 4)], outcome: rng.next() % 2 == 0 ? nil : text(5)))
                case 2:
                    payload = .payment(try Payment(customer: text(4), amount: money(), reference: rng.next() % 2 == 0 ? nil : text(3)))
                default:
                    let lines = try (0..<Int(rng.next() % 4)).map { _ in
                        try OrderLine(product: text(3), quantity: Int(rng.next() % 1_000_000) + 1, amount: money())
                    }
                    payload = .order(try Order(customer: text(4), amount: money(), lines: lines))
                }
            } catch {
                continue  // A text the initialisers refuse makes no event.
            }
            let reference = try encoded(payload)
            #expect(try payload.canonicalJSON() == reference)
            if let written = payload.plainCanonicalJSON() {
                plain += 1
                #expect(written == reference)
            } else {
                escaped += 1
                // Left to the encoder only for a text it escapes.
                #expect(reference.contains("\\"), "\(reference)")
            }
        }
        #expect(plain > 500)
        #expect(escaped > 300)
        // Other payloads are the encoder's.
        let void = EventPayload.void(try Correction(event: EventID.v7(at: Timestamp(milliseconds: 0)), reason: "typo"))
        #expect(void.plainCanonicalJSON() == nil)
        #expect(try void.canonicalJSON() == encoded(void))
    }
}
