import ArgumentParser
import Glibc
import Logging
import PaceCore
import PaceServer

/// `paced`: parse flags, build the daemon, run it.
@main
struct Paced: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paced",
        abstract: "The Pace daemon: records sales events in SQLite and serves the pace CLI on a Unix socket."
    )

    @Option(help: "The SQLite database file.")
    var db = ServerConfiguration().databasePath

    @Option(help: "The Unix socket to listen on.")
    var socket = ServerConfiguration().socketPath

    @Option(name: .customLong("socket-mode"), help: "File mode of the socket, in octal.")
    var socketMode = "0666"

    @Option(help: "The currency of all amounts (ISO 4217 code).")
    var currency = ServerConfiguration().currency

    @Option(help: "Progress within this share of expected (0 to 1) counts as on track.")
    var tolerance = ServerConfiguration().thresholds.tolerance

    @Option(help: "Progress below this pace (0 to 1) is behind; between it and 1 - tolerance, at risk.")
    var behind = ServerConfiguration().thresholds.behind

    @Option(name: .customLong("grace-minutes"), help: "Check a working day's slips this many minutes after it ends.")
    var graceMinutes = ServerConfiguration().graceMinutes

    @Option(name: .customLong("test-clock"), help: ArgumentHelp("For tests only: start the clock at this RFC 3339 time and let POST /v1/test/clock move it. Needs PACED_ALLOW_TEST_CLOCK=1.", valueName: "time"))
    var testClock: String?

    @Flag(name: .customLong("no-plan-reminders"), help: "Do not remind members in the journal when they have no plan for the next working day.")
    var noPlanReminders = false

    @Option(name: .customLong("appends-per-minute"), help: "Appends each user (not admins) may make a minute, after a burst; 0: no limit.")
    var appendsPerMinute = ServerConfiguration().appendsPerMinute

    @Option(name: .customLong("append-burst"), help: "Appends each user may make at once before the per-minute rate applies.")
    var appendBurst = ServerConfiguration().appendBurst

    @Option(name: .customLong("max-connections-per-user"), help: "Open connections one user (not root) may hold; more are closed at once.")
    var maxConnectionsPerUser = ServerConfiguration().maxConnectionsPerUser

    @Option(name: .customLong("idle-timeout"), help: "Close a connection that sends nothing for this many seconds.")
    var idleTimeout = ServerConfiguration().idleTimeoutSeconds

    @Option(help: ArgumentHelp("Also serve the API over TCP at this address and port, with bearer tokens: 0.0.0.0:8443, [::]:8443, 127.0.0.1:8080.", valueName: "addr:port"))
    var listen: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate (chain) for --listen.", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for --listen.", valueName: "file"))
    var tlsKey: String?

    @Flag(name: .customLong("no-tls"), help: "Serve plain HTTP on --listen; only on a loopback address, behind a reverse proxy that does TLS.")
    var noTLS = false

    @Flag(name: .customLong("trust-forwarded-for"), help: "With --no-tls: the reverse proxy adds the client's address to X-Forwarded-For and says https in X-Forwarded-Proto; believe them for the failed sign-in limit, /metrics and Secure cookies.")
    var trustForwardedFor = false

    @Flag(help: "On an empty database, seed a demo company (two teams, five salespeople, a manager, 2026 targets and activity).")
    var demo = false

    /// `host:port`, `[v6]:port`; nil when malformed.
    static func hostPort(_ text: String) -> (host: String, port: Int)? {
        // Port 0: any free port (paced logs the one it got).
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// Whether `host` is a loopback address literal (127.0.0.0/8 or ::1). Names are not
    /// accepted: a name can resolve anywhere, and plain HTTP must stay on this machine.
    static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        if inet_pton(AF_INET6, host, &v6) == 1 { return host == "::1" || withUnsafeBytes(of: v6) { Array($0) } == Array(repeating: 0, count: 15) + [1] }
        return false
    }

    func validate() throws {
        if let listen {
            guard let (host, _) = Self.hostPort(listen) else {
                throw ValidationError("--listen \(listen) is not an address and port like 0.0.0.0:8443 or 127.0.0.1:8080.")
            }
            if noTLS {
                guard Self.isLoopback(host) else {
                    throw ValidationError("--no-tls serves plain HTTP, which is allowed only on a loopback address (127.0.0.1, ::1; an address, not a name) behind a reverse proxy; \(host) is not one. Give --tls-cert and --tls-key instead.")
                }
                if tlsCert != nil || tlsKey != nil { throw ValidationError("Give --no-tls or --tls-cert/--tls-key, not both.") }
            } else {
                guard let tlsCert, let tlsKey else {
                    throw ValidationError("--listen needs --tls-cert FILE and --tls-key FILE (or --no-tls on a loopback address behind a proxy).")
                }
                for f in [tlsCert, tlsKey] where access(f, R_OK) != 0 {
                    throw ValidationError("Cannot read \(f). Check the path and that paced's user may read it.")
                }
            }
        } else if noTLS || tlsCert != nil || tlsKey != nil {
            throw ValidationError("--no-tls, --tls-cert and --tls-key go with --listen ADDR:PORT.")
        }
        if trustForwardedFor && !noTLS {
            throw ValidationError("--trust-forwarded-for goes with --no-tls: paced believes X-Forwarded-For only from a reverse proxy on this host.")
        }
        guard appendsPerMinute >= 0, (1...100_000).contains(appendBurst) else {
            throw ValidationError("--appends-per-minute must be 0 or more and --append-burst from 1 to 100000.")
        }
        guard (1...3600).contains(idleTimeout) else {
            throw ValidationError("--idle-timeout \(idleTimeout) must be from 1 to 3600 seconds.")
        }
        guard (1...10_000).contains(maxConnectionsPerUser) else {
            throw ValidationError("--max-connections-per-user \(maxConnectionsPerUser) must be from 1 to 10000.")
        }
        guard (0...720).contains(graceMinutes) else {
            throw ValidationError("--grace-minutes \(graceMinutes) must be between 0 and 720 (12 hours).")
        }
        if let testClock {
            guard getenv(DaemonClock.testEnvironmentVariable).map({ String(cString: $0) }) == "1" else {
                throw ValidationError("--test-clock is for tests only and is refused unless \(DaemonClock.testEnvironmentVariable)=1 is set.")
            }
            guard Timestamp(rfc3339: testClock) != nil else {
                throw ValidationError("--test-clock \(testClock) is not an RFC 3339 time like 2026-12-01T08:00:00+08:00.")
            }
        }
        guard UInt32(socketMode, radix: 8).map({ $0 <= 0o777 }) == true else {
            throw ValidationError("--socket-mode \(socketMode) is not an octal file mode like 0666 or 0660.")
        }
        guard (0..<1).contains(tolerance), (0...1).contains(behind), behind <= 1 - tolerance else {
            throw ValidationError("--tolerance \(tolerance) and --behind \(behind) must be between 0 and 1, with --behind at most 1 - tolerance.")
        }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ValidationError("--currency \(currency) is not an ISO 4217 code like EUR, USD or CNY.")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "paced")
        logger.logLevel = .info
        var config = ServerConfiguration()
        config.databasePath = db
        config.socketPath = socket
        config.socketMode = UInt32(socketMode, radix: 8)!
        config.currency = currency
        config.demo = demo
        config.appendsPerMinute = appendsPerMinute
        config.appendBurst = appendBurst
        config.maxConnectionsPerUser = maxConnectionsPerUser
        config.idleTimeoutSeconds = idleTimeout
        config.listen = listen.flatMap(Self.hostPort)
        config.tlsCertificate = tlsCert
        config.tlsKey = tlsKey
        config.plainHTTP = noTLS
        config.trustForwardedFor = trustForwardedFor
        config.graceMinutes = graceMinutes
        config.planReminders = !noPlanReminders
        config.testClockStart = testClock.flatMap { Timestamp(rfc3339: $0) }
        config.thresholds = .init(tolerance: tolerance, behind: behind)
        do {
            try await PaceDaemon(config: config, logger: logger).run()
        } catch let error as ServerError {
            logger.critical("\(error.message)")
            throw ExitCode(69)
        } catch {
            logger.critical("paced cannot run: \(error)")
            throw ExitCode(69)
        }
    }
}
