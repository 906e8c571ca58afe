import ArgumentParser
import PaceCore

/// `pace calendar holiday add east 2027-02-16 [--to 2027-02-22] [--name "Spring Festival"]`
struct CalendarHolidayAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a holiday (or a span of them) to a team's calendar.")

    @Argument(help: "The team.") var team: String
    @Argument(help: "The (first) day off, YYYY-MM-DD.") var date: String
    @Option(help: "The last day off, for a span.") var to: String?
    @Option(help: "The holiday's name.") var name: String?
    @OptionGroup var global: GlobalOptions

    func event() throws -> EventPayload {
        let from = try parseDay(date, option: "date")
        let end = try to.map { try parseDay($0, option: "--to") }
        return try validated { .calendar(try CalendarEvent(team: team, change: .holiday, from: from, to: end, name: name)) }
    }

    func validate() throws { _ = try event() }
    func run() throws { try recordManagement([event()], global: global) }
}
