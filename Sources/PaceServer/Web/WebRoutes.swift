import Foundation
import Hummingbird
import NIOCore
import PaceAPI
import PaceApp
import PaceCore
import PaceStore
import Prometheus

/// The web dashboard on paced's TCP listener: pages rendered from the same application
/// services as the API (no figure or rule of its own), a session cookie made from a
/// personal token or a one-time link, a CSRF token in every form, and `/metrics`.
///
/// A page a visitor may not see answers 403 (as the API would); an expired or unknown
/// session goes back to the login page.
struct WebRoutes: Sendable {
    let services: PaceServices
    let sessions: WebSessions
    let users: any UserLookup
    let pages: WebPages
    /// Cookies carry `Secure` (the listener speaks TLS); see also ``cookiesAreSecure(_:)``.
    let secure: Bool
    /// Failed sign-ins per client (shared with the API's bearer tokens).
    let failures: AuthFailures
    /// Whom the throttle counts a failure against.
    let clientAddress: ClientAddress
    let registry: PrometheusCollectorRegistry?
    let blocking: BlockingExecutor

    static let sessionCookie = "pace_session"
    static let loginCookie = "pace_login"

    /// Who is looking: their session and what they may do.
    struct Visitor {
        let id: String
        let session: WebSessions.Session
        let access: Access
    }

    enum WebError: Error {
        /// No session, or an expired one: back to the login page.
        case signIn(expired: Bool)
        /// A form without its session's CSRF token.
        case staleForm
    }

    var now: Timestamp { services.env.clock() }

