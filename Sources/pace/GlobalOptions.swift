import ArgumentParser
import Glibc
import PaceClient

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "paced's socket (default: $PACE_SOCKET, ./.pace/pace.sock, /run/pace/pace.sock).")
    var socket: String?

    @Option(help: ArgumentHelp("A remote paced, https://HOST:PORT, with $PACE_TOKEN (default: $PACE_URL, or where `pace login` signed in).", valueName: "url"))
    var server: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    var socketPath: String {
        var env: [String: String] = [:]
        if let v = getenv("PACE_SOCKET") { env["PACE_SOCKET"] = String(cString: v) }
        return SocketLocator.resolve(flag: socket, environment: env, warn: printError)
    }

    static var environment: [String: String] {
        var env: [String: String] = [:]
        for key in ["PACE_SOCKET", "PACE_URL", "PACE_TOKEN", "PACE_CA", "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        return env
    }

    /// The remote paced to use, if any: --server, or $PACE_URL, or the saved login; only
    /// when no socket is named (--socket, $PACE_SOCKET).
    func remote() throws -> RemoteConfig? {
        let env = Self.environment
        if socket != nil || (server == nil && env["PACE_SOCKET"] != nil) { return nil }
        let saved = RemoteConfig.load(environment: env)
        guard let url = server ?? env["PACE_URL"] ?? saved?.url else { return nil }
        guard RemoteConfig.hostPort(url) != nil else { throw ValidationError("\(url) is not an https://HOST:PORT address.") }
        guard let token = env["PACE_TOKEN"] ?? (saved?.url == url ? saved?.token : nil) else {
            throw ValidationError("\(url) needs a token: set PACE_TOKEN, or run pace login \(url) --token TOKEN.")
        }
        return RemoteConfig(url: url, token: token, ca: env["PACE_CA"] ?? (saved?.url == url ? saved?.ca : nil))
    }

    /// Connects to paced and runs `body`; paced's errors go to stderr with their sysexits code.
    func withClient(_ body: (PaceClient) throws -> Void) throws {
        do {
            if let remote = try remote() {
                try body(try PaceClient(remote: remote))
            } else {
                try body(try PaceClient(socketPath: socketPath))
            }
        } catch let error as ClientError {
            printError("Error: \(error)")
            throw ExitCode(error.exitCode)
        }
    }
}
