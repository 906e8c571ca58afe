import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace target derive --team east --year 2027 [--history FROM..TO] [--ratio NAME=VALUE]... [--apply]`
struct TargetDerive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive the activity a team's revenue target needs from the team's own history.",
        discussion: """
            Starts from the team's revenue target R for the year and the team's history (default: the year before):
            AOV = revenue / orders; active customers = customers with an order; repurchase rate = of the customers \
            who ordered in the history's first half, the share who ordered again in its second half (with 2 years \
            of history or more: year over year, the last 365 days against the 365 before); revenue per repeat \
            customer = their yearly revenue; first-year revenue = a new customer's revenue in the 365 days from \
            their first order; conversion = first orders / visits.new; visits per existing customer = \
            visits.existing / active customers, a year; calls per order; product mix = each product's share of \
            line revenue.
            Then: expected repeat revenue = active x repurchase x revenue per repeat customer; customers.new = \
            ceil(max(0, R - that) / first-year revenue); visits.new = ceil(customers.new / conversion); \
            visits.existing = ceil(active x repurchase x visits per existing customer); orders = ceil(R / AOV); \
            calls = ceil(orders x calls per order); revenue:PRODUCT = R x mix, exact by largest remainder.
            Ratios: aov, active-customers, repurchase-rate, revenue-per-repeat-customer, first-year-revenue, \
            conversion, visits-per-existing-customer, calls-per-order. A ratio the history cannot give must be \
            given with --ratio (exit 65 names each). --apply records each derived figure as a yearly target of the \
            team, with the revenue target's profile and split, from today if the year has begun, each saying it \
            was derived and from what.
            """)

    @Option(help: "The team.") var team: String
    @Option(help: "The target year.") var year: Int
    @Option(help: "The history, FROM..TO (default: the whole year before).") var history: String?
    @Option(name: .customLong("ratio"), help: "A ratio given instead of computed, NAME=VALUE (repeatable).") var ratios: [String] = []
    @Flag(help: "Record the derived figures as the team's yearly targets.") var apply = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (2000...2100).contains(year) else { throw ValidationError("--year \(year) is not between 2000 and 2100.") }
        if let history, !history.contains("..") {
            throw ValidationError("--history \(history) is not a span like 2026-01-01..2026-12-31.")
        }
        for r in ratios where r.contains(",") { throw ValidationError("--ratio \(r): give one NAME=VALUE per --ratio.") }
    }

    func run() throws {
        var q = "team=\(PaceClient.escape(team))&year=\(year)"
        if let history { q += "&history=\(PaceClient.escape(history))" }
        if !ratios.isEmpty { q += "&ratios=\(PaceClient.escape(ratios.joined(separator: ",")))" }
        try global.withClient { client in
            let d = try client.get(DerivationView.self, "/v1/targets/derive?" + q)
            if global.json && !apply { return try Output.json(d) }
            if !global.json { print(Self.text(d)) }
            guard apply else { return }
            // All or none: refused before anything is recorded when a change cannot be planned.
            guard d.applyProblems.isEmpty else {
                printError("Error: --apply would be refused; nothing was recorded:\n" + d.applyProblems.map { "  " + $0 }.joined(separator: "\n"))
                throw ExitCode(65)
            }
            let from = d.applyFrom.flatMap { CivilDate(iso: Substring($0)) }
            let profile = try TargetProfile(parsing: d.profile)
            let payloads = try d.targets.filter { !d.unchanged.contains($0.metric) }.map { t -> EventPayload in
                let metric = try Metric(parsing: t.metric)
                return .target(try TargetEvent(scope: .team, name: d.team, metric: metric, year: d.year, amount: metric.parseAmount(t.amount),
                                               profile: profile, split: d.split, from: from, note: d.note))
            }
            var recorded: [EventRecord] = []
            for payload in payloads {
                let (event, _) = try client.append(AppendRequest(id: EventID.v7(at: SystemZone.now()), occurredAt: nil, subject: nil, payload: payload))
                recorded.append(event)
            }
            if global.json { return try Output.json(Applied(derivation: d, recorded: recorded)) }
            print("applied (\(d.profile)\(d.split.map { ", split \($0)" } ?? "")\(from.map { ", from \($0)" } ?? ", the whole year")):")
            for e in recorded { print(Output.formatter.recorded(e, created: true)) }
            if !d.unchanged.isEmpty { print("unchanged (already in force): \(d.unchanged.joined(separator: ", "))") }
        }
    }

    /// `--apply --json`: the derivation and the target events recorded, one document.
    struct Applied: Encodable {
        var derivation: DerivationView
        var recorded: [EventRecord]
    }

    /// The derivation as people read it: the history, each ratio and derived figure
    /// with how it was computed, and the targets.
    static func text(_ d: DerivationView) -> String {
        let h = d.history
        func show(_ name: String, _ value: String) -> String {
            let money = ["aov", "revenue-per-repeat-customer", "first-year-revenue", "expected repeat revenue", "revenue to win from new customers"]
            return money.contains(name) || name.hasPrefix("aov:") ? Metric.revenue.display(value) : value
        }
        var lines = [
            "Team \(d.team), \(d.year): revenue target \(Metric.revenue.display(d.revenueTarget))",
            "History \(h.from)..\(h.to): \(h.orders) orders, revenue \(Metric.revenue.display(h.revenue)), \(h.customers) customers "
                + "(\(h.newCustomers) new), \(h.visitsNew) visits.new, \(h.visitsExisting) visits.existing, \(h.calls) calls",
            "",
        ]
        let figures = (d.ratios + d.derived).map { [$0.name, show($0.name, $0.value), $0.given ? "given" : $0.rule] }
        lines += TextTable.render([["FIGURE", "VALUE", "FROM"]] + figures, rightAligned: [1])
        lines.append("")
        let targets = d.targets.map { t in [t.metric, (try? Metric(parsing: t.metric))?.display(t.amount) ?? t.amount, t.rule] }
        lines += TextTable.render([["TARGET", "AMOUNT", "RULE"]] + targets, rightAligned: [1])
        return lines.joined(separator: "\n")
    }
}