    func register(on router: Router<PaceRequestContext>) {
        router.get("/") { request, _ in
            (try? visitor(request)) == nil ? Self.redirect("/login") : Self.redirect("/day")
        }
        router.get("assets/pace.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: ResponseBody(byteBuffer: WebPages.stylesheet))
        }
        router.get("login") { request, _ in loginPage(request, message: nil) }
        router.post("login") { request, context in try await blocking.run { try await signIn(request, context) } }
        router.get("login/link") { request, _ in openLink(request) }
        router.post("logout") { request, context in
            try await page(request) { v in
                try await checkCSRF(request, context, v, as: CSRFForm.self) { $0.csrf }
                sessions.close(v.id)
                var r = Self.redirect("/login")
                r.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: cookiesAreSecure(request), httpOnly: true, sameSite: .strict))
                return r
            }
        }
        router.get("day") { request, context in try await page(request) { v in try day(request, context, v) } }
        router.post("log") { request, context in try await page(request) { v in try await log(request, context, v) } }
        router.get("chart") { request, context in try await page(request) { v in try chart(request, context, v) } }
        router.get("team") { request, context in try await page(request) { v in try team(request, context, v) } }
        router.get("slips") { request, context in try await page(request) { v in try slips(request, context, v) } }
        router.get("customers") { request, context in try await page(request) { v in try customers(request, context, v) } }
        router.get("review") { request, context in try await page(request) { v in try review(request, context, v) } }
        router.get("goals") { request, context in try await page(request) { v in try goals(request, context, v) } }
        router.get("metrics") { request, context in try metrics(request, context) }
    }

    // MARK: Sessions

    func visitor(_ request: Request) throws -> Visitor {
        let cookie = request.cookies[Self.sessionCookie]?.value
        guard let id = cookie, !id.isEmpty, let session = sessions.session(id, at: now) else {
            throw WebError.signIn(expired: !(cookie ?? "").isEmpty)
        }
        // A session made from a token ends with the token.
        if let t = session.token {
            let token = services.env.snapshot.organization.tokens[t]
            guard let token, token.revoked == nil, token.expires.map({ now < $0 }) ?? true else {
                sessions.close(id)
                throw WebError.signIn(expired: true)
            }
        }
        // And a session ends with its user's account, as their tokens do.
        guard PaceUsers(system: users, org: services.env.snapshot.organization).exists(user: session.user) else {
            sessions.close(id)
            throw WebError.signIn(expired: true)
        }
        let caller = Caller(uid: UInt32.max, name: session.user, isAdmin: users.isAdmin(user: session.user))
        return Visitor(id: id, session: session, access: services.env.access(caller))
    }

    /// Runs a page's handler for a signed-in visitor, off the cooperative pool; refusals
    /// become error pages, a missing session the login page.
    func page(_ request: Request, _ body: @escaping @Sendable (Visitor) async throws -> Response) async throws -> Response {
        try await blocking.run {
            let v: Visitor
            do {
                v = try visitor(request)
            } catch WebError.signIn(let expired) {
                return Self.redirect(expired ? "/login?expired=1" : "/login")
            }
            do {
                return try await body(v)
            } catch {
                return errorPage(error, v)
            }
        }
    }

    func checkCSRF<F: Decodable>(_ request: Request, _ context: PaceRequestContext, _ v: Visitor, as: F.Type,
                                 _ field: (F) -> String?) async throws {
        let form = try await Self.form(F.self, request, context)
        guard let sent = field(form), WebSessions.same(sent, v.session.csrf) else { throw WebError.staleForm }
    }

    static func form<F: Decodable>(_ type: F.Type, _ request: Request, _ context: PaceRequestContext) async throws -> F {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return try URLEncodedFormDecoder().decode(F.self, from: String(buffer: body))
    }

    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }

    /// Whether the cookies of a response to `request` carry `Secure`: over TLS, or
    /// behind a trusted proxy that says the client's connection is HTTPS.
    func cookiesAreSecure(_ request: Request) -> Bool {
        secure || clientAddress.forwardedHTTPS(request.headers)
    }

    func sessionCookie(_ id: String, for request: Request) -> Cookie {
        Cookie(name: Self.sessionCookie, value: id, maxAge: Int(sessions.lifetimeSeconds), path: "/", secure: cookiesAreSecure(request),
               httpOnly: true, sameSite: .strict)
    }

    func loginPage(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let csrf = WebSessions.randomID()
        var context: [String: Any] = ["title": "Sign in", "loginCSRF": csrf]
        if let message { context["error"] = message } else if request.uri.queryParameters.get("expired") != nil {
            context["error"] = "Your session has ended. Sign in again."
        }
        var r = pages.page("login", context, status: status)
        r.setCookie(Cookie(name: Self.loginCookie, value: csrf, maxAge: 3600, path: "/login", secure: cookiesAreSecure(request), httpOnly: true, sameSite: .strict))
        return r
    }

    /// `POST /login`: a personal token pasted once opens a session for its owner.
    func signIn(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let address = clientAddress.key(request, context)
        if let wait = failures.blocked(address, at: now) {
            return loginPage(request, message: "Too many failed sign-ins from your address; try again in \(wait) s.", status: .tooManyRequests)
        }
        let form = try await Self.form(LoginForm.self, request, context)
        guard let sent = form.csrf, let expected = request.cookies[Self.loginCookie]?.value, WebSessions.same(sent, expected) else {
            return loginPage(request, message: "The sign-in form was stale; it is fresh now. Paste your token again.", status: .forbidden)
        }
        let org = services.env.snapshot.organization
        let secret = (form.token ?? "").trimmingWhitespace()
        guard let id = org.tokenByHash[TokenSecret.hash(secret)], let token = org.tokens[id], token.revoked == nil,
              token.expires.map({ now < $0 }) ?? true else {
            failures.failed(address, at: now)
            return loginPage(request, message: "That token is not valid (or was revoked, or has expired). Make a new one on the server with `pace token create`.",
                             status: .unauthorized)
        }
        services.env.tokenUse.used(id, at: now)
        var r = Self.redirect(landing(for: token.user))
        r.setCookie(sessionCookie(sessions.open(user: token.user, token: id, at: now), for: request))
        return r
    }

    /// `GET /login/link?code=`: a one-time link opens a session, once.
    func openLink(_ request: Request) -> Response {
        guard let code = request.uri.queryParameters.get("code"), let user = sessions.redeem(String(code), at: now) else {
            return loginPage(request, message: "That login link was used already or has expired. Ask for a new one (pace dashboard link), or paste a token.",
                             status: .unauthorized)
        }
        var r = Self.redirect(landing(for: user))
        r.setCookie(sessionCookie(sessions.open(user: user, token: nil, at: now), for: request))
        return r
    }

    /// Managers land on their team's board, everyone else on their day.
    func landing(for user: String) -> String {
        let managed = services.env.snapshot.organization.teamsManaged(by: user)
        return managed.first.map { "/team?team=\($0.percentEncoded)" } ?? "/day"
    }

    // MARK: Pages

    /// What every page shows: who is signed in, their teams, the CSRF token for forms.
    func base(_ v: Visitor, title: String) -> [String: Any] {
        let org = v.access.org
        let teams = v.access.caller.isAdmin ? org.teamOrder : org.teamsManaged(by: v.access.name)
        return ["title": title, "user": v.access.name, "role": v.access.role.rawValue, "csrf": v.session.csrf, "teams": teams]
    }

    func errorPage(_ error: any Error, _ v: Visitor?) -> Response {
        var context: [String: Any] = v.map { base($0, title: "Not shown") } ?? ["title": "Not shown"]
        let status: HTTPResponse.Status
        switch error {
        case WebError.staleForm:
            (status, context["heading"], context["message"]) = (.forbidden, "Form refused",
                "The form was not sent from this session's page (its CSRF token is missing or stale). Reload the page and try again; nothing was recorded.")
        case let e as AppError:
            status = switch e.kind {
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .badRequest: .badRequest
            case .conflict: .conflict
            case .unprocessable: .unprocessableContent
            case .tooManyRequests: .tooManyRequests
            case .unavailable: .serviceUnavailable
            case .internal: .internalServerError
            }
            (context["heading"], context["message"]) = (e.kind == .forbidden ? "Not yours to see" : "Not shown", e.message)
        case let e as InputError:
            (status, context["heading"], context["message"]) = (.badRequest, "Not understood", e.message)
        case is NIOTooManyBytesError:
            (status, context["heading"], context["message"]) = (.contentTooLarge, "Too long", "The form is larger than 64 KiB; nothing was recorded. Shorten it and send it again.")
        case let e as URLEncodedFormError:
            (status, context["heading"], context["message"]) = (.badRequest, "Not understood", "The address cannot be read: \(e).")
        default:
            (status, context["heading"], context["message"]) = (.internalServerError, "Something went wrong", "paced could not show this page: \(error).")
        }
        return pages.page("error", context, status: status)
    }

    static func statusWords(_ s: PaceCore.Progress.Status) -> (icon: String, text: String) {
        switch s {
        case .met: ("✔", "met")
        case .onTrack: ("✔", "on track")
        case .atRisk: ("▲", "at risk")
        case .behind: ("▼", "behind")
        case .missed: ("✖", "missed")
        case .noTarget: ("–", "no target")
        }
    }

    static func show(_ metric: String, _ value: String) -> String { (try? Metric(parsing: metric))?.display(value) ?? value }

    /// A progress row as the metric partial draws it.
    static func metricRow(_ r: ProgressView.Row, chart: String) -> [String: Any] {
        let target = Double(r.target) ?? 0, actual = Double(r.actual) ?? 0, expected = Double(r.expected) ?? 0
        let (icon, text) = statusWords(r.status)
        let colour = switch r.status {
        case .met, .onTrack: "#1a7f37"
        case .atRisk: "#bf8700"
        case .behind, .missed: "#cf222e"
        case .noTarget: "#8c959f"
        }
        var row: [String: Any] = [
            "metric": r.metric, "chart": chart, "actual": show(r.metric, r.actual), "target": show(r.metric, r.target),
            "expected": show(r.metric, r.expected), "status": r.status.rawValue, "icon": icon, "statusText": text, "colour": colour,
            "actualWidth": target > 0 ? BurnUpChart.fmt(min(100, actual / target * 100)) : "0",
            "expectedX": target > 0 ? BurnUpChart.fmt(min(99.2, expected / target * 100)) : "0",
        ]
        if let need = r.requiredPerDay, r.status != .met { row["need"] = show(r.metric, need) }
        return row
    }

    struct UserQuery: Decodable {
        var user: String?
        var logged: String?
        var what: String?
    }

    /// `GET /day?user=`: a salesperson's day (their own; a member's for their manager).
    func day(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        let q = try request.uri.decodeQuery(as: UserQuery.self, context: context)
        return pages.page("day", try dayContext(v, user: q.user, flash: q.logged.map { "Recorded \(q.what ?? "event") #\($0)." }))
    }

    /// The day page of `user` (default the visitor), with a flash or an error line.
    func dayContext(_ v: Visitor, user: String?, flash: String? = nil, error: String? = nil) throws -> [String: Any] {
        let d = try services.dashboard.myDay(user: user, access: v.access)
        func chart(_ metric: String, _ period: String) -> String {
            "/chart?scope=user&name=\(d.user.percentEncoded)&metric=\(metric.percentEncoded)&period=\(period)"
        }
        var page = base(v, title: "\(d.user)'s day")
        page["subject"] = d.user
        page["date"] = d.today.label
        page["todayRows"] = d.today.rows.map { Self.metricRow($0, chart: chart($0.metric, "month")) }
        page["weekRows"] = d.week.rows.map { Self.metricRow($0, chart: chart($0.metric, "week")) }
        page["weekLabel"] = d.week.label
        page["planDate"] = "\(d.planDate.weekday.short) \(d.planDate)"
        page["planItems"] = d.plan.items.map { item -> [String: Any] in
            var i: [String: Any] = ["mark": item.state == .done ? "☑" : item.state == .dropped ? "☒" : "☐", "text": item.text]
            if let c = item.customer { i["customer"] = c }
            if let b = item.doneBy { i["doneBy"] = b }
            return i
        }
        page["slips"] = d.slips.map { ["message": $0.message] }
        page["canLog"] = v.access.mayAct(for: d.user)
        if let flash { page["flash"] = flash }
        if let error { page["error"] = error }
        return page
    }

    /// `POST /log`: the log form, through the same append service as `pace log`.
    func log(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) async throws -> Response {
        let form = try await Self.form(LogForm.self, request, context)
        guard let sent = form.csrf, WebSessions.same(sent, v.session.csrf) else { throw WebError.staleForm }
        let subject = LogForm.given(form.subject) ?? v.access.name
        do {
            let req = AppendRequest(id: nil, occurredAt: nil, subject: subject == v.access.name ? nil : subject, payload: try form.payload())
            let appended = try await services.events.append(req, access: v.access)
            let user = subject == v.access.name ? "" : "user=\(subject.percentEncoded)&"
            return Self.redirect("/day?\(user)logged=\(appended.event.seq)&what=\(req.payload.type.rawValue.percentEncoded)")
        } catch let e as InputError {
            // Refused: the day again, with what to fix; nothing was recorded.
            return pages.page("day", try dayContext(v, user: subject, error: "Not recorded: \(e.message)"), status: .unprocessableContent)
        } catch let e as AppError where e.kind != .forbidden {
            return pages.page("day", try dayContext(v, user: subject, error: "Not recorded: \(e.message)"), status: .unprocessableContent)
        }
    }
}
