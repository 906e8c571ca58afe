import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace goal show METRIC --year 2027 [--user U | --team T] [--json]`
struct GoalShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A goal's action plan beside its progress and each milestone's state.")

    @OptionGroup var goal: GoalOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let v = try client.get(GoalView.self, "/v1/goals?" + goal.query)
            if global.json { return try Output.json(v) }
            let who = goal.team.map { "team \($0)" } ?? goal.user ?? "your"
            print("\(goal.metric) \(goal.year), \(who == "your" ? "your goal" : who)")
            if let p = v.progress {
                print("Goal: \(ProgressText.show(p.metric, p.target)); actual \(ProgressText.show(p.metric, p.actual)), expected by now \(ProgressText.show(p.metric, p.expected)), \(p.status)")
            } else {
                print("Goal: no target set for \(goal.year).")
            }
            guard let plan = v.plan else {
                return print("No action plan yet: write one with `pace goal plan \(goal.metric) --year \(goal.year) --action ...`.")
            }
            print("Action plan (version \(v.versions)):")
            for a in plan.actions { print("  Action: \(a)") }
            if let r = plan.reward { print("  Reward: \(r)") }
            if let p = plan.penalty { print("  Penalty: \(p)") }
            for o in plan.obstacles { print("  Obstacle: \(o)") }
            for s in plan.skills { print("  Skill: \(s)") }
            for s in plan.support { print("  Support: \(s)") }
            if !v.milestones.isEmpty { print("Milestones:") }
            for m in v.milestones {
                print("  \(m.date)  \(ProgressText.show(plan.metric.name, m.amount).leftPad(10))  actual \(ProgressText.show(plan.metric.name, m.actual).leftPad(10))  \(m.state)")
            }
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
