import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// Options shared by the four `pace log` subcommands.
struct LogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When it happened (default now): '2026-11-27 16:30', '16:30', 'yesterday 16:30' or RFC 3339. Local time is $TZ or the machine's zone.", valueName: "when"))
    var at: String?

    @Option(help: ArgumentHelp("The event's UUID; repeat a command with the same --id and it is recorded only once.", valueName: "uuid"))
    var id: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("Log for another user (admins).", valueName: "user"))
    var forUser: String?

    @Flag(name: .customLong("no-queue"), help: "When paced cannot be reached, fail (exit 69) instead of queueing the event to send later.")
    var noQueue = false

    /// Checks --at and --id; returns them parsed. Without --at the time is left to paced
    /// (nil: "now" on paced's clock), so that repeating the command with the same --id
    /// is the same event.
    func parsed() throws -> (at: Timestamp?, id: EventID) {
        let now = SystemZone.now()
        do {
            let when = try at.map { try WhenParser.parse($0, now: now, zone: SystemZone()) }
            let id = try id.map(EventID.init(parsing:)) ?? EventID.v7(at: now)
            return (when, id)
        } catch let e as InputError {
            throw ValidationError(e.message)
        }
    }

    /// Sends the event and prints what was recorded.
    func record(_ payload: EventPayload, global: GlobalOptions) throws {
        let (when, id) = try parsed()
        let request = AppendRequest(id: id, occurredAt: when, subject: forUser, payload: payload)
        try global.append(request, queue: !noQueue) { event, created in
            if global.json {
                try Output.json(event)
            } else {
                print(Output.formatter.recorded(event, created: created, caller: forUser == nil ? event.subject : event.recordedBy))
            }
        }
    }
}

/// Turns a domain validation failure into argument-parser's usage error (exit 64).
func validated<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as InputError {
        throw ValidationError(e.message)
    }
}
