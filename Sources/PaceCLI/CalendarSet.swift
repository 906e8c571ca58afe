import ArgumentParser
import PaceCore

/// `pace calendar set east --tz Asia/Shanghai --workdays Mon-Fri --hours 09:00-18:00`
struct CalendarSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a team's time zone, working weekdays or hours.",
        discussion: "Only what is given changes. A team with no calendar starts from Mon-Fri 09:00-18:00 UTC.")

    @Argument(help: "The team.") var team: String
    @Option(help: "IANA time zone, like Asia/Shanghai.") var tz: String?
    @Option(help: "Working weekdays, like Mon-Fri or Sun-Thu.") var workdays: String?
    @Option(help: "Working hours, like 09:00-18:00.") var hours: String?
    @OptionGroup var global: GlobalOptions

    func event() throws -> EventPayload {
        try validated { .calendar(try CalendarEvent(team: team, change: .set, timeZone: tz, workdays: workdays, hours: hours)) }
    }

    func validate() throws { _ = try event() }
    func run() throws { try recordManagement([event()], global: global) }
}
