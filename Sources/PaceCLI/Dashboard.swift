import ArgumentParser
import PaceAPI
import PaceClient

/// `pace dashboard link [--user U]`: a one-time login link to the web dashboard.
struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The web dashboard paced serves on its HTTPS listener (--listen).",
        subcommands: [DashboardLink.self])
}

struct DashboardLink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Print a one-time login link to the dashboard (valid 15 minutes, opens one session).",
        discussion: "Anyone for themself, on the server; admins for anyone. Or sign in with a personal token (pace token create).")

    @Option(help: "Whose link (admins).") var user: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let link = try client.post(LoginLinkView.self, "/v1/login-links", body: LoginLinkRequest(user: user))
            if global.json { return try Output.json(link) }
            print(link.url)
            print("Opens one dashboard session for \(link.user); valid until \(link.expiresAt).")
        }
    }
}
