import ArgumentParser
import PaceAPI

/// `pace rebuild` (admins): replay the log into fresh projections.
struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Replay the whole log into fresh progress projections (admins).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let r = try client.post(RebuildResponse.self, "/v1/rebuild")
            if global.json { return try Output.json(r) }
            print("Rebuilt the projections from \(r.events) events in \(r.milliseconds) ms.")
        }
    }
}
