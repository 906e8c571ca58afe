import ArgumentParser

/// `pace log`: record a visit, call, payment or order.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record a visit, call, payment or order.",
        subcommands: [LogVisit.self, LogCall.self, LogPayment.self, LogOrder.self]
    )
}
