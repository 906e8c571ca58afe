import ArgumentParser

/// `pace plan [DATE]`, `pace plan add|done|drop`: tomorrow's work, planned today.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Your plan for a day: add items, tick them off, drop them.",
        discussion: "Plan tomorrow's work at the end of each day. An item with --customer and --kind is ticked off when you log that kind of event for that customer on its day.",
        subcommands: [PlanShow.self, PlanAdd.self, PlanDone.self, PlanDrop.self], defaultSubcommand: PlanShow.self)
}
