import Hummingbird
import PaceAPI
import PaceApp
import PaceCore
import PaceStore

/// Pace users and their personal bearer tokens.
extension PaceRoutes {
    static func view(of user: Organization.User, in org: Organization) -> UserView {
        UserView(name: user.name, displayName: user.displayName, email: user.email,
                 teams: org.currentTeam(of: user.name).map { [$0] } ?? [], manages: org.teamsManaged(by: user.name))
    }

    /// `GET /v1/users` (admins): every Pace user.
    func listUsers(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.caller.isAdmin else { throw APIError(.forbidden, "forbidden", "Only an admin may list the users.") }
        let org = access.org
        return try JSONResponse.make(UserList(users: org.users.values.sorted { $0.name < $1.name }.map { Self.view(of: $0, in: org) }))
    }

    /// `GET /v1/users/{name}` (admins, and the user themself).
    func showUser(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let name = context.parameters.get("name") ?? ""
        guard access.caller.isAdmin || name == access.name else { throw APIError(.forbidden, "forbidden", "Only an admin may show other users.") }
        guard let user = access.org.users[name] else {
            throw APIError(.notFound, "unknown_user", "There is no Pace user '\(name)'. Add one with `pace user add \(name) --name \"...\"`.")
        }
        return try JSONResponse.make(Self.view(of: user, in: access.org))
    }

    func tokenView(_ t: Organization.Token, uses: [EventID: Timestamp]) -> TokenView {
        TokenView(id: t.id, user: t.user, name: t.label, createdAt: t.created, expiresAt: t.expires, lastUsedAt: uses[t.id] ?? tokenUse.last(t.id),
                  revokedAt: t.revoked)
    }

    /// `POST /v1/tokens`: a personal token, its secret shown once. Anyone for themself on
    /// the Unix socket; admins for anyone. A token, even an admin's, cannot make more
    /// tokens: a stolen one must not outlive its own revocation.
    func createToken(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let req = try await decode(TokenRequest.self, from: request)
        let user = try req.user.map { try Name.validated($0, what: "user") } ?? access.name
        if context.token != nil {
            throw APIError(.forbidden, "forbidden", "Tokens are made on the server (pace token create over the Unix socket), not with another token.")
        }
        guard user == access.name || access.caller.isAdmin else {
            throw APIError(.forbidden, "forbidden", "You (\(access.name)) may make tokens for yourself only; one for \(user) needs an admin.")
        }
        guard PaceUsers(system: users, org: access.org).exists(user: user) else {
            throw APIError(.unprocessableContent, "unknown_user", "There is no user '\(user)'. Add them with `pace user add \(user) --name \"...\"`.")
        }
        let days = req.expiresDays ?? 90
        guard (1...366).contains(days) else {
            throw APIError(.badRequest, "bad_expires", "A token lasts 1 to 366 days, not \(days). Give --expires like 90d.")
        }
        let now = clock()
        let secret = TokenSecret.make()
        let payload = EventPayload.token(try TokenEvent.create(user: user, label: req.name, expires: now.adding(seconds: Int64(days) * 86_400),
                                                               hash: TokenSecret.hash(secret)))
        let event = NewEvent(id: EventID.v7(at: now), type: .token, subject: user, recordedBy: access.name, occurredAt: now,
                             data: try payload.canonicalJSON(), payload: payload)
        guard case .created(let stored) = try await org.append(event, payload: payload, check: { _ in }),
              let token = snapshot.organization.tokens[stored.id] else {
            throw APIError(.internalServerError, "internal", "The token was not recorded.")
        }
        return try JSONResponse.make(TokenCreated(token: tokenView(token, uses: [:]), secret: secret), status: .created)
    }

    /// `GET /v1/tokens?user=&all=true`: one's own tokens; an admin's choice of anyone's.
    func listTokens(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let q = request.uri.queryParameters
        let all = q.get("all") == "true"
        let user = q.get("user") ?? access.name
        guard access.caller.isAdmin || (!all && user == access.name) else {
            throw APIError(.forbidden, "forbidden", "You (\(access.name)) may list only your own tokens.")
        }
        let uses = try store.tokenUses()
        let tokens = access.org.tokens.values.filter { all || $0.user == user }.sorted { ($0.created, $0.id.text) < ($1.created, $1.id.text) }
        return try JSONResponse.make(TokenList(tokens: tokens.map { tokenView($0, uses: uses) }))
    }

    /// `POST /v1/tokens/{id}/revoke`: by its owner or an admin; it stops working at once.
    func revokeToken(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let id = try EventID(parsing: context.parameters.get("id") ?? "")
        guard let token = access.org.tokens[id], access.caller.isAdmin || token.user == access.name else {
            throw APIError(.notFound, "no_token", "No token of yours has the id \(id). See `pace token list`.")
        }
        guard token.revoked == nil else { throw APIError(.conflict, "already_revoked", "Token \(id) was revoked already.") }
        let now = clock()
        let payload = EventPayload.token(try TokenEvent.revoke(id))
        let event = NewEvent(id: EventID.v7(at: now), type: .token, subject: token.user, recordedBy: access.name, occurredAt: now,
                             data: try payload.canonicalJSON(), payload: payload)
        _ = try await org.append(event, payload: payload, check: { _ in })
        let revoked = snapshot.organization.tokens[id] ?? token
        return try JSONResponse.make(tokenView(revoked, uses: try store.tokenUses()))
    }
}
