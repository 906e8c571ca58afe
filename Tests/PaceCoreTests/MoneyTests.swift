@testable import PaceCore
import Testing

struct MoneyTests {
    @Test(arguments: [
        ("1", 100), ("12000.50", 1_200_050), ("12000.5", 1_200_050), ("0.01", 1), (" 7 ", 700),
        ("007.10", 710), ("1000000000000", 100_000_000_000_000), ("1000000000000.00", 100_000_000_000_000),
    ] as [(String, Int64)])
    func parsesPositiveAmounts(text: String, minor: Int64) throws {
        #expect(try Money(parsing: text).minorUnits == minor)
    }

    @Test(arguments: [
        ("-5", "negative"), ("0", "more than 0"), ("0.00", "more than 0"), ("1.234", "more than 2 decimals"),
        ("1,000", "not an amount"), ("", "empty"), ("abc", "not an amount"), ("1e5", "not an amount"),
        (".5", "not an amount"), ("5.", "not an amount"), ("1000000000000.01", "largest amount"),
        ("99999999999999999999", "largest amount"), ("+5", "not an amount"), ("1.2.3", "not an amount"),
    ])
    func rejectsEverythingElse(text: String, why: String) {
        #expect {
            try Money(parsing: text)
        } throws: { error in
            let e = error as? InputError
            return e?.code == "bad_amount" && e?.message.contains(why) == true
        }
    }

    @Test func formatsWithThousandsSeparatorsAndRoundTrips() throws {
        #expect(Money(minorUnits: 123_456_789).grouped == "1,234,567.89")
        #expect(Money(minorUnits: 5).grouped == "0.05")
        #expect(Money(minorUnits: 99_900).grouped == "999.00")
        #expect(Money(minorUnits: 100_000).grouped == "1,000.00")
        #expect(Money(minorUnits: -100_000).grouped == "-1,000.00")
        for minor: Int64 in [1, 10, 99, 100, 12345, 100_000_000_000_000] {
            #expect(try Money(parsing: Money(minorUnits: minor).decimal).minorUnits == minor)
        }
    }

    /// The one-pass read of plain amounts gives what the general parse gives, for every
    /// text of one to three pieces out of digits, points, signs, spaces and look-alikes
    /// (9,723 texts).
    @Test func thePlainReadAgreesWithTheGeneralParse() {
        let pieces = ["0", "1", "5", "9", "00", "12", ".", "..", "-", "+", " ", "1000000000000", "999999999999", "01",
                      "\u{FF11}", "\u{661}", "e", ",", "\u{301}", "\t", "5\u{301}"]
        var texts = pieces
        for a in pieces { for b in pieces { texts.append(a + b); for c in pieces { texts.append(a + b + c) } } }
        var plain = 0
        for text in texts {
            let general = try? Money(parsingAnyText: text)
            if let fast = Money.plainMinorUnits(text) {
                plain += 1
                #expect(general?.minorUnits == fast, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            // Whatever the route, the public parse agrees with the general one.
            #expect((try? Money(parsing: text)) == general, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // The plain route is taken for 445 of them (digits with at most one point and
        // at most two decimals, not zero, not beyond the largest amount).
        #expect(texts.count == 9_723)
        #expect(plain == 445)
    }
}
