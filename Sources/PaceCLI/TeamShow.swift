import ArgumentParser
import PaceCore
import PaceAPI
import PaceClient

/// `pace team show east`: managers, calendar, and every membership, past ones too.
struct TeamShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a team's managers, calendar and members.")

    @Argument(help: "The team.") var team: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let t = try client.get(TeamView.self, "/v1/teams/\(PaceClient.escape(team))")
            if global.json { return try Output.json(t) }
            print("team      \(t.name)")
            print("managers  \(t.managers.isEmpty ? "(none)" : t.managers.joined(separator: ", "))")
            print("calendar  \(t.workdays) \(t.hours) \(t.timeZone)")
            print("members")
            if t.members.isEmpty { print("  (none)") }
            for m in t.members {
                print("  \(m.user.padding(12)) from \(m.from)" + (m.until.flatMap { CivilDate(iso: Substring($0)) }.map { ", last day \($0.adding(days: -1))" } ?? ""))
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
