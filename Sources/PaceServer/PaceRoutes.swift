import HTTPTypes
import Hummingbird
import PaceAPI
import PaceApp
import PaceCore

/// The `/v1` HTTP API (described in schema/openapi.yaml): one table of thin adapters.
/// Each decodes a typed query or body with Hummingbird's `decodeQuery` or `decode`,
/// calls one application service with the caller's ``Access`` (set once per request
/// by ``IdentityMiddleware``), and returns the service's wire view.
struct PaceRoutes: Sendable {
    let services: PaceServices
    let config: ServerConfiguration
    let daemonClock: DaemonClock
    /// Runs the slip checks now due (after the test clock moves); answers how many slips.
    let checkSlips: @Sendable () async -> Int
    /// Where handlers run: their blocking calls (SQLite, NSS) stay off the cooperative pool.
    let blocking: BlockingExecutor
    /// The dashboard's sessions and login links, and its address, when paced serves it
    /// (`--listen`); nil otherwise.
    var dashboard: (sessions: WebSessions, url: String)?

    /// One route of the `/v1` API: its method, its path under `/v1/` (`{name}` matches one
    /// segment) and its handler.
    struct Route: Sendable {
        let method: HTTPRequest.Method
        let path: String
        /// Whether the whole handler runs on the ``BlockingExecutor`` (the default). A
        /// route that says false runs on the cooperative pool and offloads its own
        /// blocking calls (`POST /v1/events`: most appends never block).
        let offloaded: Bool
        let handler: @Sendable (PaceRoutes, Request, PaceRequestContext) async throws -> any ResponseGenerator

        init(_ method: HTTPRequest.Method, _ path: String, offloaded: Bool = true,
             _ handler: @escaping @Sendable (PaceRoutes, Request, PaceRequestContext) async throws -> any ResponseGenerator) {
            self.method = method
            self.path = path
            self.offloaded = offloaded
            self.handler = handler
        }
    }

    /// The largest body of `POST /v1/events/batch` (1,000 events), in bytes.
    static let maxBatchBytes = 2 << 20

