import PaceCore
import PropertyBased
import Testing

/// `pace target derive`'s arithmetic on a small history, every figure computed by hand.
struct DerivationTests {
    static func day(_ s: String) -> CivilDate { CivilDate(iso: Substring(s))! }

    /// 2026 (365 days, one year): halves 2026-01-01..2026-07-01 and 2026-07-02..2026-12-31.
    /// a ordered first in 2025; b, c and d are new in 2026. Amounts in minor units.
    static let history = Derivation.History(
        from: day("2026-01-01"), to: day("2026-12-31"),
        orders: [
            .init(customer: "a", day: day("2026-02-01"), amount: 1000_00, lines: [("widget", 1000_00)]),
            .init(customer: "b", day: day("2026-03-01"), amount: 1000_00, lines: [("gadget", 1000_00)]),
            .init(customer: "d", day: day("2026-04-01"), amount: 500_00, lines: [("gadget", 500_00)]),
            .init(customer: "a", day: day("2026-08-01"), amount: 2000_00, lines: [("widget", 1500_00), ("gadget", 500_00)]),
            .init(customer: "b", day: day("2026-09-01"), amount: 1000_00, lines: [("widget", 1000_00)]),
            .init(customer: "c", day: day("2026-10-01"), amount: 3000_00, lines: [("widget", 3000_00)]),
        ],
        newVisits: 6, existingVisits: 8, calls: 18,
        firstOrder: ["a": day("2025-06-01"), "b": day("2026-03-01"), "c": day("2026-10-01"), "d": day("2026-04-01")])

    func values(_ figures: [Derivation.Figure]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: figures.map { ($0.name, $0.value) })
    }

    @Test func everyRatioAndTargetAsComputedByHand() {
        let d = Derivation(revenueTarget: 12_000_00, history: Self.history)
        #expect(d.missing.isEmpty)
        #expect((d.orders, d.revenue, d.customers, d.newCustomers) == (6, 8500_00, 4, 3))
        let r = values(d.ratios)
        #expect(abs(r["aov"]! - 8500_00.0 / 6) < 1e-6)                       // 1,416.67
        #expect(r["active-customers"] == 4)
        #expect(abs(r["repurchase-rate"]! - 2.0 / 3) < 1e-12)                // a and b of a, b, d
        #expect(r["revenue-per-repeat-customer"] == 2500_00)                 // (3,000 + 2,000) / 2 / 1 year
        #expect(abs(r["first-year-revenue"]! - 5500_00.0 / 3) < 1e-6)       // (2,000 + 3,000 + 500) / 3
        #expect(r["conversion"] == 0.5)                                       // 3 first orders / 6 visits.new
        #expect(r["visits-per-existing-customer"] == 2)                       // 8 / 4 / 1 year
        #expect(r["calls-per-order"] == 3)                                    // 18 / 6
        #expect(r["aov:widget"] == 1625_00)                                   // 6,500 / 4 orders
        #expect(abs(r["aov:gadget"]! - 2000_00.0 / 3) < 1e-6)                // 2,000 / 3 orders
        let x = values(d.derived)
        #expect(x["expected repeat revenue"] == 666_667)                      // 4 × 2/3 × 2,500 = 6,666.67
        #expect(x["revenue to win from new customers"] == 533_333)            // 12,000 − 6,666.67
        #expect(d.targets.map { "\($0.metric) \($0.amount)" } == [
            "customers.new 3",       // ⌈5,333.33 / 1,833.33⌉ = ⌈2.909⌉
            "visits.new 6",          // ⌈3 / 0.5⌉
            "visits.existing 6",     // ⌈4 × 2/3 × 2⌉ = ⌈5.33⌉
            "orders 9",              // ⌈12,000 / 1,416.67⌉ = ⌈8.47⌉
            "calls 27",              // ⌈9 × 3⌉
            "revenue:gadget 282353", // 12,000 × 2,000/8,500 = 2,823.529…, and the one cent left over
            "revenue:widget 917647", // 12,000 × 6,500/8,500 = 9,176.470…
        ])
    }

    @Test func givenRatiosReplaceTheHistorysAndAreMarked() {
        let d = Derivation(revenueTarget: 12_000_00, history: Self.history, given: [.repurchaseRate: 0.75, .aov: 2000_00])
        let given = d.ratios.filter(\.given).map(\.name)
        #expect(given == ["aov", "repurchase-rate"])
        #expect(d.targets.first { $0.metric == .orders }?.amount == 6)        // ⌈12,000 / 2,000⌉
        #expect(d.targets.first { $0.metric == .visitsExisting }?.amount == 6)  // ⌈4 × 0.75 × 2⌉
    }

    @Test func withoutHistoryEachNeededRatioIsNamed() {
        let empty = Derivation.History(from: Self.day("2026-01-01"), to: Self.day("2026-12-31"), orders: [], newVisits: 0, existingVisits: 0,
                                       calls: 0, firstOrder: [:])
        let d = Derivation(revenueTarget: 12_000_00, history: empty)
        #expect(d.missing.map(\.ratio) == [.aov, .activeCustomers, .repurchaseRate, .revenuePerRepeatCustomer, .visitsPerExistingCustomer,
                                           .callsPerOrder, .firstYearRevenue, .conversion])
        // Given every ratio, the same empty history derives every target but the product mix.
        let all: [Derivation.Ratio: Double] = [.aov: 1000_00, .activeCustomers: 10, .repurchaseRate: 0.5, .revenuePerRepeatCustomer: 1000_00,
                                               .firstYearRevenue: 500_00, .conversion: 0.25, .visitsPerExistingCustomer: 4, .callsPerOrder: 2]
        let given = Derivation(revenueTarget: 12_000_00, history: empty, given: all)
        #expect(given.missing.isEmpty)
        // gap 12,000 − 10 × 0.5 × 1,000 = 7,000: 14 new customers, 56 new visits.
        #expect(given.targets.map { "\($0.metric) \($0.amount)" } == ["customers.new 14", "visits.new 56", "visits.existing 20", "orders 12", "calls 24"])
    }

    @Test func theProductMixAddsUpToTheTargetExactly() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000_000_00), Gen.int(in: 1...1_000_000).array(of: 1...6)) { target, weights in
            let orders = weights.enumerated().map { i, w in
                Derivation.History.Order(customer: "c\(i)", day: Self.day("2026-05-01"), amount: Int64(w), lines: [("p\(i)", Int64(w))])
            }
            let h = Derivation.History(from: Self.day("2026-01-01"), to: Self.day("2026-12-31"), orders: orders, newVisits: 1, existingVisits: 1,
                                       calls: 1, firstOrder: [:])
            let d = Derivation(revenueTarget: Int64(target), history: h)
            let products = d.targets.filter { if case .revenueOf = $0.metric { true } else { false } }
            #expect(products.count == weights.count)
            #expect(products.map(\.amount).reduce(0, +) == Int64(target))
        }
    }
}
