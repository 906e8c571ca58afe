import ArgumentParser
import Glibc
import PaceClient

/// `pace verify` (admins): check the hash chain and SQLite's integrity.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the event log's hash chain and the database's integrity (admins).",
        discussion: "Exits 0 when intact; 65 when the chain is broken, naming the first bad event.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let r = try client.verify()
            if global.json {
                try Output.json(r)
            } else {
                print("events    \(r.events)")
                print("head      \(r.headHash.isEmpty ? "(empty log)" : r.headHash)")
                print("chain     \(r.firstBadSeq.map { "BROKEN at event #\($0)" } ?? "intact")")
                print("integrity \(r.integrity)")
                print("readable  \(r.unreadable == 0 ? "all events" : "\(r.unreadable) events cannot be read")")
            }
            if !r.ok {
                printError("Error: \(r.problem ?? "the log failed verification.")")
                throw ExitCode(65)
            }
        }
    }
}
