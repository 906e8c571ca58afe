import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaceAPI
import PaceApp
import PaceCore
import Testing
@testable import PaceServer

/// Every route of the API × every role, in-process through HummingbirdTesting's router
/// client, without root or a socket (issue 11): the status each role gets, as the
/// authorization matrix decides it.
///
/// The company: east (manager carol; members carol and bob), west (manager dana;
/// member frank); root is an admin; newbie is on no team.
@Suite struct RouteRoleTableTests {
    enum Role: String, CaseIterable, CustomStringConvertible {
        case admin, manager, otherManager = "manager of another team", member, none = "user on no team"
        var user: String {
            switch self {
            case .admin: "root"
            case .manager: "carol"
            case .otherManager: "dana"
            case .member: "bob"
            case .none: "newbie"
            }
        }
        var description: String { rawValue }
    }

    /// One request and the status each role gets. `request` makes it for a role (a
    /// fresh body or id where a request changes something).
    struct Row {
        let method: HTTPRequest.Method
        let route: String
        let request: @Sendable (Role, Seeded) async throws -> (path: String, body: AnyEncodable?)
        let expect: [Role: HTTPResponse.Status]
    }

    struct AnyEncodable: Encodable, Sendable {
        let encode: @Sendable (any Encoder) throws -> Void
        init<T: Encodable & Sendable>(_ value: T) { encode = { try value.encode(to: $0) } }
        func encode(to encoder: any Encoder) throws { try encode(encoder) }
    }

    /// What the seed made, for requests to refer to.
    struct Seeded: Sendable {
        let bobsCall: EventID
        let client: any TestClientProtocol
    }

