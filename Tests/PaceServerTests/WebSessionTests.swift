import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaceCore
@testable import PaceServer
import Testing

/// Dashboard sessions, in-process.
struct WebSessionTests {
    /// A session ends with its user's account, as the user's tokens do: a page asked
    /// for with the session of a user the host no longer knows goes to the login page,
    /// and the session is gone.
    @Test func aSessionEndsWithItsUsersAccount() async throws {
        let app = try InProcessApp()
        let sessions = try #require(app.routes.dashboard?.sessions)
        let kept = sessions.open(user: "bob", token: nil, at: InProcessApp.now)
        let gone = sessions.open(user: "leaver", token: nil, at: InProcessApp.now)
        try await app.test(dashboard: true) { client in
            // bob's session is honoured: his page (he is on no team yet: a 403 page saying
            // so), not the login page.
            let page = try await client.execute(uri: "/day", method: .get, headers: [.cookie: "pace_session=\(kept)"])
            #expect(page.status == .forbidden && page.headers[.location] == nil)
            let refused = try await client.execute(uri: "/day", method: .get, headers: [.cookie: "pace_session=\(gone)"])
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/login?expired=1")
        }
        #expect(sessions.session(kept, at: InProcessApp.now) != nil)
        #expect(sessions.session(gone, at: InProcessApp.now) == nil)
    }
}
