import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace plan add TEXT [--for tomorrow|DATE] [--customer C] [--kind K]`
struct PlanAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an item to a day's plan (default: your next working day).")

    @Argument(help: "What you will do.") var text: String
    @Option(name: .customLong("for"), help: ArgumentHelp("The day: YYYY-MM-DD, today or tomorrow (default: your next working day).", valueName: "day")) var day: String?
    @Option(help: "The customer it is about.") var customer: String?
    @Option(help: "visit, call, payment, order or other: with --customer, a logged event of this kind ticks it off.") var kind: String?
    @Option(name: .customLong("user"), help: "Plan for a member (their manager, admins).") var forUser: String?
    @OptionGroup var global: GlobalOptions

    func payload() throws -> PlanEvent {
        let date = try day.map { try parseDay($0, option: "--for") }
        var k: PlanEvent.Kind?
        if let kind {
            guard let v = PlanEvent.Kind(rawValue: kind.lowercased()) else {
                throw ValidationError("--kind \(kind) is not one of visit, call, payment, order, other.")
            }
            k = v
        }
        return try validated { try PlanEvent.add(text, date: date, customer: customer, kind: k) }
    }

    func validate() throws { _ = try payload() }

    func run() throws {
        let p = try payload()
        try global.withClient { client in
            let now = SystemZone.now()
            let (event, _) = try client.append(AppendRequest(id: EventID.v7(at: now), occurredAt: nil, subject: forUser, payload: .plan(p)))
            guard case .plan(let stored) = event.payload, let date = stored.date else { return }
            let plan = try client.get(PlanView.self, "/v1/plan?date=\(date)&user=\(PaceClient.escape(event.subject))")
            if global.json { return try Output.json(plan) }
            let item = plan.items.first { $0.id == event.id }
            print("Planned for \(date.weekday.short) \(date): " + (item.map { PlanShow.line($0).trimmingWhitespace() } ?? p.text ?? ""))
        }
    }
}
