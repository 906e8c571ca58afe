import ArgumentParser
import PaceClient

/// `pace goal plan|show`: the action plan behind a yearly goal.
struct Goal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goal",
        abstract: "Write down a goal's action plan (actions, reward, penalty, obstacles, support, milestones) and see it beside the goal's progress.",
        subcommands: [GoalPlanCommand.self, GoalShow.self])
}

/// Which goal: a metric's yearly target for me, a member, or a team.
struct GoalOptions: ParsableArguments {
    @Argument(help: "The metric, like revenue or visits.new.") var metric: String
    @Option(help: "The year.") var year: Int
    @Option(help: "A member's goal (themself, their manager, admins).") var user: String?
    @Option(help: "A team's goal (its managers, admins).") var team: String?

    func validate() throws {
        if user != nil && team != nil { throw ValidationError("Give --user or --team, not both.") }
    }

    var query: String {
        "metric=\(PaceClient.escape(metric))&year=\(year)" + (user.map { "&user=\(PaceClient.escape($0))" } ?? "")
            + (team.map { "&team=\(PaceClient.escape($0))" } ?? "")
    }
}
