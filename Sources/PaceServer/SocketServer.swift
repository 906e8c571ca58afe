import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// Serves HTTP/1.1 on one listening Unix socket: the one systemd passed (socket
/// activation) or one paced bound. Hummingbird's `Application` binds only a host/port
/// or a path, so this drives Hummingbird's `HTTP1Channel` from NIO's
/// `ServerBootstrap.bind(_ socket:)` itself, as Hummingbird's own `Server` does.
///
/// On graceful shutdown it stops accepting, lets the requests in flight finish, and
/// returns once every connection has closed. Connections that arrive meanwhile wait
/// in the socket's backlog: with socket activation, the next paced answers them.
struct SocketServer<Responder: HTTPResponder>: Service where Responder.Context == PaceRequestContext {
    let socket: ListeningSocket
    let responder: Responder
    let logger: Logger
    /// Caps each uid's open connections.
    let limiter: ConnectionLimiter
    /// Closes connections idle for this long.
    let idleTimeout: TimeAmount
    /// Runs once the socket is listening.
    let onListening: @Sendable () async -> Void

    func run() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let responder = self.responder
        let logger = self.logger
        let limiter = self.limiter
        let http = HTTP1Channel(responder: { request, writer, channel in
            let context = PaceRequestContext(source: .init(channel: channel, logger: logger))
            let response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch {
                logger.error("Unanswered error: \(error)")
                response = Response(status: .internalServerError)
            }
            try await writer.write(response: response.head, body: response.body)
        }, configuration: .init(idleTimeout: idleTimeout))
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(socket.fd) { channel in http.setup(channel: channel, logger: logger) }
        await withGracefulShutdownHandler {
            await onListening()
            await withDiscardingTaskGroup { connections in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask {
                                let uid = try? await PeerCredentials.of(connection.channel).uid
                                let answer = uid.map(limiter.acquire) ?? .refused(firstTime: false)
                                guard let uid, answer == .granted else {
                                    if answer == .refused(firstTime: true) {
                                        logger.warning("uid \(uid ?? 0) has \(limiter.perUser) connections open; closing its new ones until one closes")
                                    }
                                    // Through executeThenClose, which finishes the channel's
                                    // writer: dropping it unfinished traps in NIO.
                                    try? await connection.executeThenClose { _, _ in }
                                    return
                                }
                                defer { limiter.release(uid) }
                                await http.handle(value: connection, logger: logger)
                            }
                        }
                    }
                } catch {
                    logger.error("The socket stopped accepting: \(error)")
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}
