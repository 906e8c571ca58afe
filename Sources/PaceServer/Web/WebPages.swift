import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The dashboard's templates (swift-mustache, which HTML-escapes every `{{value}}`),
/// built into paced, and its one stylesheet. Nothing is loaded from elsewhere.
struct WebPages: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("head", PackageResources.head_mustache), ("foot", PackageResources.foot_mustache), ("metric", PackageResources.metric_mustache),
            ("login", PackageResources.login_mustache), ("error", PackageResources.error_mustache), ("day", PackageResources.day_mustache),
            ("chart", PackageResources.chart_mustache), ("team", PackageResources.team_mustache), ("slips", PackageResources.slips_mustache),
            ("customers", PackageResources.customers_mustache), ("review", PackageResources.review_mustache), ("goals", PackageResources.goals_mustache),
        ]
        for (name, bytes) in templates { try library.register(String(decoding: bytes, as: UTF8.self), named: name) }
        self.library = library
    }

    static let stylesheet = ByteBuffer(bytes: PackageResources.pace_css)

    /// Security headers of every page: nothing but paced's own stylesheet, no framing,
    /// no referrer, no caching of personal figures.
    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        .cacheControl: "no-store",
    ]

    /// `template` rendered with `context` as a page.
    func page(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: Self.headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
