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
        var plain = 0, escaped = 0
        for _ in 0..<4_000 {
            // A text the initialisers refuse makes no event.
            guard let payload = randomActivity(&rng, pieces: pieces) else { continue }
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
