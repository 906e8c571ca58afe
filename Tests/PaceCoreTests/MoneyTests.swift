import PaceCore
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
}
