import Hummingbird
import NIOCore
import PaceApp
import PaceCore

/// Per-request context: Hummingbird's core storage, the connection, and the caller,
/// which ``IdentityMiddleware`` sets once per request before any route runs.
public struct PaceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// Who is calling; nil until the identity middleware has run.
    var caller: Caller?
    /// The bearer token that authenticated the request; nil on the Unix socket.
    var token: EventID?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies past this are refused with 413 before they are read whole.
    public var maxUploadSize: Int { 64 * 1024 }

    /// JSON in and out, with paced's messages and key order.
    public var requestDecoder: some RequestDecoder { PaceJSON() }
    public var responseEncoder: some ResponseEncoder { PaceJSON() }
}
