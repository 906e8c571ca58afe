import NIOCore
import Synchronization

/// Who a TCP peer is for limits: its IPv4 address, or its IPv6 /64 (one host usually
/// holds a whole /64, so counting single IPv6 addresses would not limit it). An IPv4
/// client of a dual-stack listener (`::ffff:a.b.c.d`) is its IPv4 address.
enum PeerKey {
    static func of(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "unknown" }
        guard case .v6 = address else { return ip }
        if let v4 = mappedIPv4(ip) { return v4 }
        let groups = ip.split(separator: ":", omittingEmptySubsequences: false)
        // Expand "::" so the first four groups are the /64.
        if let gap = groups.firstIndex(of: ""), ip.contains("::") {
            let head = groups[..<gap].filter { !$0.isEmpty }, tail = groups[groups.index(after: gap)...].filter { !$0.isEmpty }
            let full = Array(head) + Array(repeating: Substring("0"), count: max(0, 8 - head.count - tail.count)) + Array(tail)
            return full.prefix(4).joined(separator: ":") + "::/64"
        }
        return groups.prefix(4).joined(separator: ":") + "::/64"
    }

    /// `::ffff:a.b.c.d` → `a.b.c.d`; nil for any other address.
    static func mappedIPv4(_ ip: String) -> String? {
        guard ip.lowercased().hasPrefix("::ffff:"), ip.contains(".") else { return nil }
        return String(ip.dropFirst(7))
    }

    /// Whether `address` is on this machine: 127.0.0.0/8, ::1, or IPv4-mapped loopback.
    static func isLoopback(_ address: SocketAddress) -> Bool {
        guard let ip = address.ipAddress else { return false }
        let v4 = mappedIPv4(ip) ?? ip
        return v4 == "::1" || v4.hasPrefix("127.")
    }
}

/// Open TCP connections per peer and in all, so that connections from the network,
/// which carry no identity until a request is read, can neither use up paced's file
/// descriptors nor shut out the Unix socket's users. Over the limit a connection is
/// closed at once.
final class TCPConnectionCap: Sendable {
    let perPeer: Int
    let total: Int
    private let state = Mutex<(byPeer: [String: Int], total: Int)>(([:], 0))

    init(perPeer: Int, total: Int) {
        self.perPeer = perPeer
        self.total = total
    }

    func acquire(_ peer: String) -> Bool {
        state.withLock { s in
            guard s.total < total, s.byPeer[peer, default: 0] < perPeer else { return false }
            s.byPeer[peer, default: 0] += 1
            s.total += 1
            return true
        }
    }

    func release(_ peer: String) {
        state.withLock { s in
            let n = s.byPeer[peer, default: 1] - 1
            s.byPeer[peer] = n > 0 ? n : nil
            s.total = max(0, s.total - 1)
        }
    }
}

/// Takes a slot when added to a new connection's pipeline, gives it back when the
/// connection goes; closes the connection when there is no slot. Passes everything on.
final class TCPConnectionCapHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    private let cap: TCPConnectionCap
    private var peer: String?

    init(cap: TCPConnectionCap) { self.cap = cap }

    func handlerAdded(context: ChannelHandlerContext) {
        let key = PeerKey.of(context.channel.remoteAddress)
        if cap.acquire(key) {
            peer = key
        } else {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let peer { cap.release(peer) }
        peer = nil
    }
}
