import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace target set METRIC AMOUNT --year 2027 (--company | --team east | --user alice) [--profile P] [--split S] [--from DATE]`
struct TargetSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a yearly target.",
        discussion: """
            Metrics: visits, visits.new, visits.existing, visits.return, calls, payments, orders, revenue, customers.new, \
            revenue:PRODUCT, units:PRODUCT. Profiles: workdays (default), even, last-year, months:W1,...,W12, quarters:W1,...,W4. \
            Team targets are split to members by --split workdays (default), equal, or shares like alice=40,bob=60. \
            A change to a year already under way takes effect --from a day; earlier days keep their targets.
            """)

    @Argument(help: "The metric.") var metric: String
    @Argument(help: "The yearly amount (money with up to 2 decimals, or a count).") var amount: String
    @Option(help: "The year.") var year: Int
    @OptionGroup var scope: ScopeOptions
    @Option(help: "How the year is shaped over the months.") var profile = "workdays"
    @Option(help: "Team targets: how members share it.") var split: String?
    @Option(help: "The first day the change applies (YYYY-MM-DD).") var from: String?
    @OptionGroup var global: GlobalOptions

    func event() throws -> EventPayload {
        let fromDay = try from.map { try parseDay($0, option: "--from") }
        return try validated {
            let m = try Metric(parsing: metric)
            return .target(try TargetEvent(scope: TargetEvent.Scope(rawValue: scope.scope)!, name: scope.name, metric: m, year: year,
                                           amount: m.parseAmount(amount), profile: TargetProfile(parsing: profile), split: split, from: fromDay))
        }
    }

    func validate() throws { _ = try event() }
    func run() throws {
        let payload = try event()
        try recordManagement([payload], global: global)
        // Say so when the profile could not be followed as written (last-year without
        // history, weight on a month or quarter without working days).
        guard case .target(let t) = payload, t.profile != .workdays, t.profile != .even else { return }
        var q = "scope=\(t.scope.rawValue)&metric=\(PaceClient.escape(t.metric.name))&year=\(t.year)&by=year"
        if let name = t.name { q += "&name=\(PaceClient.escape(name))" }
        try global.withClient { client in
            for w in try client.get(TargetView.self, "/v1/targets?" + q).warnings { printError("Warning: \(w)") }
        }
    }
}
