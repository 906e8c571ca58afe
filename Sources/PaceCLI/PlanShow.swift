import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace plan [show] [DATE] [--user U] [--json]`
struct PlanShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A day's plan, numbered, each item done, open or dropped (default: today).")

    @Argument(help: ArgumentHelp("The day: YYYY-MM-DD, today or tomorrow.", valueName: "date")) var date: String?
    @Option(help: "A member's plan (their manager, admins).") var user: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try date.map { try parseDay($0, option: "The date") } }

    func run() throws {
        var q = [String]()
        if let date { q.append("date=\(try parseDay(date, option: "The date"))") }
        if let user { q.append("user=\(PaceClient.escape(user))") }
        try global.withClient { client in
            let plan = try client.get(PlanView.self, "/v1/plan" + (q.isEmpty ? "" : "?" + q.joined(separator: "&")))
            if global.json { return try Output.json(plan) }
            print(Self.render(plan))
        }
    }

    static func render(_ plan: PlanView) -> String {
        let day = CivilDate(iso: Substring(plan.date)).map { "\($0.weekday.short) \($0)" } ?? plan.date
        guard !plan.items.isEmpty else { return "\(plan.user) has no plan for \(day). Add to it with `pace plan add \"...\" --for \(plan.date)`." }
        var lines = ["\(plan.user)'s plan for \(day)"]
        for item in plan.items { lines.append(line(item)) }
        let live = plan.items.filter { $0.state != .dropped }
        let done = live.filter { $0.state == .done }.count
        let dropped = plan.items.count - live.count
        lines.append("\(done) of \(live.count) done" + (dropped > 0 ? ", \(dropped) dropped" : ""))
        return lines.joined(separator: "\n")
    }

    /// ` 2. [open] Call Globex about the renewal (call Globex)`
    static func line(_ item: PlanView.Item) -> String {
        var s = "\(item.number < 10 ? " " : "")\(item.number). [\(item.state)] \(item.text)"
        if let c = item.customer { s += " (\(item.kind ?? "other") \(c))" }
        if let how = item.doneBy { s += ": \(how)" }
        if let why = item.reason { s += ": \(why)" }
        return s
    }
}
