import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import PaceApp
import PaceCore
import PaceStore

/// Turns every error a route throws into paced's JSON error answer with a fitting
/// 4xx status (5xx only for paced's own faults, which are logged).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int
    /// Every route's method and path (`{name}` is one segment): a known path asked with
    /// another method is answered 405 with `Allow`, not 404.
    let routes: [(method: HTTPRequest.Method, path: String)]

    /// The methods of the routes whose path matches `path`.
    func methods(of path: String) -> [HTTPRequest.Method] {
        let asked = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = routes.filter { r in
            let pattern = r.path.split(separator: "/")
            return pattern.count == asked.count && zip(pattern, asked).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        // As the router does: a literal segment wins over a parameter (events/batch is not events/{id}).
        func literals(_ p: String) -> Int { p.split(separator: "/").filter { !$0.hasPrefix("{") }.count }
        let best = matching.map { literals($0.path) }.max() ?? 0
        return matching.filter { literals($0.path) == best }.map(\.method)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let api = translate(error, request: request)
            if api.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(describing: error))")
            }
            return try api.response(from: request, context: context)
        }
    }

    func translate(_ error: any Error, request: Request) -> APIError {
        switch error {
        case let e as APIError:
            return e
        case let e as AppError:
            let status: HTTPResponse.Status = switch e.kind {
            case .badRequest: .badRequest
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .unprocessable: .unprocessableContent
            case .tooManyRequests: .tooManyRequests
            case .unavailable: .serviceUnavailable
            case .internal: .internalServerError
            }
            return APIError(status, e.code, e.message, retryAfter: e.retryAfter)
        case let e as InputError:
            return APIError(e.rule ? .unprocessableContent : .badRequest, e.code, e.message)
        case let e as StoreError:
            let status: HTTPResponse.Status = switch e.code {
            case .idConflict, .alreadyVoided: .conflict
            case .notFound: .notFound
            case .cannotVoid: .unprocessableContent
            case .closed, .busy: .serviceUnavailable
            case .full: .init(code: 507, reasonPhrase: "Insufficient Storage")
            case .locked, .database, .unreadable: .internalServerError
            }
            return APIError(status, e.code.rawValue, e.message)
        case let e as DecodingError:
            return APIError(.badRequest, "bad_json", Self.describe(e))
        case let e as HTTPParserError:
            // A malformed request (e.g. a bad chunk size in a chunked body) is the client's fault.
            return APIError(.badRequest, "bad_http", "The request is not valid HTTP/1.1 (\(e)). Send a well-formed request.")
        case let e as URLEncodedFormError:
            // A query Hummingbird cannot read as a form: a key given twice, bad percent-encoding.
            return APIError(.badRequest, "bad_query", "The query cannot be read: \(e). Give each parameter once; see schema/openapi.yaml.")
        case let e as HTTPError where e.status == .badRequest:
            // Hummingbird's own decoding of a query or body that does not fit its type.
            return APIError(.badRequest, "bad_request", "\(e.body ?? "The request could not be read.") See schema/openapi.yaml for the request format.")
        case let e as any HTTPResponseError:
            switch e.status {
            case .contentTooLarge:
                return APIError(.contentTooLarge, "body_too_large", "The request body is larger than \(maxBodyBytes / 1024) KiB. Send a smaller request.")
            case .notFound:
                let allowed = methods(of: request.uri.path)
                if !allowed.isEmpty {
                    var e = APIError(.methodNotAllowed, "method_not_allowed",
                                     "\(request.uri.path) takes \(allowed.map(\.rawValue).joined(separator: " or ")), not \(request.method). The API is described in schema/openapi.yaml.")
                    e.allow = allowed.map(\.rawValue).joined(separator: ", ")
                    return e
                }
                return APIError(.notFound, "no_route", "There is no \(request.method) \(request.uri.path). The API is described in schema/openapi.yaml.")
            default:
                return APIError(e.status, "http_\(e.status.code)", e.status.reasonPhrase)
            }
        default:
            return APIError(.internalServerError, "internal", "paced failed to answer: \(error). The daemon's log has details.")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String {
            c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let at = path(ctx.codingPath)
            return "Missing field '\(key.stringValue)'\(at.isEmpty ? "" : " in '\(at)'"). See schema/openapi.yaml for the request format."
        case .typeMismatch(_, let ctx) where ctx.codingPath.isEmpty:
            return "The request body must be one JSON object, like {\"type\":\"call\",\"data\":{\"customer\":\"ACME\"}}."
        case .typeMismatch(let type, let ctx):
            return "Field '\(path(ctx.codingPath))' has the wrong type: expected \(Self.jsonName(type))."
        case .valueNotFound(let type, let ctx):
            return "Field '\(path(ctx.codingPath))' is null: expected \(Self.jsonName(type))."
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty { return "The request body is not valid JSON. Send one JSON object." }
            return "Field '\(path(ctx.codingPath))' is not valid: \(ctx.debugDescription)"
        @unknown default:
            return "The request body could not be read as JSON."
        }
    }

    static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        default: "a JSON \(type)"
        }
    }
}
