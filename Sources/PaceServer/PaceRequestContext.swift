import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage plus the connection, from which
/// the caller's identity is read.
public struct PaceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies past this are refused with 413 before they are read whole.
    public var maxUploadSize: Int { 64 * 1024 }
}
