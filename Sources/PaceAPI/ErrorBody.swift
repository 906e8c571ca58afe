/// Every error paced answers: `{ "error": { "code": "...", "message": "..." } }`.
///
/// `code` is stable for programs; `message` is for people and says what to do.
public struct ErrorBody: Sendable, Codable, Equatable {
    public struct Detail: Sendable, Codable, Equatable {
        public var code: String
        public var message: String
    }

    public var error: Detail

    public init(code: String, message: String) { error = Detail(code: code, message: message) }
}
