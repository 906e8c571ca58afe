@testable import PaceStore
import Testing

/// Customer and product names in their one compared form.
struct CustomerKeyTests {
    /// ASCII names take a route over their bytes; it gives what Foundation's NFC, case
    /// fold and whitespace collapse give, for every ASCII byte in every position.
    @Test func asciiNamesNormaliseAsFoundationDoes() throws {
        for byte in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(byte))
            for name in [c, "A\(c)b", "\(c)\(c)Acme Co\(c)", "  Dune \(c) CO  ", "x\r\n\(c)Y"] {
                let fast = try #require(CustomerKey.asciiNormalised(name))
                #expect(fast == CustomerKey.unicodeNormalised(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        // Anything beyond ASCII goes Foundation's way.
        for name in ["Straße", "CAFE\u{301}", "Caf\u{E9}", "ΟΔΟΣ", "a\u{A0}b", "x\u{85}y"] {
            #expect(CustomerKey.asciiNormalised(name) == nil)
            #expect(CustomerKey.normalised(name) == CustomerKey.unicodeNormalised(name))
        }
        #expect(CustomerKey.normalised("  ACME \t Trading\nCo ") == "acme trading co")
        #expect(CustomerKey.normalised("STRASSE") == CustomerKey.normalised("Straße"))
    }
}
