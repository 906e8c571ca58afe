import Glibc
import NIOCore

/// The process at the other end of a Unix socket, as the kernel reports it
/// (`SO_PEERCRED`). It cannot be forged by the client, which is why identity comes
/// from here and never from the request.
struct PeerCredentials: Sendable, Equatable {
    /// Laid out like Linux's `struct ucred`, which Glibc does not export to Swift
    /// without _GNU_SOURCE.
    struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// `SO_PEERCRED` on Linux (asm-generic/socket.h).
    static let option = NIOBSDSocket.Option(rawValue: 17)

    static func of(_ channel: any Channel) async throws -> PeerCredentials {
        guard let provider = channel as? any SocketOptionProvider else {
            throw APIError(.internalServerError, "no_identity", "paced could not tell who is calling (not a Unix socket).")
        }
        let cred: UCred = try await provider.unsafeGetSocketOption(level: .socket, name: option).get()
        return PeerCredentials(pid: cred.pid, uid: cred.uid, gid: cred.gid)
    }
}
