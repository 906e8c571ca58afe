import Foundation
import HummingbirdTesting
import PaceAPI
import PaceApp
import PaceCore
import Testing
@testable import PaceServer

/// The application services and the typed queries, in-process without root.
@Suite struct ServiceTests {
    /// 2026 has 261 weekdays (1 January is a Thursday): 522 calls a year is 2 a working day.
    @Test func progressComesFromTheServiceWithTheSubjectsTargetAndActuals() async throws {
        let app = try InProcessApp()
        let services = app.routes.services
        try await app.test { client in
            _ = try await RouteRoleTableTests.seed(client)
            try await client.append(.target(try TargetEvent(scope: .user, name: "bob", metric: .calls, year: 2026, amount: 522, profile: .workdays,
                                                            split: nil, from: nil)), as: "root")
            let bob = services.env.access(Caller(uid: 1001, name: "bob", isAdmin: false))
            let day = try services.progress.progress(ProgressQuery(scope: .user, name: nil, period: .day, metric: .calls), access: bob)
            // The seed logged one call for bob today (Wednesday 25 November, 10:00 UTC).
            #expect(day.name == "bob")
            #expect(day.label == "2026-11-25")
            #expect(day.rows.map { [$0.target, $0.actual, $0.remaining] } == [["2", "1", "1"]])
            let week = try services.progress.progress(ProgressQuery(scope: .user, period: .week, metric: .calls), access: bob)
            #expect(week.rows.map { [$0.start, $0.end, $0.target, $0.actual] } == [["2026-11-23", "2026-11-29", "10", "1"]])
            let year = try services.targets.show(TargetQuery(scope: .user, name: "bob", metric: .calls, year: 2026, by: .quarter), access: bob)
            #expect(year.total == "522")
            #expect(year.rows.map(\.workingDays).reduce(0, +) == 261)
            // dana manages west: bob's figures are not hers.
            let dana = services.env.access(Caller(uid: 1002, name: "dana", isAdmin: false))
            #expect(throws: AppError.self) { try services.progress.progress(ProgressQuery(scope: .user, name: "bob", metric: .calls), access: dana) }
        }
    }

    /// Only an activity of the caller's own stays on the cooperative pool; every append
    /// that looks up a user or reads the log is run on the blocking executor. And the
    /// append route, which decides per request, records both kinds.
    @Test func onlyOwnActivitiesAppendWithoutBlocking() async throws {
        let app = try InProcessApp()
        let services = app.routes.services
        try await app.test { client in
            let call = try await RouteRoleTableTests.seed(client)
            let bob = services.env.access(Caller(uid: 1001, name: "bob", isAdmin: false))
            func request(_ subject: String?, _ payload: EventPayload) -> AppendRequest { AppendRequest(id: nil, occurredAt: nil, subject: subject, payload: payload) }
            let visit = EventPayload.visit(try Visit(customer: "ACME", kind: .new))
            #expect(!services.events.mayBlock(request(nil, visit), access: bob))
            #expect(!services.events.mayBlock(request("bob", .order(try Order(customer: "ACME", amount: Money(parsing: "10"), lines: []))), access: bob))
            #expect(services.events.mayBlock(request("dana", visit), access: bob))
            #expect(services.events.mayBlock(request(nil, .void(try Correction(event: call, reason: "typo"))), access: bob))
            #expect(services.events.mayBlock(request(nil, .team(try TeamEvent(name: "north", managers: []))), access: bob))
            let before = try services.env.store.count()
            try await client.append(visit, as: "bob")
            try await client.append(.void(try Correction(event: call, reason: "typo")), as: "bob")
            #expect(try services.env.store.count() == before + 2)
        }
    }

