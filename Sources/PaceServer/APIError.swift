import Foundation
import HTTPTypes
import Hummingbird
import PaceAPI
import PaceCore

/// An error answer: an HTTP status and the JSON body `{ "error": { code, message } }`.
struct APIError: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Seconds, sent as `Retry-After` (429, 503).
    var retryAfter: Int?
    /// The methods a path takes, sent as `Allow` (405).
    var allow: String?
    /// The challenge sent as `WWW-Authenticate` (401).
    var wwwAuthenticate: String?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(ErrorBody(code: code, message: message), status: status)
        if let retryAfter { response.headers[.retryAfter] = "\(retryAfter)" }
        if let allow { response.headers[.allow] = allow }
        if let wwwAuthenticate { response.headers[.wwwAuthenticate] = wwwAuthenticate }
        return response
    }
}

/// JSON responses with paced's encoder settings (sorted keys, so output is stable).
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // An appended event and a batch's answer are written without the encoder, to the
        // encoder's very bytes, where no text needs an escape (PlainJSONEncodable).
        var data = try (value as? any PlainJSONEncodable)?.plainJSON.map { Data($0) } ?? encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
