/// The necessary conditions of a revenue target (the planning method's first step):
/// what a team's revenue target R for a year needs in customers, visits, calls,
/// orders and product mix, derived from the team's own history.
///
/// **From history** [from, to] (days inclusive, the team's events; Y = days / 365):
/// - AOV = revenue ÷ orders; per product, the product's line revenue ÷ the orders with it.
/// - Active customers: customers with an order in the history.
/// - Repurchase rate: of the customers who ordered in the first half of the history,
///   the share who ordered again in the second half. With two years of history or
///   more, year over year: of the customers of the year before the last 365 days, the
///   share who ordered in the last 365 days.
/// - Revenue per repeat customer: those repeat customers' revenue in the history ÷
///   their number ÷ Y (a yearly figure).
/// - First-year revenue per new customer: for each customer whose first order ever
///   with the team falls in the history, the revenue of their first 365 days from it
///   (or up to the history's end), averaged.
/// - Conversion: those new customers ÷ `visits.new`.
/// - Visits per existing customer: `visits.existing` ÷ active customers ÷ Y.
/// - Calls per order: calls ÷ orders.
/// - Product mix: each product's share of the order lines' revenue.
///
/// **Derived for R** (counts rounded up, ⌈⌉):
/// expected repeat revenue = active × repurchase × revenue per repeat customer;
/// gap = max(0, R − expected repeat revenue); customers.new = ⌈gap ÷ first-year
/// revenue⌉; visits.new = ⌈customers.new ÷ conversion⌉; visits.existing = ⌈active ×
/// repurchase × visits per existing customer⌉; orders = ⌈R ÷ AOV⌉; calls = ⌈orders ×
/// calls per order⌉; revenue:PRODUCT = R × mix, exact by largest remainder.
///
/// It never guesses: a ratio the history cannot give (no order, no customer, no new
/// visit where one is needed) is named in ``missing``, unless it is given.
public struct Derivation: Sendable, Equatable {
    /// The ratios a derivation uses, by the names `--ratio NAME=VALUE` takes.
    public enum Ratio: String, Sendable, CaseIterable, Codable {
        case aov
        case activeCustomers = "active-customers"
        case repurchaseRate = "repurchase-rate"
        case revenuePerRepeatCustomer = "revenue-per-repeat-customer"
        case firstYearRevenue = "first-year-revenue"
        case conversion
        case visitsPerExistingCustomer = "visits-per-existing-customer"
        case callsPerOrder = "calls-per-order"

        /// Money ratios are in minor units (given as `25000.00`); the others plain numbers.
        public var isMoney: Bool { [.aov, .revenuePerRepeatCustomer, .firstYearRevenue].contains(self) }

        /// Parses a given value: money with up to 2 decimals, a count, or a decimal number; all ≥ 0.
        public func parse(_ text: String) throws -> Double {
            let t = text.trimmingWhitespace()
            // Plain decimals only: 0.25, 12, 25000.00 (no sign, no exponent).
            let parts = t.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                  parts[0].count <= 12, let v = Double(t), v.isFinite else {
                throw InputError("bad_ratio", "--ratio \(rawValue)=\(text): give a plain decimal number, like \(example).")
            }
            switch self {
            case .aov, .firstYearRevenue, .revenuePerRepeatCustomer:
                let minor = try Money(parsing: t).minorUnits
                guard minor > 0 || self == .revenuePerRepeatCustomer else {
                    throw InputError("bad_ratio", "--ratio \(rawValue)=\(text): an amount above 0, like \(example).")
                }
                return Double(minor)
            case .repurchaseRate:
                guard v <= 1 else { throw InputError("bad_ratio", "--ratio repurchase-rate=\(text): a rate is from 0 to 1, like 0.6.") }
            case .conversion:
                guard v > 0, v <= 1 else { throw InputError("bad_ratio", "--ratio conversion=\(text): first orders per new visit, above 0 and at most 1, like 0.25.") }
            case .activeCustomers:
                guard v.rounded() == v else { throw InputError("bad_ratio", "--ratio active-customers=\(text): give a whole number of customers.") }
            case .visitsPerExistingCustomer, .callsPerOrder:
                break
            }
            return v
        }

