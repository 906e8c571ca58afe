import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace target show (--company|--team T|--user U) --metric M --year 2027 --by quarter|month|third|week|day [--json|--csv]`
struct TargetShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a target's breakdown, with working days beside each row.")

    @OptionGroup var scope: ScopeOptions
    @Option(help: "The metric.") var metric: String
    @Option(help: "The year (default this year).") var year: Int?
    @Option(help: "year, quarter, month, third, week or day.") var by = "month"
    @Flag(help: "Print CSV.") var csv = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try validated { try Metric(parsing: metric) }
        guard YearPlan.Grain(rawValue: by) != nil else {
            throw ValidationError("--by \(by) is not one of: \(YearPlan.Grain.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if csv && global.json { throw ValidationError("Give --json or --csv, not both.") }
    }

    func run() throws {
        var q = "scope=\(scope.scope)&metric=\(PaceClient.escape(metric))&by=\(by)"
        if let name = scope.name { q += "&name=\(PaceClient.escape(name))" }
        if let year { q += "&year=\(year)" }
        try global.withClient { client in
            let t = try client.get(TargetView.self, "/v1/targets?" + q)
            for w in t.warnings { printError("Warning: \(w)") }
            if global.json { return try Output.json(t) }
            let m = try Metric(parsing: t.metric)
            func show(_ s: String) -> String { m.isMoney ? (try? Money(parsing: s).grouped) ?? s : s }
            if csv {
                CSV.row(["period", "start", "end", "target", "working_days"])
                for r in t.rows { CSV.row([r.period, r.start, r.end, r.target, String(r.workingDays)]) }
                return
            }
            let who = t.scope == "company" ? "company" : "\(t.scope) \(t.name ?? "")"
            print("\(t.metric) \(t.year) for \(who) (\(t.source)): \(show(t.total))")
            let rows = t.rows.map { [$0.period, show($0.target), String($0.workingDays)] }
            for line in TextTable.render([["PERIOD", "TARGET", "WORKING DAYS"]] + rows, rightAligned: [1]) { print(line) }
            if let members = t.members {
                print("members")
                for mt in members { print("  " + mt.user.padding(12) + " " + show(mt.target) + "  (\(mt.source))") }
                print("  " + "sum".padding(12) + " " + show(t.membersTotal ?? "0"))
                let gap = t.unallocated ?? "0"
                let label = gap.hasPrefix("-") ? "over-allocated" : "unallocated"
                print("  " + label.padding(12) + " " + show(gap.hasPrefix("-") ? String(gap.dropFirst()) : gap))
            }
        }
    }
}
