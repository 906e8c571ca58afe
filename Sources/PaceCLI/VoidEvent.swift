import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace void ID --reason TEXT`: record a correction. The original is never edited.
struct VoidEvent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Take back a mistaken event by recording a void. The original stays in the log.")

    @Argument(help: "The id of the event to void (see `pace history --json`).") var event: String
    @Option(help: "Why it is voided.") var reason: String
    @Option(help: ArgumentHelp("The void's own UUID, to make a retry idempotent.", valueName: "uuid")) var id: String?
    @Flag(name: .customLong("no-queue"), help: "When paced cannot be reached, fail (exit 69) instead of queueing the void.") var noQueue = false
    @OptionGroup var global: GlobalOptions

    func correction() throws -> Correction {
        try validated { try Correction(event: EventID(parsing: event), reason: reason) }
    }

    func validate() throws {
        _ = try correction()
        if let id { _ = try validated { try EventID(parsing: id) } }
    }

    func run() throws {
        let now = SystemZone.now()
        let request = AppendRequest(id: try id.map(EventID.init(parsing:)) ?? EventID.v7(at: now), occurredAt: nil,
                                    subject: nil, payload: .void(try correction()))
        try global.append(request, queue: !noQueue) { e, created in
            if global.json { try Output.json(e) } else { print(Output.formatter.recorded(e, created: created)) }
        }
    }
}