        public var example: String {
            switch self {
            case .aov, .revenuePerRepeatCustomer, .firstYearRevenue: "25000.00"
            case .activeCustomers: "40"
            case .repurchaseRate: "0.6"
            case .conversion: "0.25"
            case .visitsPerExistingCustomer: "6"
            case .callsPerOrder: "3.5"
            }
        }
    }

    /// What the history holds: the team's orders, visits and calls in [from, to], and
    /// each customer's first order ever with the team (which may be before `from`).
    public struct History: Sendable {
        public struct Order: Sendable {
            /// The customer in its one normalised form.
            public var customer: String
            public var day: CivilDate
            /// Minor units.
            public var amount: Int64
            /// Product (normalised) and line amount in minor units.
            public var lines: [(product: String, amount: Int64)]

            public init(customer: String, day: CivilDate, amount: Int64, lines: [(product: String, amount: Int64)]) {
                self.customer = customer
                self.day = day
                self.amount = amount
                self.lines = lines
            }
        }

        public var from: CivilDate
        public var to: CivilDate
        public var orders: [Order]
        public var newVisits: Int
        public var existingVisits: Int
        public var calls: Int
        public var firstOrder: [String: CivilDate]

        public init(from: CivilDate, to: CivilDate, orders: [Order], newVisits: Int, existingVisits: Int, calls: Int, firstOrder: [String: CivilDate]) {
            self.from = from
            self.to = to
            self.orders = orders
            self.newVisits = newVisits
            self.existingVisits = existingVisits
            self.calls = calls
            self.firstOrder = firstOrder
        }

        public var days: Int { Int(to.daysSinceEpoch - from.daysSinceEpoch) + 1 }
        /// The history's length in years of 365 days.
        public var years: Double { Double(days) / 365 }
    }

    /// One figure of the derivation: its value, how it was computed, and from what.
    public struct Figure: Sendable, Equatable {
        public var name: String
        /// Minor units for money figures; counts, rates and ratios as they are.
        public var value: Double
        public var isMoney: Bool
        /// How it was computed, e.g. `revenue 1,200.00 ÷ 4 orders`.
        public var rule: String
        /// Given with --ratio rather than computed from the history.
        public var given: Bool
    }

    /// A derived yearly target.
    public struct Target: Sendable, Equatable {
        public var metric: Metric
        /// Minor units for money metrics, a count otherwise.
        public var amount: Int64
        public var rule: String
    }

    /// The history's own counts, to show where the ratios came from.
    public var orders: Int
    public var revenue: Int64
    public var customers: Int
    public var newCustomers: Int
    public var newVisits: Int
    public var existingVisits: Int
    public var calls: Int
    /// The two halves (or years) the repurchase rate compares.
    public var firstHalf: (CivilDate, CivilDate)
    public var secondHalf: (CivilDate, CivilDate)

    public var ratios: [Figure] = []
    public var derived: [Figure] = []
    public var targets: [Target] = []
    /// Ratios needed that the history cannot give and that were not given, with why.
    public var missing: [(ratio: Ratio, reason: String)] = []

    public static func == (a: Derivation, b: Derivation) -> Bool {
        a.ratios == b.ratios && a.derived == b.derived && a.targets == b.targets && a.missing.map(\.ratio) == b.missing.map(\.ratio)
    }

