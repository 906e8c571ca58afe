import ArgumentParser
import PaceCore

/// `pace log payment ACME 12000.50 [--ref TEXT]`: money returned by the customer.
struct LogPayment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payment", abstract: "Record money returned (paid) by a customer.")

    @Argument(help: "The customer.") var customer: String
    @Argument(help: "The amount, with at most 2 decimals, like 12000.50.") var amount: String
    @Option(name: .customLong("ref"), help: "The payment's reference, like an invoice number.") var reference: String?
    @OptionGroup var log: LogOptions
    @OptionGroup var global: GlobalOptions

    func payment() throws -> Payment {
        try validated { try Payment(customer: customer, amount: Money(parsing: amount), reference: reference) }
    }

    func validate() throws {
        _ = try payment()
        _ = try log.parsed()
    }

    func run() throws {
        try log.record(.payment(payment()), global: global)
    }
}