    static func all(_ status: HTTPResponse.Status) -> [Role: HTTPResponse.Status] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, status) })
    }

    /// Admin and the team's manager: 200; everyone else 403.
    static let teamManagers: [Role: HTTPResponse.Status] = [.admin: .ok, .manager: .ok, .otherManager: .forbidden, .member: .forbidden, .none: .forbidden]
    /// Anyone on a team (or managing one): 200; the user on no team 403.
    static let onATeam: [Role: HTTPResponse.Status] = [.admin: .ok, .manager: .ok, .otherManager: .ok, .member: .ok, .none: .forbidden]
    /// Bob himself, his manager and admins: 200; the other team's manager and the user on no team 403.
    static let bobAndManager: [Role: HTTPResponse.Status] = [.admin: .ok, .manager: .ok, .otherManager: .forbidden, .member: .ok, .none: .forbidden]
    static let adminOnly: [Role: HTTPResponse.Status] = [.admin: .ok, .manager: .forbidden, .otherManager: .forbidden, .member: .forbidden, .none: .forbidden]

    static func get(_ route: String, _ path: String, _ expect: [Role: HTTPResponse.Status]) -> Row {
        Row(method: .get, route: route, request: { _, _ in (path, nil) }, expect: expect)
    }

    static let table: [Row] = [
        get("status", "/v1/status", all(.ok)),
        get("verify", "/v1/verify", adminOnly),
        Row(method: .post, route: "rebuild", request: { _, _ in ("/v1/rebuild", nil) }, expect: adminOnly),
        get("teams", "/v1/teams", onATeam),
        get("teams/{team}", "/v1/teams/east", onATeam),
        get("teams/{team}/calendar", "/v1/teams/east/calendar?year=2026", onATeam),
        get("targets", "/v1/targets?scope=team&name=east&metric=revenue&year=2026", teamManagers),
        get("targets", "/v1/targets?scope=company&metric=revenue&year=2026",
            [.admin: .ok, .manager: .ok, .otherManager: .ok, .member: .forbidden, .none: .forbidden]),
        get("targets/derive", "/v1/targets/derive?team=east&year=2026&ratios=" + [
            "aov=1000", "active-customers=10", "repurchase-rate=0.5", "revenue-per-repeat-customer=1000", "first-year-revenue=500",
            "conversion=0.2", "visits-per-existing-customer=4", "calls-per-order=2",
        ].joined(separator: ","), teamManagers),
        get("progress", "/v1/progress?scope=team&name=east&period=month", teamManagers),
        get("progress", "/v1/progress?scope=user&name=bob&period=month", bobAndManager),
        get("report", "/v1/report?team=east&by=week", teamManagers),
        get("customers", "/v1/customers?scope=team&name=east", teamManagers),
        get("customers", "/v1/customers?scope=user&name=bob", bobAndManager),
        get("customers", "/v1/customers?scope=all", adminOnly),
        get("slips", "/v1/slips?team=east", teamManagers),
        get("slips", "/v1/slips", onATeam),
        get("plan", "/v1/plan?user=bob", bobAndManager),
        get("review/week", "/v1/review/week?user=bob&week=2026-W48", bobAndManager),
        get("review/month", "/v1/review/month?team=east&month=2026-11", teamManagers),
        get("goals", "/v1/goals?user=bob&metric=calls&year=2026", bobAndManager),
        get("users", "/v1/users", adminOnly),
        get("users/{name}", "/v1/users/bob", [.admin: .ok, .manager: .forbidden, .otherManager: .forbidden, .member: .ok, .none: .forbidden]),
        get("events", "/v1/events?subject=bob", bobAndManager),
        Row(method: .get, route: "events/{id}", request: { _, s in ("/v1/events/\(s.bobsCall)", nil) },
            expect: [.admin: .ok, .manager: .ok, .otherManager: .notFound, .member: .ok, .none: .notFound]),
        // A call logged for bob: by himself, his manager, an admin.
        Row(method: .post, route: "events", request: { _, _ in
            ("/v1/events", AnyEncodable(AppendRequest(id: nil, occurredAt: nil, subject: "bob", payload: .call(try Call(customer: "ACME")))))
        }, expect: [.admin: .created, .manager: .created, .otherManager: .forbidden, .member: .created, .none: .forbidden]),
        // A batch of one call for bob: as one event, all or none.
        Row(method: .post, route: "events/batch", request: { _, _ in
            ("/v1/events/batch", AnyEncodable(BatchRequest(events: [AppendRequest(id: nil, occurredAt: nil, subject: "bob", payload: .call(try Call(customer: "ACME")))])))
        }, expect: [.admin: .ok, .manager: .ok, .otherManager: .forbidden, .member: .ok, .none: .forbidden]),
        // The team's target for next year: its manager and admins.
        Row(method: .post, route: "events", request: { _, _ in
            ("/v1/events", AnyEncodable(AppendRequest(id: nil, occurredAt: nil, subject: nil, payload: .target(
                try TargetEvent(scope: .team, name: "east", metric: .calls, year: 2027, amount: 1000, profile: .workdays, split: nil, from: nil)))))
        }, expect: [.admin: .created, .manager: .created, .otherManager: .forbidden, .member: .forbidden, .none: .forbidden]),
        Row(method: .post, route: "tokens", request: { _, _ in ("/v1/tokens", AnyEncodable(TokenRequest(user: "bob", name: "phone", expiresDays: 30))) },
            expect: [.admin: .created, .manager: .forbidden, .otherManager: .forbidden, .member: .created, .none: .forbidden]),
        // A one-time dashboard link for bob: himself and admins.
        Row(method: .post, route: "login-links", request: { _, _ in ("/v1/login-links", AnyEncodable(LoginLinkRequest(user: "bob"))) },
            expect: [.admin: .created, .manager: .forbidden, .otherManager: .forbidden, .member: .created, .none: .forbidden]),
        get("tokens", "/v1/tokens?user=bob", [.admin: .ok, .manager: .forbidden, .otherManager: .forbidden, .member: .ok, .none: .forbidden]),
        // A fresh token of bob's, made by an admin, revoked by each role.
        Row(method: .post, route: "tokens/{id}/revoke", request: { _, s in
            let r = try await s.client.call(.post, "/v1/tokens", as: "root", body: TokenRequest(user: "bob", name: nil, expiresDays: 1))
            let created = try JSONDecoder().decode(TokenCreated.self, from: r.body)
            return ("/v1/tokens/\(created.token.id)/revoke", nil)
        }, expect: [.admin: .ok, .manager: .notFound, .otherManager: .notFound, .member: .ok, .none: .notFound]),
        // The test clock (which runs on from its start), a day and a minute more for each role.
        Row(method: .post, route: "test/clock", request: { role, _ in
            ("/v1/test/clock", AnyEncodable(ClockRequest(now: InProcessApp.now.adding(seconds: 86_400 + 60 * Int64(Role.allCases.firstIndex(of: role)! + 1)))))
        }, expect: adminOnly),
    ]

    /// The company of the table, recorded through the API as root.
    static func seed(_ client: any TestClientProtocol) async throws -> EventID {
        let jan1 = CivilDate(year: 2026, month: 1, day: 1)
        for p: EventPayload in [
            .team(try TeamEvent(name: "east", managers: ["carol"])), .team(try TeamEvent(name: "west", managers: ["dana"])),
            .member(try MemberEvent(team: "east", user: "carol", action: .add, from: jan1)),
            .member(try MemberEvent(team: "east", user: "bob", action: .add, from: jan1)),
            .member(try MemberEvent(team: "west", user: "frank", action: .add, from: jan1)),
            .user(try UserEvent(name: "bob", displayName: "Bob", email: nil)),
            .target(try TargetEvent(scope: .team, name: "east", metric: .revenue, year: 2026, amount: 1_200_000_00, profile: .workdays, split: nil, from: nil)),
        ] {
            try await client.append(p, as: "root")
        }
        try await client.append(.plan(try PlanEvent(action: .add, date: nil, text: "Visit ACME", customer: "ACME", kind: .visit, item: nil, reason: nil)), as: "bob")
        return try await client.append(.call(try Call(customer: "ACME", minutes: 5)), as: "bob").id
    }

    @Test func everyRouteAndRoleGetsTheStatusTheMatrixGives() async throws {
        let app = try InProcessApp()
        try await app.test { client in
            let seeded = Seeded(bobsCall: try await Self.seed(client), client: client)
            var wrong: [String] = []
            for row in Self.table {
                for role in Role.allCases {
                    let (path, body) = try await row.request(role, seeded)
                    let r = try await client.call(row.method, path, as: role.user, body: body)
                    if r.status != row.expect[role] {
                        wrong.append("\(row.method) \(path) as \(role) (\(role.user)): \(r.status.code), expected \(row.expect[role]!.code): \(String(buffer: r.body))")
                    }
                    // Every refusal is paced's JSON error with a code and a message.
                    if r.status.code >= 400 {
                        let error = try? JSONDecoder().decode(ErrorBody.self, from: r.body)
                        if error == nil || error!.error.message.isEmpty { wrong.append("\(row.method) \(path) as \(role): no error body") }
                    }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        }
    }

    @Test func theTableCoversEveryRoute() {
        let covered = Set(Self.table.map { "\($0.method) \($0.route)" })
        let routes = Set(PaceRoutes.routes(testClock: true).map { "\($0.method) \($0.path)" })
        #expect(routes.subtracting(covered).isEmpty, "routes without a row: \(routes.subtracting(covered).sorted())")
        #expect(covered.subtracting(routes).isEmpty, "rows of no route: \(covered.subtracting(routes).sorted())")
    }
}
