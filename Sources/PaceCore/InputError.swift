/// Input that Pace refuses, with a stable machine-readable `code` and a `message`
/// that says what was wrong and what to do instead.
///
/// Thrown by the domain's validating initialisers; the daemon answers it with
/// HTTP 400 (or 422) and the CLI exits 65 (`EX_DATAERR`).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// Well formed, but a rule relating its values refuses it (a range that ends
    /// before it starts, lines that do not add up): HTTP 422 rather than 400.
    public var rule: Bool

    public init(_ code: String, _ message: String, rule: Bool = false) {
        self.code = code
        self.message = message
        self.rule = rule
    }

    public var description: String { message }
}
