import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace sync [--retry ID] [--discard ID]`: send what was logged offline.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send the events logged while paced could not be reached, in order; show those paced refused.",
        discussion: "Each queued event keeps its id, so sending it twice stores it once. One that paced refuses is kept with the reason until you retry or discard it.")

    @Option(help: ArgumentHelp("Put a refused event back in the queue and send it again.", valueName: "id")) var retry: [String] = []
    @Option(help: ArgumentHelp("Drop a refused event for good.", valueName: "id")) var discard: [String] = []
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let queue = try global.queue() else { throw ValidationError("Neither XDG_STATE_HOME nor HOME is set, so there is no queue.") }
        for id in retry + discard {
            guard let (file, entry) = queue.failed().first(where: { $0.entry.request.id?.text == id }) else {
                printError("Error: No refused event has the id \(id). See pace sync.")
                throw ExitCode(64)
            }
            if retry.contains(id) { try queue.retry(file, entry: entry) } else {
                queue.remove(file)
                print("Discarded \(entry.request.payload.type.rawValue) \(id).")
            }
        }
        let waiting = queue.pending().count
        do {
            let client = try global.makeClient()
            let (sent, refused) = try global.sendQueued(client, quiet: true, waitForLock: true)
            print(sent == 0 && waiting == 0 ? "Nothing queued." : "Sent \(sent) queued event\(sent == 1 ? "" : "s").")
            _ = refused
        } catch let error as ClientError {
            printError("Error: \(error) \(waiting) event\(waiting == 1 ? "" : "s") still queued.")
            throw ExitCode(error.exitCode)
        }
        let failed = queue.failed()
        for (_, e) in failed {
            let r = e.request
            print("Refused, kept: \(r.payload.type.rawValue) \(Output.formatter.details(r.payload)) at \(r.occurredAt.map(Output.formatter.when) ?? "?") "
                  + "(id \(r.id?.text ?? "?")): \((e.reason ?? "no reason given").trimmingSuffix(".")). Retry with pace sync --retry ID, or drop it with pace sync --discard ID.")
        }
        if !failed.isEmpty { throw ExitCode(65) }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
