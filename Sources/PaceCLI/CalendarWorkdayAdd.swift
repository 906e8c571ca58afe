import ArgumentParser
import PaceCore

/// `pace calendar workday add east 2027-02-14 [--name "make-up day"]`: a day off that is worked.
struct CalendarWorkdayAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a make-up working day (a weekend day that is worked).")

    @Argument(help: "The team.") var team: String
    @Argument(help: "The day, YYYY-MM-DD.") var date: String
    @Option(help: "Its name.") var name: String?
    @OptionGroup var global: GlobalOptions

    func event() throws -> EventPayload {
        let day = try parseDay(date, option: "date")
        return try validated { .calendar(try CalendarEvent(team: team, change: .workday, from: day, name: name)) }
    }

    func validate() throws { _ = try event() }
    func run() throws { try recordManagement([event()], global: global) }
}
