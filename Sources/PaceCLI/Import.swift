import ArgumentParser

/// `pace import`: bulk loads.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import many events at once from a file.", subcommands: [ImportEvents.self])
}
