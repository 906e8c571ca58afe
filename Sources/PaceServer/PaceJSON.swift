import Foundation
import Hummingbird
import NIOCore
import PaceCore

/// paced's JSON on the wire: answers with sorted keys and a final newline (stable,
/// readable with curl); request bodies of one JSON object, at most the context's
/// upload size, refused with a message naming the field that is wrong.
struct PaceJSON: ResponseEncoder, RequestDecoder {
    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try JSONResponse.make(value)
    }

    func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        try await Self.decode(type, from: request, limit: context.maxUploadSize)
    }

    /// A body of at most `limit` bytes (413 beyond) as one JSON object of type `T`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        var body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "body_too_large", "The request body is larger than \(Self.size(limit)). Send a smaller request.")
        }
        guard let bytes = body.readBytes(length: body.readableBytes), !bytes.isEmpty else {
            throw APIError(.badRequest, "bad_json", "The request body is empty. Send one JSON object.")
        }
        // Visits, calls, payments and orders in the plain form are read without the
        // decoder (a fifth of its time), which reads every other body.
        if let value = PlainJSON.decode(T.self, from: bytes) { return value }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let e as DecodingError {
            throw APIError(.badRequest, "bad_json", ErrorMiddleware<PaceRequestContext>.describe(e))
        }
    }

    /// `64 KiB`, `2 MiB`.
    static func size(_ bytes: Int) -> String { bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB" }
}
