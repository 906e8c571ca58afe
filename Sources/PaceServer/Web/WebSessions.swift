import Crypto
import PaceCore
import Synchronization

/// The dashboard's sessions and one-time login links, in paced's memory (a restart
/// signs everyone out). A session is made from a personal token pasted once, or from
/// a one-time link; the browser holds only its random id, in an HttpOnly,
/// SameSite=Strict cookie. Each session has its own CSRF token for its forms.
final class WebSessions: Sendable {
    struct Session: Sendable {
        var user: String
        /// The token it was made from: the session ends when the token is revoked or expires.
        var token: EventID?
        /// Sent back in every form (a hidden field) and compared on every POST.
        var csrf: String
        var expires: Timestamp
    }

    /// How long a session lasts, in seconds (12 hours: a working day).
    let lifetimeSeconds: Int64
    /// How long a login link may wait to be opened, in seconds.
    let linkSeconds: Int64
    private let sessions = Mutex<[String: Session]>([:])
    private let links = Mutex<[String: (user: String, expires: Timestamp)]>([:])

    init(lifetimeSeconds: Int64 = 12 * 3600, linkSeconds: Int64 = 15 * 60) {
        self.lifetimeSeconds = lifetimeSeconds
        self.linkSeconds = linkSeconds
    }

    /// 32 random bytes as 64 hex digits.
    static func randomID() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// A new session for `user`; returns its id.
    func open(user: String, token: EventID?, at now: Timestamp) -> String {
        let id = Self.randomID()
        let session = Session(user: user, token: token, csrf: Self.randomID(), expires: now.adding(seconds: lifetimeSeconds))
        sessions.withLock { s in
            if s.count > 10_000 { s = s.filter { $0.value.expires > now } }
            s[id] = session
        }
        return id
    }

    /// The live session of `id`, or nil (unknown, or expired and now forgotten).
    func session(_ id: String, at now: Timestamp) -> Session? {
        sessions.withLock { s in
            guard let found = s[id] else { return nil }
            if found.expires <= now {
                s[id] = nil
                return nil
            }
            return found
        }
    }

    func close(_ id: String) { sessions.withLock { _ = $0.removeValue(forKey: id) } }

    /// A one-time login link code for `user`, valid for ``linkSeconds``.
    func link(for user: String, at now: Timestamp) -> (code: String, expires: Timestamp) {
        let code = Self.randomID()
        let expires = now.adding(seconds: linkSeconds)
        links.withLock { l in
            if l.count > 10_000 { l = l.filter { $0.value.expires > now } }
            l[code] = (user, expires)
        }
        return (code, expires)
    }

    /// The user of a link code, once: the code is spent whether or not it has expired.
    func redeem(_ code: String, at now: Timestamp) -> String? {
        links.withLock { l in
            guard let found = l.removeValue(forKey: code), found.expires > now else { return nil }
            return found.user
        }
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
