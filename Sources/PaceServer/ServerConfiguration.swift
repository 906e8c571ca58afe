import PaceApp
import PaceCore

/// How paced runs. Every field has a default suited to a system service; `paced`'s
/// flags override them, and `make run` points them at `./.pace/`.
public struct ServerConfiguration: Sendable {
    /// The SQLite database file. Created with its directory's permissions if missing.
    public var databasePath: String = "/var/lib/pace/pace.db"
    /// The Unix socket clients connect to.
    public var socketPath: String = "/run/pace/pace.sock"
    /// File mode of the socket. 0666 lets every local user connect; who they are
    /// still comes from the kernel (SO_PEERCRED), never from the request.
    public var socketMode: UInt32 = 0o666
    /// The one currency of this deployment (ISO 4217 code). Amounts have 2 decimals.
    public var currency: String = "EUR"
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int = 64 * 1024
    /// How far in the future an event's `occurred_at` may be (clock skew allowance), in seconds.
    public var futureToleranceSeconds: Int64 = 300
    /// Members of this Unix group (and root) are admins.
    public var adminGroup: String = "pace-admin"
    /// When progress is on track, at risk or behind (tolerance 0.05, behind below 0.8).
    public var thresholds = Progress.Thresholds()
    /// How long after the end of a working day its slips are checked, in minutes:
    /// time to log the day's last calls.
    public var graceMinutes: Int = 30
    /// At the close of a working day, remind (in the journal) each member who has no
    /// plan for the next working day.
    public var planReminders = true
    /// For tests only: run on a clock that starts here and that `POST /v1/test/clock`
    /// moves forward (see ``DaemonClock``). nil: the system clock.
    public var testClockStart: Timestamp?
    /// Open connections one uid may hold at once (root: no cap). Beyond it a new
    /// connection is closed at once. The unit's LimitNOFILE leaves room for many users.
    public var maxConnectionsPerUser: Int = 64
    /// A connection that sends nothing for this long is closed, in seconds (also a
    /// request whose headers trickle in slower than this).
    public var idleTimeoutSeconds: Int64 = 30
    /// Appends per user: this many at once, then `appendsPerMinute` a minute (token
    /// bucket; 0 turns the limit off). Admins are not limited.
    public var appendBurst: Int = 120
    public var appendsPerMinute: Int = 60
    /// Where to serve the same API over TCP for people off the server (`--listen`):
    /// host (an address, or a name) and port. nil: the Unix socket only.
    public var listen: (host: String, port: Int)?
    /// PEM certificate chain and private key for the TCP listener (TLS 1.2 or later).
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Open TCP connections in all (each peer may hold `maxConnectionsPerUser`); the
    /// unit's LimitNOFILE=16384 leaves the rest to the Unix socket and the database.
    public var maxTCPConnections: Int = 4096
    /// Serve plain HTTP on the TCP listener: only on a loopback address, for a reverse
    /// proxy in front that does TLS (`--no-tls`).
    public var plainHTTP = false
    /// With `plainHTTP`: the reverse proxy sets `X-Forwarded-For`, and its last address
    /// is the client's for the failed-sign-in throttle and `/metrics`
    /// (`--trust-forwarded-for`; see ``ClientAddress``). Off, every client is the proxy.
    public var trustForwardedFor = false
    /// Seed a demo company into an empty database at start-up (`make run`).
    public var demo = false

    public init() {}
}

extension ServerConfiguration {
    /// The part of the configuration the application services follow.
    var appSettings: AppSettings {
        var s = AppSettings()
        s.currency = currency
        s.futureToleranceSeconds = futureToleranceSeconds
        s.adminGroup = adminGroup
        s.thresholds = thresholds
        s.appendsPerMinute = appendsPerMinute
        return s
    }
}
