import ArgumentParser
import PaceCore

/// `pace team add east alice bob [--from DATE]`: members from a day on (default today).
struct TeamAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add members to a team (admins and the team's managers).",
        discussion: "Someone already in another team moves: their activity counts for the old team until the day before --from.")

    @Argument(help: "The team.") var team: String
    @Argument(help: "The users to add.") var users: [String]
    @Option(help: "The first day as a member (default today).") var from: String?
    @OptionGroup var global: GlobalOptions

    func events() throws -> [EventPayload] {
        let day = try from.map { try parseDay($0, option: "--from") } ?? today()
        return try validated { try users.map { .member(try MemberEvent(team: team, user: $0, action: .add, from: day)) } }
    }

    func validate() throws {
        guard !users.isEmpty else { throw ValidationError("Name at least one user to add.") }
        _ = try events()
    }

    func run() throws { try recordManagement(events(), global: global) }
}