    /// Every route, in one table: registered from it, and answered 405 (with `Allow`)
    /// for another method on one of its paths.
    static func routes(testClock: Bool) -> [Route] {
        var list: [Route] = [
            Route(.post, "events", offloaded: false) { r, req, ctx in
                let (body, access) = (try await req.decode(as: AppendRequest.self, context: ctx), try r.access(ctx))
                let append = { @Sendable in try await r.services.events.append(body, access: access) }
                // An append that blocks on nothing but the writer (which it awaits) stays on
                // the cooperative pool: two thread hand-offs fewer, a third more appends/s.
                let appended = r.services.events.mayBlock(body, access: access) ? try await r.blocking.run(append) : try await append()
                return EditedResponse(status: appended.created ? .created : .ok, response: appended.event)
            },
            Route(.post, "events/batch") { r, req, ctx in
                let access = try r.access(ctx)
                return try await r.services.events.underWay(access) {
                    try await r.services.events.appendBatch(PaceJSON.decode(BatchRequest.self, from: req, limit: Self.maxBatchBytes), access: access)
                }
            },
            Route(.get, "events") { r, req, ctx in try r.services.events.list(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "events/{id}") { r, _, ctx in try r.services.events.one(EventID(parsing: ctx.parameters.get("id") ?? ""), access: r.access(ctx)) },
            Route(.get, "status") { r, _, ctx in try r.services.status.status(access: r.access(ctx)) },
            Route(.get, "verify") { r, _, ctx in try r.services.status.verify(access: r.access(ctx)) },
            Route(.post, "rebuild") { r, _, ctx in try r.services.status.rebuild(access: r.access(ctx)) },
            Route(.get, "teams") { r, _, ctx in try r.services.organization.teams(access: r.access(ctx)) },
            Route(.get, "teams/{team}") { r, _, ctx in try r.services.organization.team(ctx.parameters.get("team") ?? "", access: r.access(ctx)) },
            Route(.get, "teams/{team}/calendar") { r, req, ctx in
                try r.services.organization.calendar(ofTeam: ctx.parameters.get("team") ?? "", req.uri.decodeQuery(context: ctx), access: r.access(ctx))
            },
            Route(.get, "targets") { r, req, ctx in try r.services.targets.show(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "targets/derive") { r, req, ctx in try r.services.targets.derive(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "progress") { r, req, ctx in try r.services.progress.progress(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "report") { r, req, ctx in try r.services.reports.report(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "customers") { r, req, ctx in try r.services.customers.customers(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "slips") { r, req, ctx in try r.services.slips.slips(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "plan") { r, req, ctx in try r.services.planning.plan(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "review/week") { r, req, ctx in try r.services.planning.reviewWeek(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "review/month") { r, req, ctx in try r.services.planning.reviewMonth(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "goals") { r, req, ctx in try r.services.planning.goal(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.get, "users") { r, _, ctx in try r.services.users.users(access: r.access(ctx)) },
            Route(.get, "users/{name}") { r, _, ctx in try r.services.users.user(ctx.parameters.get("name") ?? "", access: r.access(ctx)) },
            Route(.post, "tokens") { r, req, ctx in
                let created = try await r.services.users.createToken(req.decode(as: TokenRequest.self, context: ctx), access: r.access(ctx), viaToken: ctx.token != nil)
                return EditedResponse(status: .created, response: created)
            },
            Route(.get, "tokens") { r, req, ctx in try r.services.users.tokens(req.uri.decodeQuery(context: ctx), access: r.access(ctx)) },
            Route(.post, "login-links") { r, req, ctx in
                try EditedResponse(status: .created, response: r.loginLink(await req.decode(as: LoginLinkRequest.self, context: ctx), access: r.access(ctx), viaToken: ctx.token != nil))
            },
            Route(.post, "tokens/{id}/revoke") { r, _, ctx in
                try await r.services.users.revokeToken(EventID(parsing: ctx.parameters.get("id") ?? ""), access: r.access(ctx))
            },
        ]
        if testClock {
            list.append(Route(.post, "test/clock") { r, req, ctx in try await r.moveTestClock(req.decode(as: ClockRequest.self, context: ctx), access: r.access(ctx)) })
        }
        return list
    }

    /// Registers every route on `router`, behind the error middleware and then the
    /// identity middleware with `identity`: the same API on every listener.
    func register(on router: Router<PaceRequestContext>, identity: any IdentitySource) {
        let routes = Self.routes(testClock: daemonClock.isTest)
        router.add(middleware: ErrorMiddleware(maxBodyBytes: config.maxBodyBytes, routes: routes.map { ($0.method, "v1/" + $0.path) }))
        let api = router.group("v1").add(middleware: IdentityMiddleware(source: identity))
        for route in routes {
            let handler = route.handler
            if route.offloaded {
                api.on(RouterPath(route.path), method: route.method) { request, context in
                    try await blocking.run { try await handler(self, request, context).response(from: request, context: context) }
                }
            } else {
                api.on(RouterPath(route.path), method: route.method) { request, context in
                    try await handler(self, request, context).response(from: request, context: context)
                }
            }
        }
    }

    /// The whole HTTP application of one listener, whose callers `identity` names:
    /// start-up gate, errors, identity, then every route. paced builds one per
    /// listener; in-process tests build one with an injected identity and no socket.
    func router(identity: any IdentitySource, gate: StartupGate, web: WebRoutes? = nil) -> Router<PaceRequestContext> {
        let router = Router(context: PaceRequestContext.self)
        if web != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: StartupMiddleware(gate: gate))
        register(on: router, identity: identity)
        web?.register(on: router)
        return router
    }

    /// `POST /v1/login-links` `{"user": NAME}`: a one-time dashboard login link. Anyone
    /// for themself on the Unix socket, admins for anyone; not with a token.
    func loginLink(_ req: LoginLinkRequest, access: Access, viaToken: Bool) throws -> LoginLinkView {
        guard let dashboard else {
            throw AppError(.conflict, "no_dashboard", "paced serves no dashboard: start it with --listen HOST:PORT (and a TLS certificate).")
        }
        let user = try req.user.map { try Name.validated($0, what: "user") } ?? access.name
        guard !viaToken else { throw AppError(.forbidden, "forbidden", "Login links are made on the server (pace dashboard link over the Unix socket), not with a token.") }
        guard user == access.name || access.caller.isAdmin else {
            throw AppError(.forbidden, "forbidden", "You (\(access.name)) may make a login link for yourself only; one for \(user) needs an admin.")
        }
        guard PaceUsers(system: services.env.users, org: access.org).exists(user: user) else {
            throw AppError(.unprocessable, "unknown_user", "There is no user '\(user)'. Add them with `pace user add \(user) --name \"...\"`.")
        }
        let link = dashboard.sessions.link(for: user, at: services.env.clock())
        return LoginLinkView(user: user, url: "\(dashboard.url)/login/link?code=\(link.code)", expiresAt: link.expires)
    }

    /// The caller and what they may do in the organisation as it is now.
    func access(_ context: PaceRequestContext) throws -> Access {
        guard let caller = context.caller else {
            throw APIError(.internalServerError, "no_identity", "paced could not tell who is calling.")
        }
        return services.env.access(caller)
    }

    /// `POST /v1/test/clock` `{"now": RFC 3339}` (admins; only with `paced --test-clock`):
    /// moves the clock forward, runs the slip checks now due, and answers when they are done.
    func moveTestClock(_ body: ClockRequest, access: Access) async throws -> ClockResponse {
        guard access.caller.isAdmin else { throw AppError(.forbidden, "forbidden", "Only an admin may move the test clock.") }
        guard daemonClock.advance(to: body.now) else {
            throw AppError(.conflict, "clock_backwards", "The test clock reads \(daemonClock.now()); it only moves forward.")
        }
        let n = await checkSlips()
        return ClockResponse(now: daemonClock.now(), slips: n)
    }
}
