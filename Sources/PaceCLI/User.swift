import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace user`: Pace users (admins).
struct User: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and show Pace users (admins).",
        discussion: "A Pace user is who a personal token, or a Unix login of the same name on the server, stands for. Team members are Pace users.",
        subcommands: [UserAdd.self, UserList.self, UserShow.self])
}

/// `pace user add alice --name "Alice Wang" [--email alice@example.com]`
struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a Pace user (admins).")

    @Argument(help: "The user name: lower-case letters, digits, '.', '_' or '-'.") var user: String
    @Option(help: "The person's name, like \"Alice Wang\".") var name: String?
    @Option(help: "Their email address.") var email: String?
    @OptionGroup var global: GlobalOptions

    func event() throws -> EventPayload { try validated { .user(try UserEvent(name: user, displayName: name, email: email)) } }
    func validate() throws { _ = try event() }
    func run() throws { try recordManagement([event()], global: global) }
}

/// `pace user list`
struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the Pace users (admins).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let list = try client.get(PaceAPI.UserList.self, "/v1/users")
            if global.json { return try Output.json(list.users) }
            let rows = list.users.map { u in
                [u.name, u.displayName ?? "", u.email ?? "", u.teams.joined(separator: ","), u.manages.joined(separator: ",")]
            }
            for line in TextTable.render([["USER", "NAME", "EMAIL", "TEAM", "MANAGES"]] + rows, rightAligned: []) { print(line) }
        }
    }
}

/// `pace user show alice`
struct UserShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a Pace user (admins, or yourself).")

    @Argument(help: "The user.") var user: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.withClient { client in
            let u = try client.get(UserView.self, "/v1/users/\(PaceClient.escape(user))")
            if global.json { return try Output.json(u) }
            print("user      \(u.name)")
            if let n = u.displayName { print("name      \(n)") }
            if let e = u.email { print("email     \(e)") }
            print("team      \(u.teams.isEmpty ? "none" : u.teams.joined(separator: ", "))")
            if !u.manages.isEmpty { print("manages   \(u.manages.joined(separator: ", "))") }
        }
    }
}
