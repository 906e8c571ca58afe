import Glibc
import Hummingbird
import Logging
import NIOCore
import PaceAPI
import PaceCore
import PaceStore
import ServiceLifecycle

/// paced: the database, the single writer and the HTTP API on the Unix socket, run
/// as one `ServiceGroup` that shuts down gracefully on SIGTERM or SIGINT: stop
/// accepting connections, answer the requests in flight, commit their groups,
/// close the database, remove the socket, exit 0.
public struct PaceDaemon: Sendable {
    public let config: ServerConfiguration
    public let logger: Logger

    public init(config: ServerConfiguration, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    public func run() async throws {
        try SocketGuard.makeParent(of: config.databasePath)
        let store = try EventStore(path: config.databasePath)
        try SocketGuard.makeParent(of: config.socketPath)
        try SocketGuard.claim(config.socketPath)
        let clock = EventRecorder.systemClock
        let snapshot = OrganizationSnapshot()
        let recorder = EventRecorder(store: store, clock: clock, attributor: { snapshot.attributor() })
        let organization = try OrganizationService(store: store, recorder: recorder, snapshot: snapshot)
        let routes = PaceRoutes(config: config, store: store, recorder: recorder, users: UserDirectory(adminGroup: config.adminGroup),
                                org: organization, snapshot: snapshot, startedAt: clock(), clock: clock)
        if config.demo, try store.count() == 0 {
            let n = try await DemoSeeder(recorder: recorder, org: organization, now: clock()).seed()
            logger.info("seeded the demo company: \(n) events (teams east and west, manager carol; try `pace team list`)")
        }
        let router = Router(context: PaceRequestContext.self)
        routes.register(on: router)

        let socketPath = config.socketPath
        let mode = config.socketMode
        let logger = self.logger
        let events = try store.count()
        let app = Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: nil),
            onServerRunning: { _ in
                if chmod(socketPath, mode_t(mode)) != 0 {
                    logger.warning("Cannot set mode \(String(mode, radix: 8)) on \(socketPath): \(String(cString: strerror(errno)))")
                }
                logger.info("paced \(PaceVersion.current) ready: \(events) events in \(store.path), listening on \(socketPath)")
                SystemdNotifier.notify("READY=1\nSTATUS=\(events) events in \(store.path); listening on \(socketPath)")
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: RecorderService(recorder: recorder, store: store)), .init(service: app), .init(service: StoppingNotice())],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        defer { unlink(socketPath) }
        try await group.run()
        logger.info("paced stopped cleanly")
    }
}
