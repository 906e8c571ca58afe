import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace slips [--since DATE] [--team T] [--json]`
struct Slips: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slips",
        abstract: "Slips paced has recorded: days and weeks behind target, weeks at risk, recoveries, planning reminders, missed milestones.",
        discussion: "Salespeople see their own; managers also their teams'; admins everyone's. Each slip also went to the systemd journal once (journalctl -t paced).")

    @Option(help: ArgumentHelp("Slips from this day on: 2026-11-23, today or yesterday (default: 7 days ago).", valueName: "date")) var since: String?
    @Option(help: "Only this team's slips (its managers, admins).") var team: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let since { _ = try parseDay(since, option: "--since") }
    }

    func run() throws {
        var query: [String] = []
        if let since { query.append("since=\(try parseDay(since, option: "--since"))") }
        if let team { query.append("team=\(PaceClient.escape(team))") }
        try global.withClient { client in
            let list = try client.get(SlipList.self, "/v1/slips" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
            if global.json { return try Output.json(list.slips) }
            if list.slips.isEmpty { return print("No slips" + (since.map { " since \($0)." } ?? " in the last 7 days.")) }
            let rows = list.slips.map { r in [String(r.seq), Output.formatter.when(r.at), r.slip.kind.level, r.message] }
            for line in TextTable.render([["SEQ", "WHEN", "LEVEL", "WHAT"]] + rows, rightAligned: [0]) { print(line) }
        }
    }
}
