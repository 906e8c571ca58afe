import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace goal plan METRIC --year 2027 [--user U | --team T] --action ... --milestone DATE:AMOUNT ...`
struct GoalPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Record a goal's action plan; recording it again revises it (the latest wins, history is kept).")

    @OptionGroup var goal: GoalOptions
    @Option(help: "An action you will take (repeatable).") var action: [String] = []
    @Option(help: "The reward for reaching the goal.") var reward: String?
    @Option(help: "The penalty for missing it.") var penalty: String?
    @Option(help: "An obstacle in the way (repeatable).") var obstacle: [String] = []
    @Option(help: "A skill to build (repeatable).") var skill: [String] = []
    @Option(help: "Support needed (repeatable).") var support: [String] = []
    @Option(help: ArgumentHelp("A stage deadline: the cumulative amount since January 1 to reach by a day (repeatable).", valueName: "date:amount"))
    var milestone: [String] = []
    @OptionGroup var global: GlobalOptions

    /// The plan for the caller when neither --user nor --team is given: paced fills in the name.
    func plan(name: String) throws -> GoalPlan {
        try validated {
            let m = try Metric(parsing: goal.metric)
            return try GoalPlan(scope: goal.team == nil ? .user : .team, name: name, metric: m, year: goal.year, actions: action, reward: reward,
                                penalty: penalty, obstacles: obstacle, skills: skill, support: support,
                                milestones: milestone.map { try GoalPlan.Milestone(parsing: $0, metric: m, year: goal.year) })
        }
    }

    func validate() throws { _ = try plan(name: goal.team ?? goal.user ?? "me") }

    func run() throws {
        var name = goal.team ?? goal.user
        if name == nil { try global.withClient { name = try $0.status().caller } }
        let plan = try plan(name: name!)
        try recordManagement([.goal(plan)], global: global)
        // A milestone on a day off is judged at the close of the next working day: say so.
        var q = "metric=\(PaceClient.escape(plan.metric.name))&year=\(plan.year)"
        q += plan.scope == .team ? "&team=\(PaceClient.escape(plan.name))" : "&user=\(PaceClient.escape(plan.name))"
        try global.withClient { client in
            guard let view = try? client.get(GoalView.self, "/v1/goals?" + q) else { return }
            for m in view.milestones where m.due != m.date {
                printError("Warning: the milestone of \(m.date) falls on a day off; it is judged at the close of \(m.due), the next working day.")
            }
        }
    }
}
