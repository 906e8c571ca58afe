import ArgumentParser
import PaceCore

/// `pace log visit ACME --new|--existing|--return [--note TEXT]`
struct LogVisit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visit", abstract: "Record a visit to a customer.")

    @Argument(help: "The customer.") var customer: String
    @Flag(help: "Whom the visit was to: a new customer, an existing one, or a return visit.") var kind: VisitKind
    @Option(help: "A note about the visit.") var note: String?
    @OptionGroup var log: LogOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try validated { try Visit(customer: customer, kind: kind, note: note) }
        _ = try log.parsed()
    }

    func run() throws {
        try log.record(.visit(Visit(customer: customer, kind: kind, note: note)), global: global)
    }
}

extension VisitKind: EnumerableFlag {
    public static func name(for value: VisitKind) -> NameSpecification { .customLong(value.rawValue) }
}
