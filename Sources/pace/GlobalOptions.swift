import ArgumentParser
import Glibc
import PaceClient

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "paced's socket (default: $PACE_SOCKET, ./.pace/pace.sock, /run/pace/pace.sock).")
    var socket: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    var socketPath: String {
        var env: [String: String] = [:]
        if let v = getenv("PACE_SOCKET") { env["PACE_SOCKET"] = String(cString: v) }
        return SocketLocator.resolve(flag: socket, environment: env, warn: printError)
    }

    /// Connects to paced and runs `body`; paced's errors go to stderr with their sysexits code.
    func withClient(_ body: (PaceClient) throws -> Void) throws {
        do {
            try body(try PaceClient(socketPath: socketPath))
        } catch let error as ClientError {
            printError("Error: \(error)")
            throw ExitCode(error.exitCode)
        }
    }
}
