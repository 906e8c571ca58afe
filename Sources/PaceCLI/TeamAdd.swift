import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace team add east alice bob [--from DATE]`: members from a day on (default today).
struct TeamAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add members to a team (admins and the team's managers).",
        discussion: "Someone already in another team moves: their activity counts for the old team until the day before --from.")

    @Argument(help: "The team.") var team: String
    @Argument(help: "The users to add.") var users: [String]
    @Option(help: "The first day as a member (default today, the team's).") var from: String?
    @OptionGroup var global: GlobalOptions

    /// The events from `today` on (`--from` today, yesterday and tomorrow count from it).
    func events(today: CivilDate = today()) throws -> [EventPayload] {
        let day = try from.map { try parseDay($0, option: "--from", today: today) } ?? today
        return try validated { try users.map { .member(try MemberEvent(team: team, user: $0, action: .add, from: day)) } }
    }

    func validate() throws {
        guard !users.isEmpty else { throw ValidationError("Name at least one user to add.") }
        _ = try events()
    }

    func run() throws {
        // Whom the change takes out of another team, to say so (only admins may move them),
        // and the team's today.
        var leaving: [String: String] = [:]
        var day = today()
        try global.withClient { client in
            if let list = try? client.get(PaceAPI.TeamList.self, "/v1/teams") {
                for t in list.teams where t.name != team {
                    for m in t.members where m.until == nil && users.contains(m.user) { leaving[m.user] = t.name }
                }
            }
            day = teamToday(team, client: client)
        }
        let events = try events(today: day)
        try recordManagement(events, global: global)
        guard !global.json else { return }
        for case .member(let m) in events {
            if let old = leaving[m.user] { print("\(m.user) leaves \(old): their last day there is \(m.fromDate.adding(days: -1)).") }
        }
    }
}
