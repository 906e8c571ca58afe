import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace review month [--month 2026-11] [--user U | --team T] [--json]`
struct ReviewMonth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "month", abstract: "The month's checkpoints: its early (1-10), middle (11-20) and late thirds against their targets.")

    @Option(help: ArgumentHelp("The month, like 2026-11 (default: this month).", valueName: "month")) var month: String?
    @Option(help: "A member's month (their manager, admins).") var user: String?
    @Option(help: "A team's month (its managers, admins).") var team: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if user != nil && team != nil { throw ValidationError("Give --user or --team, not both.") }
        if let month {
            let p = month.split(separator: "-")
            guard p.count == 2, p[0].count == 4, p[1].count == 2, Int(p[0]) != nil, let m = Int(p[1]), (1...12).contains(m) else {
                throw ValidationError("--month \(month) is not a month like 2026-11.")
            }
        }
    }

    func run() throws {
        var q = [String]()
        if let month { q.append("month=\(month)") }
        if let user { q.append("user=\(PaceClient.escape(user))") }
        if let team { q.append("team=\(PaceClient.escape(team))") }
        try global.withClient { client in
            let v = try client.get(MonthReviewView.self, "/v1/review/month" + (q.isEmpty ? "" : "?" + q.joined(separator: "&")))
            if global.json { return try Output.json(v) }
            print("Month \(v.month), \(v.subject)")
            for t in v.thirds {
                print("")
                print("\(t.name) (\(t.start) to \(t.end))")
                for line in ReviewText.table(t.figures) { print("  " + line) }
                print("  receivables at the end: \(ProgressText.show("revenue", t.receivables))"
                      + (t.credits == "0.00" ? "" : "; credits owed to customers: \(ProgressText.show("revenue", t.credits))"))
            }
        }
    }
}
