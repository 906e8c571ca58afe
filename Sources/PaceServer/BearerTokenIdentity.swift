import Hummingbird
import PaceApp
import PaceCore
import PaceStore
import Synchronization

/// Over TCP: the caller is the Pace user whose personal token is presented as
/// `Authorization: Bearer TOKEN`. Only the token's SHA-256 is looked up. What the user
/// may do is then decided exactly as for the same user on the Unix socket.
struct BearerTokenIdentity: IdentitySource {
    let snapshot: OrganizationSnapshot
    let users: UserDirectory
    let clock: @Sendable () -> Timestamp
    let failures: AuthFailures
    let tokenUse: TokenUse
    /// Whom the throttle counts a failure against.
    let clientAddress: ClientAddress

    static let challenge = #"Bearer realm="pace""#

    func identify(_ request: Request, context: PaceRequestContext) async throws -> (caller: Caller, token: EventID?) {
        let now = clock()
        let address = clientAddress.key(request, context)
        if let wait = failures.blocked(address, at: now) {
            throw APIError(.tooManyRequests, "auth_throttled",
                           "Too many failed sign-ins from \(address); try again in \(wait) s with a valid token.", retryAfter: wait)
        }
        // Only a presented token that fails counts toward the throttle: requests with no
        // token (a health check, a browser) must not lock out the peer's real users.
        func refuse(_ code: String, _ message: String, invalid: Bool) -> APIError {
            if invalid { failures.failed(address, at: now) }
            var e = APIError(.unauthorized, code, message)
            e.wwwAuthenticate = Self.challenge + (invalid ? #", error="invalid_token""# : "")
            return e
        }
        guard let header = request.headers[.authorization] else {
            throw refuse("no_token", "Send your personal token as Authorization: Bearer TOKEN. Make one on the server with `pace token create`.", invalid: false)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw refuse("no_token", "The Authorization header must be Bearer TOKEN. Make a token on the server with `pace token create`.", invalid: false)
        }
        let org = snapshot.organization
        guard let id = org.tokenByHash[TokenSecret.hash(String(parts[1]).trimmingWhitespace())], let token = org.tokens[id] else {
            throw refuse("invalid_token", "The token is not valid. Check it, or make a new one with `pace token create`.", invalid: true)
        }
        if token.revoked != nil {
            throw refuse("invalid_token", "The token was revoked. Make a new one with `pace token create`.", invalid: true)
        }
        if let expires = token.expires, now >= expires {
            throw refuse("invalid_token", "The token expired at \(expires). Make a new one with `pace token create`.", invalid: true)
        }
        // A token ends with its user: one whose account is gone from the host (and who
        // is not a Pace user of its own) signs in no more, within the lookup's seconds.
        guard PaceUsers(system: users, org: org).exists(user: token.user) else {
            throw refuse("invalid_token", "The token's user \(token.user) no longer has an account on the paced host. Ask an administrator.", invalid: true)
        }
        tokenUse.used(id, at: now)
        return (Caller(uid: UInt32.max, name: token.user, isAdmin: users.isAdmin(user: token.user)), id)
    }
}

/// Failed sign-ins per peer (an IPv4 address, an IPv6 /64): after `limit` in a minute,
/// the peer gets 429 until the minute is over, so tokens cannot be guessed at speed.
final class AuthFailures: Sendable {
    let limit: Int
    private let state = Mutex<[String: (count: Int, since: Int64)]>([:])

    init(limit: Int = 10) { self.limit = limit }

    /// Seconds to wait when `address` has failed too often in the current minute.
    func blocked(_ address: String, at now: Timestamp) -> Int? {
        state.withLock { s in
            guard let f = s[address] else { return nil }
            let age = now.milliseconds - f.since
            if age >= 60_000 { s[address] = nil; return nil }
            return f.count >= limit ? Int((60_000 - age + 999) / 1000) : nil
        }
    }

    func failed(_ address: String, at now: Timestamp) {
        state.withLock { s in
            // Forget peers whose minute is over, so many peers cannot grow the table for good.
            if s.count > 10_000 { s = s.filter { now.milliseconds - $0.value.since < 60_000 } }
            if let f = s[address], now.milliseconds - f.since < 60_000 {
                s[address] = (f.count + 1, f.since)
            } else {
                s[address] = (1, now.milliseconds)
            }
        }
    }
}
