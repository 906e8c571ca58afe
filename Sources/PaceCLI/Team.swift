import ArgumentParser

/// `pace team`: teams and their members.
struct Team: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Create teams, add and remove members, list and show teams.",
        subcommands: [TeamCreate.self, TeamAdd.self, TeamRemove.self, TeamList.self, TeamShow.self]
    )
}
