import ArgumentParser
import Glibc
import PaceAPI
import PaceClient
import PaceCore

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
        let saved: RemoteConfig?
        do {
            saved = try RemoteConfig.load(environment: env)
        } catch {
            throw ValidationError("\(error) Run pace login again, or pace logout.")
        }
        guard let url = server ?? env["PACE_URL"] ?? saved?.url else { return nil }
        guard RemoteConfig.hostPort(url) != nil else { throw ValidationError("\(url) is not an https://HOST:PORT address.") }
        guard let token = env["PACE_TOKEN"] ?? (saved?.url == url ? saved?.token : nil) else {
            throw ValidationError("\(url) needs a token: set PACE_TOKEN, or run pace login \(url) --token TOKEN.")
        }
        return RemoteConfig(url: url, token: token, ca: env["PACE_CA"] ?? (saved?.url == url ? saved?.ca : nil))
    }

    /// A client of the remote or local paced.
    func makeClient() throws -> PaceClient {
        if let remote = try remote() { return try PaceClient(remote: remote) }
        return try PaceClient(socketPath: socketPath)
    }

    /// This client's offline queue: per server and per local account (not per token, so
    /// that what waits in it survives a new token).
    func queue() throws -> OfflineQueue? {
        let server = try remote()?.url ?? socketPath
        return OfflineQueue(server: server, user: "uid \(getuid())", environment: Self.environment)
    }

    /// Connects to paced, sends what the offline queue holds, and runs `body`; paced's
    /// errors go to stderr with their sysexits code.
    func withClient(_ body: (PaceClient) throws -> Void) throws {
        do {
            let client = try makeClient()
            try sendQueued(client)
            try body(client)
        } catch let error as ClientError {
            printError("Error: \(error)")
            throw ExitCode(error.exitCode)
        }
    }

    /// Sends the queued requests in order; a refused one moves to `failed/` with its
    /// reason. Returns how many were stored and how many refused.
    ///
    /// Under the queue's lock, so that two pace commands never send the same requests.
    /// `pace sync` (`waitForLock`) waits for another command that holds it, then sends
    /// and counts only what is still queued, and fails (exit 74) if the lock cannot be
    /// taken. Any other command leaves the queue to the command sending it, and on a
    /// lock that cannot be taken warns and goes on with its own request.
    @discardableResult
    func sendQueued(_ client: PaceClient, quiet: Bool = false, waitForLock: Bool = false) throws -> (sent: Int, refused: Int) {
        guard let queue = try queue(), !queue.isEmpty else { return (0, 0) }
        do {
            return try queue.exclusively(wait: waitForLock) { try sendQueued(queue, client, quiet: quiet) } ?? (0, 0)
        } catch let error as OfflineQueue.LockError {
            if waitForLock {
                printError("Error: \(error)")
                throw ExitCode(74)
            }
            printError("Warning: \(error) The queued events were not sent.")
            return (0, 0)
        }
    }

    private func sendQueued(_ queue: OfflineQueue, _ client: PaceClient, quiet: Bool) throws -> (sent: Int, refused: Int) {
        var sent = 0, refused = 0
        for bad in queue.unreadable() {
            printError("Warning: \(bad) is not a queued request pace can read; it is left as it is.")
        }
        for (file, entry) in queue.pending() {
            do {
                _ = try client.append(entry.request)
                queue.remove(file)
                sent += 1
            } catch ClientError.api(let status, _, let message) where status == 401 {
                // The token, not the event: everything waits for a working token.
                printError("Warning: \(message) \(queue.pending().count) queued event(s) wait until you sign in again (pace login).")
                return (sent, refused)
            } catch ClientError.api(let status, _, let message) where status != 503 && status != 429 {
                try queue.fail(file, entry: entry, reason: message)
                refused += 1
            }
        }
        if !quiet && (sent > 0 || refused > 0) {
            printError("Sent \(sent) queued event\(sent == 1 ? "" : "s")" + (refused > 0 ? "; \(refused) refused (see pace sync)." : "."))
        }
        return (sent, refused)
    }

    /// Appends `request`, or, when paced cannot be reached and `queue` is true, keeps
    /// it in the offline queue (with its id and the time it was logged) and says so.
    func append(_ request: AppendRequest, queue useQueue: Bool, printRecorded: (EventRecord, Bool) throws -> Void) throws {
        do {
            let client = try makeClient()
            try sendQueued(client)
            let (event, created) = try client.append(request)
            try printRecorded(event, created)
        } catch let error as ClientError {
            switch error {
            case .unreachable(_, let code, _) where code == EPROTO:
                // A TLS failure (an untrusted certificate, a wrong host) is no network outage.
                printError("Error: \(error)")
                throw ExitCode(error.exitCode)
            case .unreachable, .protocolError:
                guard useQueue, let queue = try queue() else { fallthrough }
                var r = request
                r.occurredAt = r.occurredAt ?? SystemZone.now()
                let entry = try queue.enqueue(r, at: SystemZone.now())
                let what = Output.formatter.details(entry.request.payload)
                print("Queued (offline) \(r.payload.type.rawValue): \(what) at \(Output.formatter.when(r.occurredAt!)) (id \(r.id?.text ?? "?")): "
                      + "sent by your next pace command or pace sync.")
            default:
                printError("Error: \(error)")
                throw ExitCode(error.exitCode)
            }
        }
    }
}