    /// Derives the targets that a revenue target of `revenueTarget` minor units needs.
    public init(revenueTarget r: Int64, history h: History, given: [Ratio: Double] = [:]) {
        let ordersN = h.orders.count
        let revenue = h.orders.map(\.amount).saturatingSum()
        let active = Set(h.orders.map(\.customer))
        orders = ordersN
        self.revenue = revenue
        customers = active.count
        newVisits = h.newVisits
        existingVisits = h.existingVisits
        calls = h.calls
        // Halves, or the last two years of 365 days.
        if h.days >= 730 {
            firstHalf = (h.to.adding(days: -729), h.to.adding(days: -365))
            secondHalf = (h.to.adding(days: -364), h.to)
        } else {
            let mid = h.from.adding(days: h.days / 2)
            firstHalf = (h.from, mid.adding(days: -1))
            secondHalf = (mid, h.to)
        }
        let (f, s) = (firstHalf, secondHalf)
        let early = Set(h.orders.filter { $0.day >= f.0 && $0.day <= f.1 }.map(\.customer))
        let late = Set(h.orders.filter { $0.day >= s.0 && $0.day <= s.1 }.map(\.customer))
        let repeaters = early.intersection(late)
        let newOnes = Set(h.firstOrder.filter { $0.value >= h.from && $0.value <= h.to }.keys).intersection(active)
        newCustomers = newOnes.count
        let money = { (v: Double) in Money(minorUnits: Int64(v.rounded())).grouped }
        let period = "\(h.from)..\(h.to)"

        var values: [Ratio: Double] = [:]
        func ratio(_ r: Ratio, _ computed: (() -> (Double, String))?, missing why: String) {
            if let v = given[r] {
                values[r] = v
                ratios.append(Figure(name: r.rawValue, value: v, isMoney: r.isMoney, rule: "given", given: true))
            } else if let (v, rule) = computed?() {
                values[r] = v
                ratios.append(Figure(name: r.rawValue, value: v, isMoney: r.isMoney, rule: rule, given: false))
            } else {
                missing.append((r, why))
            }
        }
        ratio(.aov, ordersN > 0 ? { (Double(revenue) / Double(ordersN), "revenue \(money(Double(revenue))) ÷ \(ordersN) orders in \(period)") } : nil,
              missing: "no order in \(period)")
        ratio(.activeCustomers, active.isEmpty ? nil : { (Double(active.count), "customers with an order in \(period)") },
              missing: "no customer ordered in \(period)")
        ratio(.repurchaseRate, early.isEmpty ? nil : {
            (Double(repeaters.count) / Double(early.count),
             "\(repeaters.count) of the \(early.count) customers of \(f.0)..\(f.1) ordered again in \(s.0)..\(s.1)")
        }, missing: "no customer ordered in \(f.0)..\(f.1)")
        ratio(.revenuePerRepeatCustomer, repeaters.isEmpty ? nil : {
            let theirs = h.orders.filter { repeaters.contains($0.customer) }.map(\.amount).saturatingSum()
            return (Double(theirs) / Double(repeaters.count) / h.years,
                    "revenue \(money(Double(theirs))) of \(repeaters.count) repeat customers ÷ \(Self.years(h.years))")
        }, missing: "no customer of \(f.0)..\(f.1) ordered again in \(s.0)..\(s.1)")
        ratio(.visitsPerExistingCustomer, active.isEmpty ? nil : {
            (Double(h.existingVisits) / Double(active.count) / h.years,
             "\(h.existingVisits) visits.existing ÷ \(active.count) active customers ÷ \(Self.years(h.years))")
        }, missing: "no customer ordered in \(period)")
        ratio(.callsPerOrder, ordersN > 0 ? { (Double(h.calls) / Double(ordersN), "\(h.calls) calls ÷ \(ordersN) orders") } : nil,
              missing: "no order in \(period)")

        // Expected repeat revenue and the gap new customers must fill.
        var gap: Double?
        if let a = values[.activeCustomers], let rate = values[.repurchaseRate], let per = values[.revenuePerRepeatCustomer] {
            let expected = (a * rate * per).rounded()
            gap = max(0, Double(r) - expected)
            derived.append(Figure(name: "expected repeat revenue", value: expected, isMoney: true,
                                  rule: "\(Self.number(a)) active × \(Self.number(rate)) repurchase × \(money(per))", given: false))
            derived.append(Figure(name: "revenue to win from new customers", value: gap!, isMoney: true,
                                  rule: "max(0, \(money(Double(r))) − \(money(expected)))", given: false))
        }
        // First-year revenue and conversion are needed only when there is a gap to fill.
        if gap.map({ $0 > 0 }) ?? true {
            ratio(.firstYearRevenue, newOnes.isEmpty ? nil : {
                var total: Int64 = 0
                for c in newOnes {
                    let first = h.firstOrder[c]!, end = min(first.adding(days: 364), h.to)
                    total = total.adding(saturating: h.orders.filter { $0.customer == c && $0.day >= first && $0.day <= end }.map(\.amount).saturatingSum())
                }
                return (Double(total) / Double(newOnes.count), "revenue \(money(Double(total))) in the first year of \(newOnes.count) new customers")
            }, missing: "no customer placed a first order in \(period)")
            ratio(.conversion, newOnes.isEmpty || h.newVisits == 0 ? nil : {
                (Double(newOnes.count) / Double(h.newVisits), "\(newOnes.count) first orders ÷ \(h.newVisits) visits.new")
            }, missing: newOnes.isEmpty ? "no customer placed a first order in \(period)" : "no visits.new in \(period)")
        }

        func up(_ x: Double) -> Int64 { Int64(clamping: Int64((x - 1e-9).rounded(.up))) }
        if let gap {
            if gap == 0 {
                targets.append(Target(metric: .customersNew, amount: 0, rule: "no gap: repeat customers cover the target"))
                targets.append(Target(metric: .visitsNew, amount: 0, rule: "no new customers to win"))
            } else if let fy = values[.firstYearRevenue], fy > 0 {
                let n = up(gap / fy)
                targets.append(Target(metric: .customersNew, amount: n, rule: "⌈\(money(gap)) ÷ \(money(fy))⌉"))
                if let c = values[.conversion], c > 0 {
                    targets.append(Target(metric: .visitsNew, amount: up(Double(n) / c), rule: "⌈\(n) ÷ \(Self.number(c)) conversion⌉"))
                }
            }
        }
        if let a = values[.activeCustomers], let rate = values[.repurchaseRate], let v = values[.visitsPerExistingCustomer] {
            targets.append(Target(metric: .visitsExisting, amount: up(a * rate * v),
                                  rule: "⌈\(Self.number(a)) × \(Self.number(rate)) × \(Self.number(v)) visits⌉"))
        }
        if let aov = values[.aov], aov > 0 {
            let n = up(Double(r) / aov)
            targets.append(Target(metric: .orders, amount: n, rule: "⌈\(money(Double(r))) ÷ \(money(aov)) AOV⌉"))
            if let cpo = values[.callsPerOrder] {
                targets.append(Target(metric: .calls, amount: up(Double(n) * cpo), rule: "⌈\(n) orders × \(Self.number(cpo))⌉"))
            }
        }
        // Per product: AOV, mix, and R by the mix, exact by largest remainder.
        var byProduct: [String: (revenue: Int64, orders: Int)] = [:]
        for o in h.orders {
            var seen = Set<String>()
            for l in o.lines {
                byProduct[l.product, default: (0, 0)].revenue = byProduct[l.product, default: (0, 0)].revenue.adding(saturating: l.amount)
                if seen.insert(l.product).inserted { byProduct[l.product, default: (0, 0)].orders += 1 }
            }
        }
        let products = byProduct.keys.sorted()
        let lineTotal = products.map { byProduct[$0]!.revenue }.saturatingSum()
        if lineTotal > 0 {
            for p in products {
                let (rev, n) = byProduct[p]!
                ratios.append(Figure(name: "aov:\(p)", value: Double(rev) / Double(n), isMoney: true,
                                     rule: "revenue \(money(Double(rev))) ÷ \(n) orders with \(p)", given: false))
                ratios.append(Figure(name: "mix:\(p)", value: Double(rev) / Double(lineTotal), isMoney: false,
                                     rule: "\(money(Double(rev))) of \(money(Double(lineTotal))) line revenue", given: false))
            }
            let shares = Allocation.largestRemainder(max(0, r), weights: products.map { max(0, byProduct[$0]!.revenue) }) ?? []
            for (p, amount) in zip(products, shares) {
                targets.append(Target(metric: .revenueOf(p), amount: amount, rule: "\(money(Double(r))) × mix:\(p), largest remainder"))
            }
        }
    }

    /// `1 year`, `0.9096 years`.
    static func years(_ y: Double) -> String { number(y) + (number(y) == "1" ? " year" : " years") }

    /// A ratio as people read it: up to 4 decimals, no trailing zeros.
    public static func number(_ v: Double) -> String {
        var s = String(Int64((v * 10_000).rounded()))
        let negative = s.hasPrefix("-")
        if negative { s.removeFirst() }
        while s.count < 5 { s = "0" + s }
        var whole = String(s.dropLast(4)), frac = String(s.suffix(4))
        while frac.hasSuffix("0") { frac.removeLast() }
        if whole.isEmpty { whole = "0" }
        return (negative ? "-" : "") + whole + (frac.isEmpty ? "" : "." + frac)
    }
}
