import HTTPTypes
import Hummingbird
import NIOCore
import PaceCore

/// Whom a request on the TCP listener comes from, for the failed-sign-in throttle and
/// `/metrics`: the TCP peer.
///
/// Behind a reverse proxy (`--no-tls`, which paced allows on a loopback address only)
/// every connection comes from the proxy, so one visitor's failed sign-ins would shut
/// out everyone. With `--trust-forwarded-for` the client is the last address of
/// `X-Forwarded-For`, the one the proxy added for the peer it saw (nginx:
/// `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`; Caddy does it by
/// itself, HAProxy with `option forwardfor`). Earlier addresses in the header came
/// from the client and are not trusted. The flag is for a proxy that sets the header:
/// without one (a TLS front end at the TCP level, say) the client would write it.
struct ClientAddress: Sendable {
    /// Whether the last address of `X-Forwarded-For` is the client's.
    let trustsForwardedFor: Bool

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// The client as the proxy names it: the last entry of `X-Forwarded-For`, an IPv4
    /// or IPv6 address (with or without a port), or `.unreadable` when it is not one.
    enum Forwarded: Equatable {
        case address(SocketAddress)
        case unreadable(String)
    }

    /// Whether the proxy says the client's connection is HTTPS (the last
    /// `X-Forwarded-Proto` is `https`; nginx: `proxy_set_header X-Forwarded-Proto
    /// $scheme`): the dashboard's cookies are then `Secure`. Only with trust in the proxy.
    func forwardedHTTPS(_ headers: HTTPFields) -> Bool {
        trustsForwardedFor && Self.lastEntry(headers[values: Self.forwardedProto])?.lowercased() == "https"
    }

    /// The throttle's key for `request`: an IPv4 address or an IPv6 /64 (``PeerKey``);
    /// for a forwarded entry that is not an address, the entry itself (at most 64 bytes).
    func key(_ request: Request, _ context: PaceRequestContext) -> String {
        switch forwarded(request.headers) {
        case .address(let client)?: PeerKey.of(client)
        case .unreadable(let text)?: "forwarded " + String(decoding: text.utf8.prefix(64), as: UTF8.self)
        case nil: PeerKey.of(context.channel.remoteAddress)
        }
    }

    /// Whether the client is on this machine (127.0.0.0/8, ::1, or IPv4-mapped
    /// loopback): a scraper on the server, not a visitor through the proxy. A forwarded
    /// entry that is not an address is not loopback.
    func isLoopback(_ request: Request, _ context: PaceRequestContext) -> Bool {
        switch forwarded(request.headers) {
        case .address(let client)?: PeerKey.isLoopback(client)
        case .unreadable?: false
        case nil: context.channel.remoteAddress.map(PeerKey.isLoopback) ?? false
        }
    }

    /// The client as the proxy names it; nil without the header, or without trust in it.
    func forwarded(_ headers: HTTPFields) -> Forwarded? {
        trustsForwardedFor ? Self.lastForwarded(headers[values: Self.forwardedFor]) : nil
    }

    /// The last entry of a list header's lines taken together, in order, trimmed (an
    /// empty last entry counts as one: the client's entries before it are not reached);
    /// nil when there is no line. The proxy adds its entry, or its line, last.
    static func lastEntry(_ lines: [String]) -> String? {
        lines.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.last.map { String($0).trimmingWhitespace() }
    }

    /// ``Forwarded`` of the last entry of `X-Forwarded-For` (`lines`, every line of it);
    /// nil when there is no line.
    static func lastForwarded(_ lines: [String]) -> Forwarded? {
        guard let text = lastEntry(lines) else { return nil }
        for candidate in [text, withoutPort(text)] {
            if let address = try? SocketAddress(ipAddress: candidate, port: 0) { return .address(address) }
        }
        return .unreadable(text)
    }

    /// `1.2.3.4:80` → `1.2.3.4`, `[2001:db8::1]:80` and `[2001:db8::1]` → `2001:db8::1`.
    static func withoutPort(_ text: String) -> String {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[0]) : text
    }
}
