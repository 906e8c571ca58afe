import Foundation
import GRDB
import PaceCore

/// The writing half of ``EventStore/rebuild(attributor:)``, on the writer's
/// connection: for each event ``ReplayReader`` hands over, with its payload (built
/// through the same checking initialisers as a decoded one) and where it counts (team
/// and local day), it writes the `event_attribution` row, and sums every other
/// projection row in memory, written once at the end (``finish()``).
///
/// The sums are keyed by interned ids (subjects, teams and metrics; days since the
/// epoch, with their text made once); accounts by index. Customer and product names
/// are normalised once per spelling.
struct ProjectionReplay {
    private struct TotalKey: Hashable { var subject: Int32; var team: Int32; var metric: Int32; var day: Int32 }
    private struct TeamKey: Hashable { var team: Int32; var metric: Int32; var day: Int32 }
    private struct Ref { var seq: Int64; var at: Int64; var subject: Int32; var team: Int32; var day: Int32 }
    /// An account as the log has it so far, voided events left out: its sums, its
    /// earliest order (occurred_at, then seq), and its first order and payment recorded.
    private struct Account {
        var ordered: Int64 = 0
        var paid: Int64 = 0
        var earliestOrder: Ref?
        var firstOrder: Ref?
        var firstPayment: Ref?
    }

    private let db: Database
    private(set) var last: Int64 = 0
    private var totals: [TotalKey: Int64] = [:]
    /// Every void of the log, read before the pass: voided seq → void seq. A voided
    /// event keeps its attribution row but adds nothing, which is what the writer's
    /// add-then-take-back leaves; so the pass keeps no memory of where events counted.
    private let voids: [Int64: Int64]
    /// Accounts by index, and the index, team and first spelling of each account key.
    private var accounts: [Account] = []
    private var accountIDs: [String: Int] = [:]
    private var accountNames: [(key: String, team: String, name: String)] = []
    private var metrics = NameTable()
    /// The plain metrics an event may add to (all but `customers.new`), with their ids.
    private var plainMetrics: [(Metric, Int32)] = []
    private var productIDs: [String: (revenue: Int32, units: Int32)] = [:]
    private let memo = CustomerKey.Memo()
    private let insertAttribution: RawStatement
    /// Interned subjects and teams.
    private var names = NameTable()
    private var dayTexts: [Int32: String] = [:]

