import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// Options of `pace plan done` and `pace plan drop`: which item of which day.
struct PlanItemOptions: ParsableArguments {
    @Argument(help: "The item's number in `pace plan`.") var number: Int
    @Option(help: ArgumentHelp("The plan's day: YYYY-MM-DD, today or tomorrow (default: today).", valueName: "day")) var date: String?
    @Option(help: "A member's plan (their manager, admins).") var user: String?

    func validate() throws {
        guard number >= 1 else { throw ValidationError("Plan items are numbered from 1; see `pace plan`.") }
        _ = try date.map { try parseDay($0, option: "--date") }
    }

    /// Marks the item `action` (done or drop) and prints it.
    func change(_ action: PlanEvent.Action, reason: String?, global: GlobalOptions) throws {
        try global.withClient { client in
            var q = [String]()
            if let date { q.append("date=\(try parseDay(date, option: "--date"))") }
            if let user { q.append("user=\(PaceClient.escape(user))") }
            let plan = try client.get(PlanView.self, "/v1/plan" + (q.isEmpty ? "" : "?" + q.joined(separator: "&")))
            guard let item = plan.items.first(where: { $0.number == number }) else {
                throw ClientError.api(status: 404, code: "no_plan_item", message: plan.items.isEmpty
                    ? "\(plan.user) has no plan for \(plan.date), so no item \(number). See `pace plan`."
                    : "\(plan.user)'s plan for \(plan.date) has no item \(number); it has \(plan.items.count). See `pace plan \(plan.date)`.")
            }
            let event = try validated { try PlanEvent(action: action, date: nil, text: nil, customer: nil, kind: nil, item: item.id, reason: reason) }
            let now = SystemZone.now()
            let (stored, _) = try client.append(AppendRequest(id: EventID.v7(at: now), occurredAt: nil, subject: user, payload: .plan(event)))
            if global.json { return try Output.json(stored) }
            print("\(action == .done ? "Done" : "Dropped"): \(number). \(item.text) (\(plan.date))")
        }
    }
}

/// `pace plan done N [--date D] [--user U]`
struct PlanDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a plan item done by hand.")
    @OptionGroup var item: PlanItemOptions
    @OptionGroup var global: GlobalOptions
    func run() throws { try item.change(.done, reason: nil, global: global) }
}

/// `pace plan drop N --reason TEXT [--date D] [--user U]`
struct PlanDrop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drop", abstract: "Drop a plan item, saying why.")
    @OptionGroup var item: PlanItemOptions
    @Option(help: "Why it is dropped.") var reason: String
    @OptionGroup var global: GlobalOptions
    func validate() throws {
        _ = try validated { try Text.required(reason, field: "reason", limit: Limits.reason, code: "bad_reason") }
    }
    func run() throws { try item.change(.drop, reason: reason, global: global) }
}
