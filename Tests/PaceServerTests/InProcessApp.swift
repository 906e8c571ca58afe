import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaceAPI
import PaceApp
import PaceCore
import PaceStore
@testable import PaceServer

/// paced's HTTP application built in-process, as paced builds it, over a temporary
/// SQLite file, with an injected caller (the `X-Test-User` header) in place of the
/// socket's peer credentials, and a list of users in place of the system's. No
/// socket, no root.
struct InProcessApp {
    /// The users of these tests; root and ada are admins.
    struct Users: UserLookup {
        static let all: Set<String> = ["root", "ada", "carol", "dana", "bob", "frank", "newbie"]
        func exists(user: String) -> Bool { Self.all.contains(user) }
        func isAdmin(user: String) -> Bool { user == "root" || user == "ada" }
    }

    /// The caller is the user the request names in `X-Test-User`; without it, 401.
    struct InjectedIdentity: IdentitySource {
        static let header = HTTPField.Name("X-Test-User")!

        func identify(_ request: Request, context: PaceRequestContext) async throws -> (caller: Caller, token: EventID?) {
            guard let name = request.headers[Self.header] else {
                throw APIError(.unauthorized, "no_caller", "The test request names no caller.")
            }
            return (Caller(uid: 1000, name: name, isAdmin: Users().isAdmin(user: name)), nil)
        }
    }

    /// Wednesday 25 November 2026, 10:00 UTC.
    static let now = Timestamp(rfc3339: "2026-11-25T10:00:00Z")!

    let directory: URL
    let store: EventStore
    let recorder: EventRecorder
    let routes: PaceRoutes

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pace-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try EventStore(path: directory.appendingPathComponent("pace.db").path)
        let daemonClock = DaemonClock(testStart: Self.now)
        let clock: @Sendable () -> Timestamp = { daemonClock.now() }
        let snapshot = OrganizationSnapshot()
        recorder = EventRecorder(store: store, clock: clock, attributor: { snapshot.attributor() })
        let organization = try OrganizationService(store: store, recorder: recorder, snapshot: snapshot)
        let env = AppEnvironment(settings: AppSettings(), store: store, recorder: recorder, users: Users(), organization: organization,
                                 snapshot: snapshot, clock: clock, appendLimiter: AppendRateLimiter(burst: 1000, perMinute: 0),
                                 tokenUse: TokenUse(store: store))
        var routes = PaceRoutes(services: PaceServices(env: env), config: ServerConfiguration(), daemonClock: daemonClock,
                                checkSlips: { 0 }, blocking: BlockingExecutor(threads: 2))
        routes.dashboard = (WebSessions(), "https://pace.test:8443")
        self.routes = routes
    }

    /// Runs `body` against the application through HummingbirdTesting's router client;
    /// with `dashboard`, the dashboard's pages too, on `routes.dashboard`'s sessions.
    func test<T>(dashboard: Bool = false, _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let web = try dashboard ? WebRoutes(services: routes.services, sessions: routes.dashboard!.sessions, users: Users(), pages: WebPages(),
                                            secure: true, failures: AuthFailures(), clientAddress: ClientAddress(trustsForwardedFor: false), registry: nil, blocking: routes.blocking) : nil
        let app = Application(router: routes.router(identity: InjectedIdentity(), gate: StartupGate(open: true), web: web))
        defer {
            recorder.close()
            try? store.close()
            try? FileManager.default.removeItem(at: directory)
        }
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// `method path` as `user`, with `body` encoded as JSON.
    func call(_ method: HTTPRequest.Method, _ path: String, as user: String, body: (some Encodable)? = Optional<String>.none) async throws -> TestResponse {
        var headers: HTTPFields = [InProcessApp.InjectedIdentity.header: user]
        var buffer: ByteBuffer?
        if let body {
            headers[.contentType] = "application/json"
            buffer = ByteBuffer(data: try JSONEncoder().encode(body))
        }
        return try await execute(uri: path, method: method, headers: headers, body: buffer)
    }

    /// Appends `payload` as `user` (for `subject`), expecting 201; returns the stored event.
    @discardableResult
    func append(_ payload: EventPayload, as user: String, subject: String? = nil) async throws -> EventRecord {
        let r = try await call(.post, "/v1/events", as: user, body: AppendRequest(id: nil, occurredAt: nil, subject: subject, payload: payload))
        guard r.status == .created else { throw InProcessError("append \(payload.type) as \(user): \(r.status) \(String(buffer: r.body))") }
        return try JSONDecoder().decode(EventRecord.self, from: r.body)
    }
}

struct InProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
