import ArgumentParser
import PaceCore

/// `pace log call ACME [--minutes N] [--outcome TEXT]`
struct LogCall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "call", abstract: "Record a call with a customer.")

    @Argument(help: "The customer.") var customer: String
    @Option(help: "How long the call took, in minutes.") var minutes: Int?
    @Option(help: "What came of it.") var outcome: String?
    @OptionGroup var log: LogOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try validated { try Call(customer: customer, minutes: minutes, outcome: outcome) }
        _ = try log.parsed()
    }

    func run() throws {
        try log.record(.call(Call(customer: customer, minutes: minutes, outcome: outcome)), global: global)
    }
}
