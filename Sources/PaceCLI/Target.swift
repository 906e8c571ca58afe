import ArgumentParser

/// `pace target`: set yearly targets and see them broken down to days.
struct Target: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Set yearly targets (admins, managers) and show their breakdown to quarters, months, thirds, weeks and days.",
        subcommands: [TargetSet.self, TargetShow.self, TargetDerive.self]
    )
}

/// `--company | --team T | --user U`, exactly one.
struct ScopeOptions: ParsableArguments {
    @Flag(help: "The company's target.") var company = false
    @Option(help: "A team's target.") var team: String?
    @Option(help: "A user's target.") var user: String?

    func validate() throws {
        let n = (company ? 1 : 0) + (team == nil ? 0 : 1) + (user == nil ? 0 : 1)
        guard n == 1 else { throw ValidationError("Give exactly one of --company, --team TEAM or --user USER.") }
    }

    var scope: String { company ? "company" : team != nil ? "team" : "user" }
    var name: String? { team ?? user }
}