    init(db: Database) throws {
        self.db = db
        // The writer records a void only of an earlier activity event not voided yet.
        var voids: [Int64: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.seq, v.seq FROM events v JOIN events t ON t.id = v.data ->> '$.event'
            WHERE v.type = 'void' AND json_valid(v.data) AND t.seq < v.seq AND t.type IN ('visit', 'call', 'payment', 'order')
            ORDER BY v.seq
            """)
        while let row = try rows.next() {
            let target: Int64 = row[0], by: Int64 = row[1]
            if voids[target] == nil { voids[target] = by }
        }
        self.voids = voids
        insertAttribution = try RawStatement(db.makeStatement(sql: "INSERT INTO event_attribution (seq, team, day, customer, amount) VALUES (?, ?, ?, ?, ?)"))
        plainMetrics = Metric.plain.filter { $0 != .customersNew }.map { ($0, metrics.id($0.name)) }
    }

    private mutating func add(subject: Int32, team: Int32, metric: Int32, day: Int32, _ value: Int64) {
        let k = TotalKey(subject: subject, team: team, metric: metric, day: day)
        // One lookup: the sum is changed where it lies.
        totals[k, default: 0].add(saturating: value)
    }

    /// The day's `YYYY-MM-DD`, made once per day.
    private mutating func dayText(_ day: Int32) -> String {
        if let t = dayTexts[day] { return t }
        let t = CivilDate(daysSinceEpoch: Int64(day)).description
        dayTexts[day] = t
        return t
    }

    /// Applies one event of the log, in seq order.
    mutating func apply(_ e: ReplayReader.Event) throws {
        last = e.seq
        guard let payload = e.payload else { return }
        let teamName = e.team, day = e.day
        let subject = names.id(e.subject), team = names.id(teamName)
        let account = Projection.account(of: payload, team: teamName, memo: memo)
        try insertAttribution.bind(e.seq, at: 1)
        try insertAttribution.bind(teamName, at: 2)
        try insertAttribution.bind(dayText(day), at: 3)
        try insertAttribution.bind(account?.key, at: 4)
        try insertAttribution.bind(account?.amount, at: 5)
        try insertAttribution.execute()
        let voided = voids[e.seq] != nil
        if !voided { addContributions(of: payload, subject: subject, team: team, day: day) }
        guard let account else { return }
        // The account keeps the first spelling seen, as the writer's, voided or not.
        let index: Int
        if let i = accountIDs[account.key] {
            index = i
        } else {
            index = accounts.count
            accountIDs[account.key] = index
            accountNames.append((account.key, teamName, account.name))
            accounts.append(Account())
        }
        settle(&accounts[index], amount: account.amount, voided: voided,
               Ref(seq: e.seq, at: e.occurredAt, subject: subject, team: team, day: day))
    }

    /// What the event adds to the daily totals, as ``Projection/contributions(of:)``
    /// has it, through interned metric ids. That function sums an order's lines per
    /// product before they are added; here each line is added in turn, which gives the
    /// same totals because every amount and quantity read through ``Money/init(parsing:)``
    /// and ``OrderLine`` is positive (a saturating sum of positives does not depend on
    /// the grouping).
    private mutating func addContributions(of payload: EventPayload, subject: Int32, team: Int32, day: Int32) {
        for (metric, i) in plainMetrics {
            let v = metric.contribution(of: payload)
            if v != 0 { add(subject: subject, team: team, metric: i, day: day, v) }
        }
        guard case .order(let o) = payload else { return }
        for line in o.lines {
            let ids = productMetrics(line.product)
            add(subject: subject, team: team, metric: ids.revenue, day: day, line.amount.minorUnits)
            add(subject: subject, team: team, metric: ids.units, day: day, Int64(line.quantity))
        }
    }

    /// The ids of a product's `revenue:P` and `units:P` metrics (its name normalised),
    /// found once per spelling.
    private mutating func productMetrics(_ product: String) -> (revenue: Int32, units: Int32) {
        if let ids = productIDs[product] { return ids }
        let ids = (metrics.id(memo.metric(Metric.revenueOf(product).name)), metrics.id(memo.metric(Metric.unitsOf(product).name)))
        productIDs[product] = ids
        return ids
    }

    /// An order (amount >= 0) or payment of the account; a voided one adds nothing.
    /// Seq only grows: the first recorded is the first seen; the earliest has the
    /// smallest time, the first seen among equal times.
    private func settle(_ a: inout Account, amount: Int64, voided: Bool, _ ref: Ref) {
        guard !voided else { return }
        if amount >= 0 {
            a.ordered.add(saturating: amount)
            if a.firstOrder == nil { a.firstOrder = ref }
            if a.earliestOrder.map({ ref.at < $0.at }) ?? true { a.earliestOrder = ref }
        } else {
            a.paid.add(saturating: -amount)
            if a.firstPayment == nil { a.firstPayment = ref }
        }
    }

    /// Writes the summed rows: customers (with each account's first order and owner),
    /// daily and team totals, voids, and the checkpoint.
    mutating func finish() throws {
        let customersNew = metrics.id(Metric.customersNew.name)
        // Rows go in in their key's order (SQLite's, of UTF-8 bytes): the tables are
        // WITHOUT ROWID, so each lands after the last instead of anywhere in the tree.
        func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        func ranks(_ strings: [String]) -> [Int32] {
            var rank = [Int32](repeating: 0, count: strings.count)
            for (r, i) in strings.indices.sorted(by: { byteOrder(strings[$0], strings[$1]) }).enumerated() { rank[i] = Int32(r) }
            return rank
        }
        let insertCustomer = try RawStatement(db.makeStatement(sql: """
            INSERT INTO customers (key, team, name, first_seq, first_at, owner, ordered, paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """))
        for i in accounts.indices.sorted(by: { byteOrder(accountNames[$0].key, accountNames[$1].key) }) {
            let a = accounts[i], account = accountNames[i]
            if let f = a.earliestOrder {
                add(subject: f.subject, team: f.team, metric: customersNew, day: f.day, 1)
            }
            // The owner recorded the first order (else payment), as the writer has it.
            let owner = (a.firstOrder ?? a.firstPayment).map { names[$0.subject] }
            try insertCustomer.bind(account.key, at: 1)
            try insertCustomer.bind(account.team, at: 2)
            try insertCustomer.bind(account.name, at: 3)
            try insertCustomer.bind(a.earliestOrder?.seq, at: 4)
            try insertCustomer.bind(a.earliestOrder?.at, at: 5)
            try insertCustomer.bind(owner, at: 6)
            try insertCustomer.bind(a.ordered, at: 7)
            try insertCustomer.bind(a.paid, at: 8)
            try insertCustomer.execute()
        }
        let nameRank = ranks(names.names), metricRank = ranks(metrics.names)
        let rows = totals.filter { $0.value != 0 }.sorted { x, y in
            let a = x.key, b = y.key
            if a.subject != b.subject { return nameRank[Int(a.subject)] < nameRank[Int(b.subject)] }
            if a.team != b.team { return nameRank[Int(a.team)] < nameRank[Int(b.team)] }
            if a.metric != b.metric { return metricRank[Int(a.metric)] < metricRank[Int(b.metric)] }
            return a.day < b.day
        }
        let insertTotal = try RawStatement(db.makeStatement(sql: "INSERT INTO daily_totals (subject, team, metric, day, value) VALUES (?, ?, ?, ?, ?)"))
        var teamTotals: [TeamKey: Int64] = [:]
        for (k, v) in rows {
            try insertTotal.bind(names[k.subject], at: 1)
            try insertTotal.bind(names[k.team], at: 2)
            try insertTotal.bind(metrics[k.metric], at: 3)
            try insertTotal.bind(dayText(k.day), at: 4)
            try insertTotal.bind(v, at: 5)
            try insertTotal.execute()
            let t = TeamKey(team: k.team, metric: k.metric, day: k.day)
            teamTotals[t, default: 0].add(saturating: v)
        }
        let teamRows = teamTotals.filter { $0.value != 0 }.sorted { x, y in
            let a = x.key, b = y.key
            if a.team != b.team { return nameRank[Int(a.team)] < nameRank[Int(b.team)] }
            if a.metric != b.metric { return metricRank[Int(a.metric)] < metricRank[Int(b.metric)] }
            return a.day < b.day
        }
        let insertTeamTotal = try RawStatement(db.makeStatement(sql: "INSERT INTO team_daily_totals (team, metric, day, value) VALUES (?, ?, ?, ?)"))
        for (t, v) in teamRows {
            try insertTeamTotal.bind(names[t.team], at: 1)
            try insertTeamTotal.bind(metrics[t.metric], at: 2)
            try insertTeamTotal.bind(dayText(t.day), at: 3)
            try insertTeamTotal.bind(v, at: 4)
            try insertTeamTotal.execute()
        }
        let insertVoided = try db.makeStatement(sql: "INSERT INTO voided (event_seq, void_seq) VALUES (?, ?)")
        for (event, by) in voids.sorted(by: { $0.key < $1.key }) { try insertVoided.execute(arguments: [event, by]) }
        if last > 0 {
            try db.execute(sql: "INSERT INTO checkpoints (projection, seq) VALUES ('projections', ?)", arguments: [last])
        }
    }
}