    /// A batch names each refused event by its place in the batch, whichever check
    /// refused it, and records none of them.
    @Test func aRefusedBatchNamesEachEventByItsPlace() async throws {
        let app = try InProcessApp()
        let services = app.routes.services
        try await app.test { client in
            let call = try await RouteRoleTableTests.seed(client)
            try await client.append(.void(try Correction(event: call, reason: "typo")), as: "bob")
            let root = services.env.access(Caller(uid: 0, name: "root", isAdmin: true))
            let before = try services.env.store.count()
            let batch = BatchRequest(events: [
                AppendRequest(id: nil, occurredAt: nil, subject: "bob", payload: .call(try Call(customer: "ACME"))),
                AppendRequest(id: nil, occurredAt: nil, subject: "zzz", payload: .call(try Call(customer: "ACME"))),
                AppendRequest(id: nil, occurredAt: nil, subject: nil, payload: .void(try Correction(event: call, reason: "again"))),
                AppendRequest(id: nil, occurredAt: nil, subject: nil, payload: .void(try Correction(event: EventID.v7(at: Timestamp(milliseconds: 0)), reason: "gone"))),
            ])
            do {
                _ = try await services.events.appendBatch(batch, access: root)
                Issue.record("the batch was recorded")
            } catch let e as AppError {
                #expect(e.kind == .unprocessable && e.code == "batch_refused")
                let lines = e.message.split(separator: "\n").dropFirst().map(String.init)
                #expect(lines.count == 3, "\(e.message)")
                #expect(lines.first?.hasPrefix("event 2: There is no user 'zzz'") == true, "\(lines)")
                // A void of an id that is not stored is refused as that event, not as the whole request.
                #expect(lines.dropFirst().first?.hasPrefix("event 4: No event of yours has the id") == true, "\(lines)")
                #expect(lines.last?.hasPrefix("event 3: the event \(call) was already voided by") == true, "\(lines)")
            }
            #expect(try services.env.store.count() == before)
        }
    }

