import ArgumentParser
import PaceAPI

/// `pace`: the Pace command line. One file per subcommand beside this one.
@main
struct Pace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pace",
        abstract: "Log sales work and see progress against targets.",
        discussion: "pace talks to paced over a Unix socket; paced knows who you are from the kernel.",
        version: PaceVersion.current,
        subcommands: [Log.self, TodayView.self, WeekView.self, MonthView.self, QuarterView.self, YearView.self, ProgressCommand.self,
                      History.self, VoidEvent.self, Team.self, CalendarCommand.self, Target.self, Report.self, Customers.self, PlanCommand.self, Review.self, Goal.self, Slips.self, Status.self, Verify.self, Rebuild.self]
    )

    static func main() {
        NegativeNumbers.rejectIfPresent(CommandLine.arguments)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
