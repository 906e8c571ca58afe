import PaceCore

/// Body of `GET /v1/targets/derive`: what a team's revenue target for a year needs,
/// derived from the team's history (see ``Derivation`` for every rule). Money in the
/// deployment currency as decimal strings (`25000.00`); ratios to 4 decimals.
public struct DerivationView: Sendable, Codable, Equatable {
    /// The history the ratios came from, with its counts.
    public struct History: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        public var orders: Int
        public var revenue: String
        public var customers: Int
        public var newCustomers: Int
        public var visitsNew: Int
        public var visitsExisting: Int
        public var calls: Int
        /// The two spans the repurchase rate compares, `FROM..TO`.
        public var firstHalf: String
        public var secondHalf: String

        public init(from: String, to: String, orders: Int, revenue: String, customers: Int, newCustomers: Int, visitsNew: Int,
                    visitsExisting: Int, calls: Int, firstHalf: String, secondHalf: String) {
            self.from = from
            self.to = to
            self.orders = orders
            self.revenue = revenue
            self.customers = customers
            self.newCustomers = newCustomers
            self.visitsNew = visitsNew
            self.visitsExisting = visitsExisting
            self.calls = calls
            self.firstHalf = firstHalf
            self.secondHalf = secondHalf
        }

        enum CodingKeys: String, CodingKey {
            case from, to, orders, revenue, customers, calls
            case newCustomers = "new_customers", visitsNew = "visits_new", visitsExisting = "visits_existing"
            case firstHalf = "first_half", secondHalf = "second_half"
        }
    }

    /// One line of the derivation: a ratio from history (or given), or a derived amount.
    public struct Figure: Sendable, Codable, Equatable {
        public var name: String
        public var value: String
        /// How it was computed, or `given`.
        public var rule: String
        public var given: Bool

        public init(name: String, value: String, rule: String, given: Bool) {
            self.name = name
            self.value = value
            self.rule = rule
            self.given = given
        }
    }

    /// A yearly target the revenue target needs.
    public struct Target: Sendable, Codable, Equatable {
        public var metric: String
        public var amount: String
        public var rule: String

        public init(metric: String, amount: String, rule: String) {
            self.metric = metric
            self.amount = amount
            self.rule = rule
        }
    }

    public var team: String
    public var year: Int
    /// The team's revenue target for the year, R.
    public var revenueTarget: String
    public var history: History
    public var ratios: [Figure]
    public var derived: [Figure]
    public var targets: [Target]
    /// How `--apply` records the targets: the revenue target's profile and split, from
    /// this day (the team's today, when the year has begun; nil: the whole year).
    public var profile: String
    public var split: String?
    public var applyFrom: String?
    /// The note each applied target event carries: that it was derived, and the ratios used.
    public var note: String
    /// Targets that are already in force with the same amount, profile and split: `--apply` leaves them.
    public var unchanged: [String]
    /// Why `--apply` would be refused (a change the plan in force cannot take); empty when it may apply.
    public var applyProblems: [String]

    public init(team: String, year: Int, revenueTarget: String, history: History, ratios: [Figure], derived: [Figure], targets: [Target],
                profile: String, split: String?, applyFrom: String?, note: String, unchanged: [String] = [], applyProblems: [String] = []) {
        self.team = team
        self.year = year
        self.revenueTarget = revenueTarget
        self.history = history
        self.ratios = ratios
        self.derived = derived
        self.targets = targets
        self.profile = profile
        self.split = split
        self.applyFrom = applyFrom
        self.note = note
        self.unchanged = unchanged
        self.applyProblems = applyProblems
    }

    enum CodingKeys: String, CodingKey {
        case team, year, history, ratios, derived, targets, profile, split, note, unchanged
        case revenueTarget = "revenue_target", applyFrom = "apply_from", applyProblems = "apply_problems"
    }
}
