import ArgumentParser
import PaceAPI
import PaceClient

/// `pace calendar show east --year 2027 [--json]`
struct CalendarShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show working days per month, holidays and make-up days.")

    @Argument(help: "The team.") var team: String
    @Option(help: "The year (default this year).") var year: Int?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let path = "/v1/teams/\(PaceClient.escape(team))/calendar" + (year.map { "?year=\($0)" } ?? "")
            let c = try client.get(CalendarView.self, path)
            if global.json { return try Output.json(c) }
            print("\(c.team) \(c.year): \(c.workdays) \(c.hours) \(c.timeZone)")
            print("working days  " + c.months.map { String($0.month.suffix(2)) + ":" + String($0.workingDays) }.joined(separator: " "))
            print("total         \(c.workingDays)")
            if !c.holidays.isEmpty {
                print("holidays")
                for d in c.holidays { print("  \(d.date)  \(d.name)") }
            }
            if !c.makeUpDays.isEmpty {
                print("make-up days")
                for d in c.makeUpDays { print("  \(d.date)  \(d.name)") }
            }
        }
    }
}
