import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import Logging
import NIOSSL
import PaceApp
import Prometheus
import PaceCore
import ServiceLifecycle

extension PaceDaemon {
    /// The API on TCP for people off the server: TLS 1.2 or later with the configured
    /// certificate, or plain HTTP on loopback for a reverse proxy (`--no-tls`, checked
    /// by `paced`). Callers are identified by personal bearer tokens; every route, rule
    /// and limit is the Unix socket's.
    func tcpListener(host: String, port: Int, routes: PaceRoutes, users: UserDirectory, gate: StartupGate, registry: PrometheusCollectorRegistry,
                     logger: Logger) throws -> some Service {
        let env = routes.services.env
        let failures = AuthFailures()
        let clientAddress = ClientAddress(trustsForwardedFor: config.plainHTTP && config.trustForwardedFor)
        let web = WebRoutes(services: routes.services, sessions: routes.dashboard!.sessions, users: users, pages: try WebPages(),
                            secure: !config.plainHTTP, failures: failures, clientAddress: clientAddress, registry: registry, blocking: routes.blocking)
        let router = routes.router(identity: BearerTokenIdentity(snapshot: env.snapshot, users: users, clock: env.clock,
                                                                 failures: failures, tokenUse: env.tokenUse, clientAddress: clientAddress),
                                   gate: gate, web: web)
        // Behind a proxy every connection is the proxy's: the cap per peer is the proxy's.
        let cap = TCPConnectionCap(perPeer: config.maxConnectionsPerUser, total: config.maxTCPConnections)
        let http = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [TCPConnectionCapHandler(cap: cap)],
                                                                idleTimeout: .seconds(config.idleTimeoutSeconds)))
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
                // TLS 1.2 with forward secrecy and AEAD only (TLS 1.3's suites are all so).
                tls.cipherSuites = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                    + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
                // A certificate and key that do not belong together fail here, before READY.
                _ = try NIOSSLContext(configuration: tls)
                server = try .tls(http, tlsConfiguration: tls)
            } catch {
                throw ServerError("Cannot use the TLS certificate \(cert) and key \(key): \(error). Give PEM files that belong together.")
            }
        }
        let scheme = config.plainHTTP ? "http" : "https"
        return Application(router: router, server: server,
                           configuration: .init(address: .hostname(host, port: port), serverName: "paced"),
                           onServerRunning: { channel in
                               logger.info("paced also serves \(scheme)://\(host):\(channel.localAddress?.port ?? port)/v1 (bearer tokens) and the dashboard at /")
                           },
                           logger: logger)
    }
}
