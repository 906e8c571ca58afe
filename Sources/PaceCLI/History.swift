import ArgumentParser
import PaceClient
import PaceCore

/// `pace history [--since DATE] [--type TYPE] [--limit N] [--json]`: my events, newest first.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List your events, newest first. Voided events are marked.")

    @Option(help: ArgumentHelp("Only events on or after this day or time: 2026-11-01, 'yesterday 09:00', RFC 3339.", valueName: "date"))
    var since: String?
    @Option(help: "Only events of this type: visit, call, payment, order or void.") var type: String?
    @Option(help: "At most this many events.") var limit = 50
    @Option(help: "Another user's events (admins).") var user: String?
    @Flag(help: "Everyone's events (admins).") var all = false
    @OptionGroup var global: GlobalOptions

    func sinceTimestamp() throws -> Timestamp? {
        guard let since else { return nil }
        let zone = SystemZone()
        if let day = CivilDate(iso: Substring(since.trimmingWhitespace())) {
            return zone.instant(of: LocalDateTime(date: day, hour: 0, minute: 0))
        }
        return try validated { try WhenParser.parse(since, now: SystemZone.now(), zone: zone) }
    }

    func validate() throws {
        _ = try sinceTimestamp()
        if let type { _ = try validated { try EventType(recorded: type) } }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit \(limit) must be from 1 to 100000.") }
        if all && user != nil { throw ValidationError("Give --user or --all, not both.") }
    }

    func run() throws {
        let eventType = try type.map { try EventType(recorded: $0) }
        try global.withClient { client in
            let events = try client.events(subject: all ? "*" : user, since: sinceTimestamp(), type: eventType, limit: limit)
            if global.json {
                try Output.json(events)
            } else {
                print(Output.formatter.table(events, showSubject: all || user != nil))
            }
        }
    }
}
