import ArgumentParser
import PaceAPI

/// `pace team list`
struct TeamList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the teams.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let list = try client.get(PaceAPI.TeamList.self, "/v1/teams")
            if global.json { return try Output.json(list.teams) }
            if list.teams.isEmpty { return print("No teams yet. An admin creates one with: pace team create NAME --manager USER") }
            for t in list.teams {
                let managers = t.managers.isEmpty ? "no manager" : "managed by " + t.managers.joined(separator: ", ")
                print("\(t.name): \(t.members.count) members, \(managers); \(t.workdays) \(t.hours) \(t.timeZone)")
            }
        }
    }
}
