import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace report --team T --by day|week|month [--from DATE --to DATE] [--metric M] [--json|--csv]`
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A team's members by period: actual / target / %, with the team's totals (managers, admins).")

    @Option(help: "The team.") var team: String
    @Option(help: "day, week or month.") var by = "week"
    @Option(help: "First day (default the 1st of this month).") var from: String?
    @Option(help: "Last day (default today).") var to: String?
    @Option(help: "The metric (default revenue).") var metric = "revenue"
    @Flag(help: "Print CSV.") var csv = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard ["day", "week", "month"].contains(by) else { throw ValidationError("--by \(by) is not day, week or month.") }
        _ = try validated { try Metric(parsing: metric) }
        if let from { _ = try parseDay(from, option: "--from") }
        if let to { _ = try parseDay(to, option: "--to") }
        if csv && global.json { throw ValidationError("Give --json or --csv, not both.") }
    }

    func run() throws {
        var q = "team=\(PaceClient.escape(team))&by=\(by)&metric=\(PaceClient.escape(metric))"
        if let from { q += "&from=\(try parseDay(from, option: "--from"))" }
        if let to { q += "&to=\(try parseDay(to, option: "--to"))" }
        try global.withClient { client in
            let r = try client.get(ReportView.self, "/v1/report?" + q)
            if global.json { return try Output.json(r) }
            let rows = r.members.flatMap { m in m.cells.map { (m.user, $0) } } + r.totals.map { ("TEAM", $0) }
            if csv {
                CSV.row(["period", "user", "actual", "target", "percent"])
                for (user, c) in rows.sorted(by: { ($0.1.period, $0.0) < ($1.1.period, $1.0) }) {
                    CSV.row([c.period, user, c.actual, c.target, c.percent.map(String.init) ?? ""])
                }
                return
            }
            print("\(r.metric) for team \(r.team), \(r.from) to \(r.to), by \(r.by)")
            let shown = r.totals.indices.flatMap { i in
                r.members.map { ($0.user, $0.cells[i]) } + [("TEAM", r.totals[i])]
            }
            let header = ["PERIOD", "WHO", "ACTUAL", "TARGET", "%"]
            var table = [header]
            for (user, c) in shown {
                table.append([c.period, user, ProgressText.show(r.metric, c.actual), ProgressText.show(r.metric, c.target), c.percent.map { "\($0)%" } ?? "-"])
            }
            for line in TextTable.render(table, rightAligned: [2, 3, 4]) { print(line) }
        }
    }
}
