import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace token`: personal bearer tokens, for using Pace from another machine.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke personal tokens for using Pace from another machine.",
        discussion: "Make a token on the server (over the Unix socket); use it elsewhere with `pace login URL --token TOKEN`. Only a hash of each token is kept.",
        subcommands: [TokenCreate.self, TokenListCommand.self, TokenRevoke.self])
}

/// `pace token create [--user U] [--name laptop] [--expires 90d]`
struct TokenCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a personal token; it is shown once.")

    @Option(help: "Whose token (admins); default yourself.") var user: String?
    @Option(help: "A label, like laptop.") var name: String?
    @Option(help: ArgumentHelp("How long it works: 30d, 12w (at most 366 days).", valueName: "days")) var expires = "90d"
    @OptionGroup var global: GlobalOptions

    func days() throws -> Int {
        let t = expires.trimmingWhitespace().lowercased()
        let n = Int(t.dropLast())
        switch t.last {
        case "d"?: if let n, (1...366).contains(n) { return n }
        case "w"?: if let n, (1...52).contains(n) { return n * 7 }
        default: break
        }
        throw ValidationError("--expires \(expires) is not a time like 90d or 12w (at most 366 days).")
    }

    func validate() throws { _ = try days() }

    func run() throws {
        let request = TokenRequest(user: user, name: name, expiresDays: try days())
        try global.withClient { client in
            let made = try client.post(TokenCreated.self, "/v1/tokens", body: request)
            if global.json { return try Output.json(made) }
            print(made.secret)
            printError("Token \(made.token.id) for \(made.token.user)\(made.token.name.map { " (\($0))" } ?? ""), valid until \(made.token.expiresAt.map(Output.formatter.when) ?? "revoked").")
            printError("It is shown only now. Use it on another machine with: pace login https://SERVER:PORT --token TOKEN")
        }
    }
}

/// `pace token list [--user U | --all]`
struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens: name, owner, created, expires, last used (never the secret).")

    @Option(help: "Another user's tokens (admins).") var user: String?
    @Flag(help: "Everyone's tokens (admins).") var all = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        var q: [String] = []
        if let user { q.append("user=\(PaceClient.escape(user))") }
        if all { q.append("all=true") }
        try global.withClient { client in
            let list = try client.get(TokenList.self, "/v1/tokens" + (q.isEmpty ? "" : "?" + q.joined(separator: "&")))
            if global.json { return try Output.json(list.tokens) }
            if list.tokens.isEmpty { return print("No tokens. Make one with: pace token create --name laptop") }
            let f = Output.formatter
            let rows = list.tokens.map { t in
                [t.id.text, t.user, t.name ?? "", f.when(t.createdAt), t.revokedAt.map { "revoked " + f.when($0) } ?? t.expiresAt.map(f.when) ?? "never",
                 t.lastUsedAt.map(f.when) ?? "never"]
            }
            for line in TextTable.render([["ID", "USER", "NAME", "CREATED", "EXPIRES", "LAST USED"]] + rows, rightAligned: []) { print(line) }
        }
    }
}

/// `pace token revoke ID`
struct TokenRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: it stops working at once.")

    @Argument(help: "The token's id (see pace token list).") var id: String
    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try validated { try EventID(parsing: id) } }

    func run() throws {
        try global.withClient { client in
            let t = try client.post(TokenView.self, "/v1/tokens/\(id)/revoke")
            if global.json { return try Output.json(t) }
            print("Revoked token \(t.id) of \(t.user)\(t.name.map { " (\($0))" } ?? "").")
        }
    }
}
