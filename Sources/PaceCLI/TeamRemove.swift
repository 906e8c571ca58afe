import ArgumentParser
import PaceCore

/// `pace team remove east bob [--from DATE]`: bob is no longer a member from DATE (default today).
struct TeamRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a member from a team from a day on.")

    @Argument(help: "The team.") var team: String
    @Argument(help: "The user.") var user: String
    @Option(help: "The first day no longer a member (default today, the team's).") var from: String?
    @OptionGroup var global: GlobalOptions

    /// The event from `today` on (`--from` today, yesterday and tomorrow count from it).
    func event(today: CivilDate = today()) throws -> EventPayload {
        let day = try from.map { try parseDay($0, option: "--from", today: today) } ?? today
        return try validated { .member(try MemberEvent(team: team, user: user, action: .remove, from: day)) }
    }

    func validate() throws { _ = try event() }

    func run() throws {
        var day = today()
        try global.withClient { client in day = teamToday(team, client: client) }
        try recordManagement([event(today: day)], global: global)
    }
}
