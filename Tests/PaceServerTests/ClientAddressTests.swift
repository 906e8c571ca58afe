import NIOCore
import Testing
@testable import PaceServer

/// Whom the failed-sign-in throttle and `/metrics` take a request to be from, behind a
/// reverse proxy that adds the client to `X-Forwarded-For` (the end-to-end test runs
/// paced behind one), and for peers of a dual-stack listener.
struct ClientAddressTests {
    func address(_ ip: String) throws -> SocketAddress { try SocketAddress(ipAddress: ip, port: 0) }

    @Test func theProxysEntryIsTheLastOfEveryLine() throws {
        #expect(ClientAddress.lastForwarded(["10.0.0.1, 203.0.113.9"]) == .address(try address("203.0.113.9")))
        // Lines in the order they came; a proxy that adds a line adds it last.
        #expect(ClientAddress.lastForwarded(["127.0.0.1", "203.0.113.9"]) == .address(try address("203.0.113.9")))
        #expect(ClientAddress.lastForwarded([" 2001:db8::7 "]) == .address(try address("2001:db8::7")))
        #expect(ClientAddress.lastForwarded([]) == nil)
    }

    @Test func anEntryWithAPortIsItsAddress() throws {
        #expect(ClientAddress.lastForwarded(["198.51.100.4:5678"]) == .address(try address("198.51.100.4")))
        #expect(ClientAddress.lastForwarded(["[2001:db8::1]:443"]) == .address(try address("2001:db8::1")))
        #expect(ClientAddress.lastForwarded(["[::1]"]) == .address(try address("::1")))
    }

    /// An empty or unreadable last entry is not skipped for the client's own entries before it.
    @Test func anUnreadableLastEntryStandsForItself() {
        #expect(ClientAddress.lastForwarded(["127.0.0.1,,"]) == .unreadable(""))
        #expect(ClientAddress.lastForwarded(["127.0.0.1, unix:"]) == .unreadable("unix:"))
        #expect(ClientAddress.lastForwarded(["127.0.0.1, unknown"]) == .unreadable("unknown"))
    }

    @Test func peersAreIPv4AddressesOrIPv6Slash64s() throws {
        #expect(PeerKey.of(try address("192.0.2.1")) == "192.0.2.1")
        #expect(PeerKey.of(try address("2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::/64")
        #expect(PeerKey.of(try address("2001:db8::9")) == "2001:db8:0:0::/64")
        // An IPv4 client of a listener on [::] is its IPv4 address, not one /64 for all.
        #expect(PeerKey.of(try address("::ffff:192.0.2.1")) == "192.0.2.1")
        #expect(PeerKey.of(try address("::ffff:198.51.100.7")) != PeerKey.of(try address("::ffff:192.0.2.1")))
    }

    @Test func loopbackIsThisMachineOnly() throws {
        for ip in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] { #expect(PeerKey.isLoopback(try address(ip)), "\(ip)") }
        for ip in ["10.0.0.1", "2001:db8::1", "::ffff:10.0.0.1", "::2"] { #expect(!PeerKey.isLoopback(try address(ip)), "\(ip)") }
    }
}
