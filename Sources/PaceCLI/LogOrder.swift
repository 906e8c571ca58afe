import ArgumentParser
import PaceCore

/// `pace log order ACME 50000 [--line PRODUCT:QTY:AMOUNT]...`
struct LogOrder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "Record a signed order.",
        discussion: "If lines are given, their amounts must add up to the order's amount.")

    @Argument(help: "The customer.") var customer: String
    @Argument(help: "The order's amount, with at most 2 decimals.") var amount: String
    @Option(name: .customLong("line"), help: ArgumentHelp("A product line, like widget:3:1500.00 (repeatable).", valueName: "product:qty:amount"))
    var lines: [String] = []
    @OptionGroup var log: LogOptions
    @OptionGroup var global: GlobalOptions

    func order() throws -> Order {
        try validated {
            try Order(customer: customer, amount: Money(parsing: amount), lines: lines.map(OrderLine.init(parsing:)))
        }
    }

    func validate() throws {
        _ = try order()
        _ = try log.parsed()
    }

    func run() throws {
        try log.record(.order(order()), global: global)
    }
}
