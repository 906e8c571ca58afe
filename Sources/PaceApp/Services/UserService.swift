import PaceAPI
import PaceCore
import PaceStore

/// Pace users and their personal bearer tokens.
public struct UserService: Sendable {
    let env: AppEnvironment

    /// Every Pace user (admins).
    public func users(access: Access) throws -> UserList {
        guard access.caller.isAdmin else { throw AppError(.forbidden, "forbidden", "Only an admin may list the users.") }
        let org = access.org
        return UserList(users: org.users.values.sorted { $0.name < $1.name }.map { Self.view(of: $0, in: org) })
    }

    /// One Pace user (admins, and the user themself).
    public func user(_ name: String, access: Access) throws -> UserView {
        guard access.caller.isAdmin || name == access.name else { throw AppError(.forbidden, "forbidden", "Only an admin may show other users.") }
        guard let user = access.org.users[name] else {
            throw AppError(.notFound, "unknown_user", "There is no Pace user '\(name)'. Add one with `pace user add \(name) --name \"...\"`.")
        }
        return Self.view(of: user, in: access.org)
    }

    static func view(of user: Organization.User, in org: Organization) -> UserView {
        UserView(name: user.name, displayName: user.displayName, email: user.email,
                 teams: org.currentTeam(of: user.name).map { [$0] } ?? [], manages: org.teamsManaged(by: user.name))
    }

    func view(of t: Organization.Token, uses: [EventID: Timestamp]) -> TokenView {
        TokenView(id: t.id, user: t.user, name: t.label, createdAt: t.created, expiresAt: t.expires, lastUsedAt: uses[t.id] ?? env.tokenUse.last(t.id),
                  revokedAt: t.revoked)
    }

    /// A personal token, its secret shown once. Anyone for themself on the Unix socket;
    /// admins for anyone. A token, even an admin's, cannot make more tokens
    /// (`viaToken`): a stolen one must not outlive its own revocation.
    public func createToken(_ req: TokenRequest, access: Access, viaToken: Bool) async throws -> TokenCreated {
        let user = try req.user.map { try Name.validated($0, what: "user") } ?? access.name
        if viaToken {
            throw AppError(.forbidden, "forbidden", "Tokens are made on the server (pace token create over the Unix socket), not with another token.")
        }
        guard user == access.name || access.caller.isAdmin else {
            throw AppError(.forbidden, "forbidden", "You (\(access.name)) may make tokens for yourself only; one for \(user) needs an admin.")
        }
        guard PaceUsers(system: env.users, org: access.org).exists(user: user) else {
            throw AppError(.unprocessable, "unknown_user", "There is no user '\(user)'. Add them with `pace user add \(user) --name \"...\"`.")
        }
        let days = req.expiresDays ?? 90
        guard (1...366).contains(days) else {
            throw AppError(.badRequest, "bad_expires", "A token lasts 1 to 366 days, not \(days). Give --expires like 90d.")
        }
        let now = env.clock()
        let secret = TokenSecret.make()
        let payload = EventPayload.token(try TokenEvent.create(user: user, label: req.name, expires: now.adding(seconds: Int64(days) * 86_400),
                                                               hash: TokenSecret.hash(secret)))
        let event = NewEvent(id: EventID.v7(at: now), type: .token, subject: user, recordedBy: access.name, occurredAt: now,
                             data: try payload.inputJSON(), payload: payload)
        guard case .created(let stored) = try await env.organization.append(event, payload: payload, check: { _ in }),
              let token = env.snapshot.organization.tokens[stored.id] else {
            throw AppError(.internal, "internal", "The token was not recorded.")
        }
        return TokenCreated(token: view(of: token, uses: [:]), secret: secret)
    }

    /// One's own tokens; an admin's choice of anyone's, or all.
    public func tokens(_ q: TokenQuery, access: Access) throws -> TokenList {
        let user = q.user ?? access.name
        guard access.caller.isAdmin || (!q.all && user == access.name) else {
            throw AppError(.forbidden, "forbidden", "You (\(access.name)) may list only your own tokens.")
        }
        let uses = try env.store.tokenUses()
        let tokens = access.org.tokens.values.filter { q.all || $0.user == user }.sorted { ($0.created, $0.id.text) < ($1.created, $1.id.text) }
        return TokenList(tokens: tokens.map { view(of: $0, uses: uses) })
    }

    /// Revokes a token, by its owner or an admin; it stops working at once.
    public func revokeToken(_ id: EventID, access: Access) async throws -> TokenView {
        guard let token = access.org.tokens[id], access.caller.isAdmin || token.user == access.name else {
            throw AppError(.notFound, "no_token", "No token of yours has the id \(id). See `pace token list`.")
        }
        guard token.revoked == nil else { throw AppError(.conflict, "already_revoked", "Token \(id) was revoked already.") }
        let now = env.clock()
        let payload = EventPayload.token(try TokenEvent.revoke(id))
        let event = NewEvent(id: EventID.v7(at: now), type: .token, subject: token.user, recordedBy: access.name, occurredAt: now,
                             data: try payload.inputJSON(), payload: payload)
        _ = try await env.organization.append(event, payload: payload, check: { _ in })
        return view(of: env.snapshot.organization.tokens[id] ?? token, uses: try env.store.tokenUses())
    }
}
