/// A refusal or failure of an application service, with no HTTP in it: a kind that
/// the server maps to a status (and the CLI to a sysexits code), a stable `code` for
/// programs, and a `message` that says what was wrong and what to do.
public struct AppError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The request itself is malformed (400).
        case badRequest
        /// The caller may not do this (403).
        case forbidden
        /// There is no such thing, or none the caller may see (404).
        case notFound
        /// It clashes with what is stored (409).
        case conflict
        /// Well-formed but not acceptable: a rule of the domain refuses it (422).
        case unprocessable
        /// Too many requests from this caller for now (429).
        case tooManyRequests
        /// paced cannot answer now; retry (503).
        case unavailable
        /// paced's own fault (500): logged.
        case `internal`
    }

    public var kind: Kind
    public var code: String
    public var message: String
    /// Seconds after which a retry may succeed (rate limits, start-up).
    public var retryAfter: Int?

    public init(_ kind: Kind, _ code: String, _ message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}
