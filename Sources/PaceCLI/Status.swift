import ArgumentParser
import PaceClient

/// `pace status`: paced's version, database, event count and uptime, and who you are to it.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show paced's version, database, event count and uptime.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let s = try client.status()
            if global.json { return try Output.json(s) }
            let address = client.connection.isRemote ? "url       " : "socket    "
            print("""
                paced     \(s.version)
                \(address)\(client.connection.path)
                \(s.database.map { "database  \($0)\n" } ?? "")events    \(s.events)
                currency  \(s.currency)
                uptime    \(EventFormatter.duration(seconds: s.uptimeSeconds))
                you       \(s.caller) (\(s.role))
                """)
            if let queue = try global.queue() {
                let (waiting, refused) = (queue.pending().count, queue.failed().count)
                if waiting > 0 { print("queued    \(waiting) (pace sync sends them)") }
                if refused > 0 { print("refused   \(refused) kept (see pace sync)") }
            }
        }
    }
}
