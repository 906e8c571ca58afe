import Glibc
import Hummingbird
import Logging
import NIOCore
import PaceAPI
import PaceApp
import Metrics
import Prometheus
import PaceCore
import PacePosix
import PaceStore
import ServiceLifecycle
import Synchronization

/// paced: the database, the single writer, the slip scheduler and the HTTP API on the
/// Unix socket, run as one `ServiceGroup` that shuts down gracefully on SIGTERM or
/// SIGINT: stop accepting connections, answer the requests in flight, commit their
/// groups, close the database, remove the socket (unless systemd owns it), exit 0.
public struct PaceDaemon: Sendable {
    public let config: ServerConfiguration
    public let logger: Logger

    public init(config: ServerConfiguration, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    public func run() async throws {
        // Before paced starts its event loops, pools and writer: one malloc arena per core.
        MallocArenas.limit(to: max(2, System.coreCount))
        // Before anything opens SQLite.
        if !EventStore.sqliteSettingsApplied {
            logger.warning("SQLite was in use before paced could turn its memory statistics off; it runs the same, a little slower")
        }
        let activated = try ListeningSocket.inherited()
        // Whatever the caller's umask: paced's files are for paced (and its group) only.
        umask(0o027)
        try SocketGuard.makeParent(of: config.databasePath, mode: 0o750)
        try DatabaseFiles.secure(config.databasePath)
        let store = try EventStore(path: config.databasePath)
        let daemonClock = config.testClockStart.map { DaemonClock(testStart: $0) } ?? DaemonClock()
        let clock: @Sendable () -> Timestamp = { daemonClock.now() }
        let snapshot = OrganizationSnapshot()
        // Metrics for /metrics (Prometheus text), through swift-metrics.
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let groupSize = Recorder(label: "pace_commit_group_events"), queued = Recorder(label: "pace_writer_queue_events", aggregate: false)
        let commitTime = Timer(label: "pace_commit_duration_seconds", preferredDisplayUnit: .seconds)
        let appends = Counter(label: "pace_appends_total")
        let recorder = EventRecorder(store: store, clock: clock, attributor: { snapshot.attributor() }, observer: { s in
            groupSize.record(s.events)
            queued.record(s.queued)
            commitTime.recordSeconds(s.seconds)
        })
        let organization = try OrganizationService(store: store, recorder: recorder, snapshot: snapshot)
        if try !store.projectionsAreCurrent() {
            let zones = snapshot.zones
            let n = try store.rebuild { OrganizationAttributor(org: $0, zones: zones) }
            logger.info("rebuilt the projections from \(n) events (a migration changed them)")
        }
        let socket: ListeningSocket
        if let activated {
            socket = activated
        } else {
            try SocketGuard.makeParent(of: config.socketPath)
            try SocketGuard.claim(config.socketPath)
            socket = try ListeningSocket.bind(path: config.socketPath, mode: config.socketMode)
        }
        let status = DaemonStatus(store: store, socketPath: socket.path)
        let scheduler = SlipScheduler(store: store, recorder: recorder, snapshot: snapshot, clock: daemonClock,
                                      settings: .init(graceSeconds: Int64(config.graceMinutes) * 60, thresholds: config.thresholds, planReminders: config.planReminders),
                                      logger: logger, didCheck: { status.slipsToday($0) })
        let users = UserDirectory(adminGroup: config.adminGroup)
        let env = AppEnvironment(settings: config.appSettings, store: store, recorder: recorder, users: users, organization: organization,
                                 snapshot: snapshot, clock: clock,
                                 appendLimiter: AppendRateLimiter(burst: config.appendBurst, perMinute: config.appendsPerMinute),
                                 tokenUse: TokenUse(store: store),
                                 // Recovery checks follow every append; a calendar change moves boundaries.
                                 appended: {
                                     appends.increment()
                                     scheduler.wakeup.ring()
                                 })
        var routes = PaceRoutes(services: PaceServices(env: env), config: config, daemonClock: daemonClock,
                                checkSlips: { await scheduler.check() }, blocking: BlockingExecutor(threads: 4))
        let sessions = WebSessions()
        let dashboardURL = config.listen.map { "\(config.plainHTTP ? "http" : "https")://\($0.host.contains(":") ? "[\($0.host)]" : $0.host):\($0.port)" }
        if let dashboardURL { routes.dashboard = (sessions, dashboardURL) }
        // With --demo on an empty database, paced listens at once and answers "starting"
        // until the demo company is seeded.
        let seeding = try config.demo && store.count() == 0
        let gate = StartupGate(open: !seeding)
        let logger = self.logger
        let router = routes.router(identity: PeerCredentialIdentity(users: users), gate: gate)

        let server = SocketServer(socket: socket, responder: router.buildResponder(), logger: logger,
                                  limiter: ConnectionLimiter(perUser: config.maxConnectionsPerUser),
                                  idleTimeout: .seconds(config.idleTimeoutSeconds)) {
            let line = status.line()
            logger.info("paced \(PaceVersion.current) ready: \(line)\(activated == nil ? "" : " (socket from systemd)")")
            SystemdNotifier.notify("READY=1\nSTATUS=\(line)")
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: RecorderService(recorder: recorder, store: store)),
            .init(service: AfterStartup(gate: gate, service: scheduler)),
            .init(service: server),
            .init(service: StoppingNotice()),
        ]
        if let listen = config.listen {
            services.append(.init(service: try tcpListener(host: listen.host, port: listen.port, routes: routes, users: users, gate: gate,
                                                            registry: registry, logger: logger)))
        }
        // The demo's way in to the dashboard: one-time links for its manager and a salesperson.
        let demoLinks: @Sendable () -> Void = {
            guard let url = dashboardURL else { return }
            for user in ["carol", "alice"] {
                let link = sessions.link(for: user, at: clock())
                logger.notice("dashboard for \(user) (one-time link, 15 minutes): \(url)/login/link?code=\(link.code)")
            }
            logger.notice("another link: .build/debug/pace dashboard link --user carol")
        }
        if config.demo && !seeding { demoLinks() }
        if seeding {
            let now = clock()
            services.append(.init(service: DemoSeedService(gate: gate) {
                let n = try await DemoSeeder(recorder: recorder, org: organization, now: now).seed()
                logger.info("seeded the demo company: \(n) events (teams east and west, manager carol; try `pace team list`)")
                demoLinks()
            }))
        }
        if let interval = Watchdog.requestedInterval() {
            services.append(.init(service: Watchdog(interval: interval, problem: { limit in
                if recorder.commitAge > limit { return "the writer has been committing one group for \(Int(recorder.commitAge)) s" }
                if !scheduler.isHealthy(limitSeconds: limit) { return "the slip scheduler is stuck or not running" }
                return nil
            }, logger: logger)))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer { if !socket.inherited { unlink(socket.path) } }
        try await group.run()
        logger.info("paced stopped cleanly")
    }
}

/// The one-line STATUS= summary systemd shows in `systemctl status paced`.
final class DaemonStatus: Sendable {
    private let store: EventStore
    private let socketPath: String
    private let slips = Mutex(0)

    init(store: EventStore, socketPath: String) {
        self.store = store
        self.socketPath = socketPath
    }

    func line() -> String {
        let events = (try? store.count()) ?? 0
        let today = slips.withLock { $0 }
        return "\(events) events, \(today) slip\(today == 1 ? "" : "s") today; listening on \(socketPath)"
    }

    /// Records the number of slips today and sends the new STATUS=.
    func slipsToday(_ n: Int) {
        let changed = slips.withLock { old in defer { old = n }; return old != n }
        if changed { SystemdNotifier.notify("STATUS=\(line())") }
    }
}
