import ArgumentParser
import PaceCore

/// `pace team create east [--manager carol]...` (admins)
struct TeamCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a team (admins).")

    @Argument(help: "The team's name, like east.") var name: String
    @Option(name: .customLong("manager"), help: "A manager of the team (repeatable).") var managers: [String] = []
    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try validated { try TeamEvent(name: name, managers: managers) } }

    func run() throws { try recordManagement([.team(TeamEvent(name: name, managers: managers))], global: global) }
}
