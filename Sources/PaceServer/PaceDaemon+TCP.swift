import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import Logging
import NIOSSL
import PaceCore
import ServiceLifecycle

extension PaceDaemon {
    /// The API on TCP for people off the server: TLS 1.2 or later with the configured
    /// certificate, or plain HTTP on loopback for a reverse proxy (`--no-tls`, checked
    /// by `paced`). Callers are identified by personal bearer tokens; every route, rule
    /// and limit is the Unix socket's.
    func tcpListener(host: String, port: Int, routes: PaceRoutes, gate: StartupGate, snapshot: OrganizationSnapshot,
                     clock: @escaping @Sendable () -> Timestamp, logger: Logger) throws -> some Service {
        let router = Router(context: PaceRequestContext.self)
        router.add(middleware: StartupMiddleware(gate: gate))
        routes.register(on: router, identity: BearerTokenIdentity(snapshot: snapshot, users: routes.users, clock: clock,
                                                                  failures: AuthFailures(), tokenUse: routes.tokenUse))
        let http = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(config.idleTimeoutSeconds)))
        let server: HTTPServerBuilder
        if config.plainHTTP {
            server = http
        } else {
            guard let cert = config.tlsCertificate, let key = config.tlsKey else {
                throw ServerError("--listen needs --tls-cert and --tls-key.")
            }
            do {
                var tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                tls.minimumTLSVersion = .tlsv12
                server = try .tls(http, tlsConfiguration: tls)
            } catch {
                throw ServerError("Cannot use the TLS certificate \(cert) and key \(key): \(error). Give PEM files that belong together.")
            }
        }
        let scheme = config.plainHTTP ? "http" : "https"
        return Application(router: router, server: server,
                           configuration: .init(address: .hostname(host, port: port), serverName: "paced"),
                           onServerRunning: { channel in
                               logger.info("paced also serves \(scheme)://\(host):\(channel.localAddress?.port ?? port)/v1 (bearer tokens)")
                           },
                           logger: logger)
    }
}
