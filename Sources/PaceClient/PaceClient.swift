#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PaceAPI
import PaceCore

/// paced's `/v1` API as typed calls, over one kept-alive connection.
public final class PaceClient {
    public let connection: HTTPConnection
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()

    public init(socketPath: String) throws(ClientError) {
        connection = try HTTPConnection(path: socketPath)
    }

    public init(connection: HTTPConnection) {
        self.connection = connection
    }

    /// A client of a remote paced over HTTPS.
    public init(remote: RemoteConfig) throws(ClientError) {
        guard let (host, port) = RemoteConfig.hostPort(remote.url) else {
            throw ClientError.protocolError("\(remote.url) is not an https://HOST:PORT address")
        }
        connection = try HTTPConnection(host: host, port: port, token: remote.token, caFile: remote.ca)
    }

    /// Appends an event. `created` is false when paced already had it (a retry).
    public func append(_ request: AppendRequest) throws -> (event: EventRecord, created: Bool) {
        // In the plain form where it can be (no encoder to start for one `pace log`).
        let body = try request.plainJSON ?? [UInt8](encoder.encode(request))
        let r = try connection.send("POST", "/v1/events", body: body)
        return (try decode(EventRecord.self, r), r.status == 201)
    }

    /// The largest page paced answers (`limit`); longer lists are read page by page.
    public static let maxPage = 1000

    /// Events, newest first, `limit` of them (default 50), read in pages of at most
    /// ``maxPage``. `subject` nil means the caller's own; "*" means everyone's (admins).
    public func events(subject: String? = nil, since: Timestamp? = nil, type: EventType? = nil, limit: Int? = nil) throws -> [EventRecord] {
        var q: [String] = []
        if let subject { q.append("subject=\(Self.escape(subject))") }
        if let since { q.append("since=\(Self.escape(since.rfc3339()))") }
        if let type { q.append("type=\(type.rawValue)") }
        var out: [EventRecord] = []
        let wanted = limit ?? 50
        var after: String?
        repeat {
            var page = q
            page.append("limit=\(min(Self.maxPage, wanted - out.count))")
            if let after { page.append("after=\(Self.escape(after))") }
            let list = try decode(EventList.self, connection.send("GET", "/v1/events?" + page.joined(separator: "&")))
            out += list.events
            after = list.next
        } while after != nil && out.count < wanted
        return out
    }

    public func status() throws -> StatusResponse {
        try decode(StatusResponse.self, connection.send("GET", "/v1/status"))
    }

    /// The chain check. A broken chain is an answer (`ok == false`), not an error.
    public func verify() throws -> VerifyResponse {
        try decode(VerifyResponse.self, connection.send("GET", "/v1/verify"))
    }

    /// `GET path` into `T` (paths are built by the caller, query values escaped with ``escape(_:)``).
    public func get<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try decode(T.self, connection.send("GET", path))
    }

    /// `POST path` without a body, into `T`.
    public func post<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try decode(T.self, connection.send("POST", path, body: []))
    }

    /// `POST path` with `body` as JSON, into `T`.
    public func post<T: Decodable>(_ type: T.Type, _ path: String, body: some Encodable) throws -> T {
        try decode(T.self, connection.send("POST", path, body: [UInt8](encoder.encode(body))))
    }

    /// `POST path` with `json`, a body already encoded, into `T`.
    public func post<T: Decodable>(_ type: T.Type, _ path: String, json: [UInt8]) throws -> T {
        try decode(T.self, connection.send("POST", path, body: json))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ r: HTTPConnection.Response) throws -> T {
        guard (200..<300).contains(r.status) else {
            if let e = try? decoder.decode(ErrorBody.self, from: Data(r.body)) {
                throw ClientError.api(status: r.status, code: e.error.code, message: e.error.message)
            }
            throw ClientError.api(status: r.status, code: "http_\(r.status)", message: "paced answered HTTP \(r.status).")
        }
        // An answer in the plain form is read without the decoder (a batch's 1,000 results).
        if let value = PlainJSON.decode(T.self, from: r.body) { return value }
        do {
            return try decoder.decode(T.self, from: Data(r.body))
        } catch {
            throw ClientError.protocolError("unexpected answer (\(error))")
        }
    }

    /// Percent-encodes a query value (see `String.percentEncoded`).
    public static func escape(_ s: String) -> String { s.percentEncoded }
}