    /// `after` orders batches sent together: a batch sent while the one before it is
    /// still under way (its body not yet read) waits for it and is appended after it,
    /// with or without a void (one of an event of that batch is checked against it). An
    /// `after` that nothing under way may bring is refused at once and records nothing;
    /// a dry run ignores it; an event already in the log is no wait.
    @Test func aBatchWithAfterIsAppendedAfterThatEvent() async throws {
        let app = try InProcessApp()
        let services = app.routes.services
        try await app.test { client in
            _ = try await RouteRoleTableTests.seed(client)
            let bob = services.env.access(Caller(uid: 1001, name: "bob", isAdmin: false))
            func call(_ customer: String) throws -> AppendRequest {
                AppendRequest(id: EventID.v7(at: services.env.clock()), occurredAt: nil, subject: nil, payload: .call(try Call(customer: customer)))
            }
            func void(_ event: AppendRequest) throws -> AppendRequest {
                AppendRequest(id: EventID.v7(at: services.env.clock()), occurredAt: nil, subject: nil, payload: .void(try Correction(event: event.id!, reason: "typo")))
            }
            let unknown = EventID.v7(at: services.env.clock())
            for events in [[try call("B1")], [try call("B1"), try void(try call("B2"))]] {
                let before = try services.env.store.count()
                do {
                    _ = try await services.events.appendBatch(BatchRequest(events: events, after: unknown), access: bob)
                    Issue.record("a batch after an event nothing brings was recorded")
                } catch let e as AppError {
                    #expect(e.kind == .conflict && e.code == "after_not_recorded", "\(e)")
                    #expect(e.message == "The event \(unknown), which this batch must follow (after), is not in the log, and no batch of yours under way may bring it; "
                            + "nothing of this batch was recorded. Record the batch that holds it first, or leave after out.")
                }
                #expect(try services.env.store.count() == before)
            }
            let dry = try await services.events.appendBatch(BatchRequest(events: [try call("C1")], dryRun: true, after: unknown), access: bob)
            #expect(dry.results.map(\.status) == [.valid])

            /// Sends `first`, held back until the second is sent, and `second` after its last event.
            func inOrder(_ first: [AppendRequest], _ second: [AppendRequest]) async throws -> (BatchResult, BatchResult) {
                let (gate, open) = AsyncStream<Void>.makeStream()
                async let a: BatchResult = services.events.underWay(bob) {
                    for await _ in gate { break }
                    return try await services.events.appendBatch(BatchRequest(events: first), access: bob)
                }
                while services.env.batchesUnderWay.count(of: "bob") == 0 { try await Task.sleep(for: .milliseconds(1)) }
                let before = try services.env.store.count()
                async let b: BatchResult = services.events.underWay(bob) {
                    try await services.events.appendBatch(BatchRequest(events: second, after: first.last!.id!), access: bob)
                }
                // The second batch waits while the first is under way.
                try await Task.sleep(for: .milliseconds(100))
                #expect(try services.env.store.count() == before)
                open.yield()
                let (ra, rb) = try await (a, b)
                let seqs = (ra.results + rb.results).compactMap(\.seq)
                #expect(seqs == Array(before + 1 ... before + Int64(first.count + second.count)), "\(seqs)")
                #expect((ra.results + rb.results).allSatisfy { $0.status == .created })
                return (ra, rb)
            }
            _ = try await inOrder([try call("A1"), try call("A2")], [try call("B1"), try call("B2")])
            // The second batch is checked against the log that holds the first: an id of
            // the first given again for other content refuses the whole second batch.
            let taken = try call("T1")
            let clash = AppendRequest(id: taken.id, occurredAt: nil, subject: nil, payload: .call(try Call(customer: "T2")))
            let (gate, open) = AsyncStream<Void>.makeStream()
            async let takenBatch: BatchResult = services.events.underWay(bob) {
                for await _ in gate { break }
                return try await services.events.appendBatch(BatchRequest(events: [taken]), access: bob)
            }
            while services.env.batchesUnderWay.count(of: "bob") == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let countBefore = try services.env.store.count()
            async let clashing: Result<BatchResult, any Error> = services.events.underWay(bob) {
                do {
                    return .success(try await services.events.appendBatch(BatchRequest(events: [try call("T3"), clash], after: taken.id!), access: bob))
                } catch {
                    return .failure(error)
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            open.yield()
            _ = try await takenBatch
            if case .failure(let e as AppError) = try await clashing {
                #expect(e.code == "batch_refused" && e.message.contains("event 2: the id \(taken.id!) was used for another event"), "\(e)")
            } else {
                Issue.record("the clashing batch was recorded")
            }
            #expect(try services.env.store.count() == countBefore + 1)
            let first = [try call("A1"), try call("A2"), try call("A3")]
            let (_, rb) = try await inOrder(first, [try call("B1"), try void(first[0])])
            #expect(try services.env.store.event(id: first[0].id!)?.voidedBy == rb.results[1].id)
            let third = try await services.events.appendBatch(BatchRequest(events: [try call("D1")], after: first.last!.id!), access: bob)
            #expect(third.results.map(\.status) == [.created])
        }
    }

    /// A query that does not parse is a 400 that names the parameter and shows a valid
    /// value; nothing else is read.
    @Test(arguments: [
        ("/v1/progress?scope=galaxy", "bad_scope", "scope must be company, team or user."),
        ("/v1/progress?at=2026-02-30", "bad_time", "at=2026-02-30 is not a date like 2026-11-27."),
        ("/v1/report?team=east&from=2026-13-01", "bad_date", "from=2026-13-01 is not a date like 2026-12-01."),
        ("/v1/report?team=east&by=year", "bad_by", "by must be day, week or month."),
        ("/v1/events?limit=0", "bad_limit", "limit=0 is not a number from 1 to 1000; read longer histories page by page with after= (the answer's next)."),
        ("/v1/events?since=" + String(repeating: "9", count: 200), "bad_time",
         "since=" + String(repeating: "9", count: 40) + "... (200 characters) is not an RFC 3339 time like 2026-11-27T00:00:00+01:00."),
        ("/v1/report?team=east&metric=" + String(repeating: "x", count: 20_000), "bad_query", "metric= is 20000 characters long; a query value has at most 1024."),
        ("/v1/progress?scope=team&name=" + String(repeating: "x", count: 1025), "bad_query", "name= is 1025 characters long; a query value has at most 1024."),
        ("/v1/customers?receivables=yes", "bad_flag", "receivables=yes must be true or false."),
        ("/v1/teams/east/calendar?year=1999", "bad_year", "year=1999 is not a year between 2000 and 2100."),
        ("/v1/review/week?week=2026-W60", "bad_week", "week=2026-W60 is not a week like 2026-W48."),
        ("/v1/targets?metric=revenue", "bad_scope", "scope must be company, team or user."),
    ])
    func aBadQueryIs400NamingTheParameter(path: String, code: String, message: String) async throws {
        let app = try InProcessApp()
        try await app.test { client in
            _ = try await RouteRoleTableTests.seed(client)
            let r = try await client.call(.get, path, as: "root")
            #expect(r.status == .badRequest)
            let body = try JSONDecoder().decode(ErrorBody.self, from: r.body)
            #expect(body.error.code == code)
            #expect(body.error.message == message)
        }
    }
}
