import ArgumentParser
import Glibc
import PaceAPI
import PaceClient
import PaceCore

/// `pace login https://HOST:PORT --token TOKEN [--ca FILE]`: use a remote paced from now on.
struct Login: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Use a remote paced over HTTPS with your personal token (made on the server with pace token create).",
        discussion: "The login is kept in $XDG_CONFIG_HOME/pace/remote.json (default ~/.config/pace/remote.json), readable by you only. pace then talks to that server unless --socket or $PACE_SOCKET names a local one.")

    @Argument(help: "The server, like https://pace.example.com:8443.") var url: String
    @Option(help: "Your personal token.") var token: String
    @Option(help: ArgumentHelp("A CA certificate (PEM) to verify the server with, instead of the system's.", valueName: "file")) var ca: String?

    func validate() throws {
        guard RemoteConfig.hostPort(url) != nil else { throw ValidationError("\(url) is not an https://HOST:PORT address.") }
    }

    func run() throws {
        // The CA by its absolute path: pace runs from anywhere later.
        var absoluteCA = ca
        if let ca, !ca.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if getcwd(&buffer, buffer.count) != nil { absoluteCA = String(cString: buffer) + "/" + ca }
        }
        let config = RemoteConfig(url: url, token: token.trimmingWhitespace(), ca: absoluteCA)
        do {
            let status = try PaceClient(remote: config).status()
            try config.save(environment: GlobalOptions.environment)
            print("Logged in to \(url) as \(status.caller) (\(status.role)).")
        } catch let error as ClientError {
            printError("Error: \(error) Nothing was saved.")
            throw ExitCode(error.exitCode)
        }
    }
}

/// `pace logout`: forget the remote login.
struct Logout: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Forget the remote login; pace uses the local socket again.")

    func run() throws {
        print(RemoteConfig.remove(environment: GlobalOptions.environment) ? "Logged out." : "Not logged in.")
    }
}
