import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace`: the Pace command line. One file per subcommand beside this one; the
/// executable is `@main` and one call to ``main()``.
public struct PaceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pace",
        abstract: "Log sales work and see progress against targets.",
        discussion: "pace talks to paced over a Unix socket, where paced knows who you are from the kernel, or over HTTPS with your personal token (pace login).",
        version: PaceVersion.current,
        subcommands: [Log.self, TodayView.self, WeekView.self, MonthView.self, QuarterView.self, YearView.self, ProgressCommand.self,
                      History.self, VoidEvent.self, Team.self, CalendarCommand.self, Target.self, Report.self, Customers.self, PlanCommand.self, Review.self, Goal.self, Slips.self, User.self, Token.self, Dashboard.self, Import.self, Login.self, Logout.self, Sync.self, Status.self, Verify.self, Rebuild.self]
    )

    /// Options shared by every command (`--socket PATH`, `--server URL`, `--json`) may come before the
    /// subcommand, as with git and docker: they are moved to the end, where each
    /// subcommand's `GlobalOptions` reads them.
    static func globalOptionsMovedLast(_ args: [String]) -> [String] {
        var rest = args[...]
        var moved: [String] = []
        while let first = rest.first {
            if first == "--json" {
                moved.append(first)
                rest = rest.dropFirst()
            } else if first == "--socket" || first == "--server", rest.count >= 2 {
                moved += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--socket=") || first.hasPrefix("--server=") {
                moved.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !moved.isEmpty, !rest.isEmpty else { return args }
        // After a `--` every word is an argument: put the options before it.
        if let dashes = rest.firstIndex(of: "--") {
            return Array(rest[..<dashes]) + moved + Array(rest[dashes...])
        }
        return Array(rest) + moved
    }

    public init() {}

    /// Parses the command line, runs the command, and exits with its sysexits code.
    public static func main() {
        NegativeNumbers.rejectIfPresent(CommandLine.arguments)
        do {
            try SystemZone.validateEnvironment()
        } catch let e as InputError {
            printError("Error: \(e.message)")
            exit(withError: ExitCode(64))
        } catch {
            exit(withError: error)
        }
        do {
            var command = try parseAsRoot(Self.globalOptionsMovedLast(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
