import Hummingbird
import PaceApp
import PaceCore

/// Where a listener learns who is calling: the kernel on the Unix socket, a bearer
/// token over TCP. Each listener has one; no handler knows which.
protocol IdentitySource: Sendable {
    /// The caller, and the token that authenticated them (nil when none did).
    func identify(_ request: Request, context: PaceRequestContext) async throws -> (caller: Caller, token: EventID?)
}

/// Sets the caller on the context once per request, from the listener's source.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = PaceRequestContext
    let source: any IdentitySource

    func handle(_ request: Request, context: PaceRequestContext, next: (Request, PaceRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        (context.caller, context.token) = try await source.identify(request, context: context)
        return try await next(request, context)
    }
}

/// On the Unix socket: the peer's uid from the kernel (SO_PEERCRED), its login name.
struct PeerCredentialIdentity: IdentitySource {
    let users: UserDirectory

    func identify(_ request: Request, context: PaceRequestContext) async throws -> (caller: Caller, token: EventID?) {
        let peer = try await PeerCredentials.of(context.channel)
        return (try users.caller(uid: peer.uid, gid: peer.gid), nil)
    }
}
