import HTTPTypes
import Hummingbird
import NIOCore
import PaceCore

/// Whom a request on the TCP listener comes from, for the failed-sign-in throttle and
/// `/metrics`: the TCP peer.
///
/// Behind a reverse proxy (`--no-tls`, which paced allows on a loopback address only)
/// every connection comes from the proxy, so one visitor's failed sign-ins would shut
/// out everyone. There the client is the last address of `X-Forwarded-For`, the one
/// the proxy added for the peer it saw (nginx: `proxy_set_header X-Forwarded-For
/// $proxy_add_x_forwarded_for`; Caddy and HAProxy's `option forwardfor` do the same).
/// Earlier addresses in the header came from the client and are not trusted. Without
/// the header, or with a last entry that is not an IP address, the proxy's own address
/// counts, as before.
struct ClientAddress: Sendable {
    /// Whether paced serves plain HTTP for a reverse proxy on this host.
    let behindProxy: Bool

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The throttle's key for `request`: an IPv4 address or an IPv6 /64.
    func key(_ request: Request, _ context: PaceRequestContext) -> String {
        if behindProxy, let client = Self.lastForwarded(request.headers) {
            return PeerKey.of(client)
        }
        return PeerKey.of(context.channel.remoteAddress)
    }

    /// Whether the client is on this machine (127.0.0.0/8 or ::1): a scraper on the
    /// server, not a visitor through the proxy.
    func isLoopback(_ request: Request, _ context: PaceRequestContext) -> Bool {
        let client = behindProxy ? Self.lastForwarded(request.headers) ?? context.channel.remoteAddress : context.channel.remoteAddress
        guard let ip = client?.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.")
    }

    /// The last address of every `X-Forwarded-For` line taken together; nil when there is
    /// none, or when it is not an IPv4 or IPv6 address (a bracketed IPv6 is accepted).
    static func lastForwarded(_ headers: HTTPFields) -> SocketAddress? {
        guard let last = headers[values: forwardedFor].flatMap({ $0.split(separator: ",") }).last else { return nil }
        var text = String(last).trimmingWhitespace()
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return try? SocketAddress(ipAddress: text, port: 0)
    }
}
