import PaceApp
import PaceCore
import PaceStore
import Testing

/// The one authorization matrix, in-process and without root: who may read, void and
/// change what (issues 11, 16 and 17). Each row is a case a user would check.
struct AuthorizationMatrixTests {
    /// The users of these tests: a list, in place of the system's user database.
    struct Users: UserLookup {
        let all: Set<String> = ["root", "ada", "carol", "erin", "dana", "bob", "alice", "frank", "newbie"]
        let admins: Set<String> = ["root", "ada"]
        func exists(user: String) -> Bool { all.contains(user) }
        func isAdmin(user: String) -> Bool { admins.contains(user) }
    }

    static let today = CivilDate(year: 2026, month: 11, day: 29)

    /// east (managers carol and erin; members carol, bob, and alice since 1 November),
    /// west (manager dana; frank, and alice until 31 October).
    static func organization() throws -> Organization {
        var org = Organization()
        let jan1 = CivilDate(year: 2026, month: 1, day: 1)
        for p: EventPayload in [
            .team(try TeamEvent(name: "east", managers: ["carol", "erin"])), .team(try TeamEvent(name: "west", managers: ["dana"])),
            .member(try MemberEvent(team: "east", user: "carol", action: .add, from: jan1)),
            .member(try MemberEvent(team: "east", user: "bob", action: .add, from: jan1)),
            .member(try MemberEvent(team: "west", user: "frank", action: .add, from: jan1)),
            .member(try MemberEvent(team: "west", user: "alice", action: .add, from: jan1)),
            .member(try MemberEvent(team: "east", user: "alice", action: .add, from: CivilDate(year: 2026, month: 11, day: 1))),
        ] { org.apply(p) }
        return org
    }

    static func access(_ name: String) throws -> Access {
        Access(caller: Caller(uid: 1000, name: name, isAdmin: Users().isAdmin(user: name)), org: try organization())
    }

    /// A stored event as the log holds it; `team` is where it counted.
    static func event(subject: String, recordedBy: String? = nil, type: EventType = .call, on day: String, team: String?) -> StoredEvent {
        StoredEvent(seq: 1, id: EventID.derived([subject, day]), type: type.rawValue, subject: subject, recordedBy: recordedBy ?? subject,
                    occurredAt: Timestamp(rfc3339: day + "T10:00:00Z")!, recordedAt: Timestamp(rfc3339: day + "T10:00:00Z")!,
                    data: "{}", hash: [], voidedBy: nil, team: team)
    }

    @Test(arguments: [
        // (caller, whose event, day, team it counted for, may read, may void)
        ("carol", "alice", "2026-10-15", "west", false, false),   // before alice joined east
        ("dana", "alice", "2026-10-15", "west", true, true),      // her west days stay west's
        ("carol", "alice", "2026-11-15", "east", true, true),
        ("dana", "alice", "2026-11-15", "east", false, false),    // after she left
        ("alice", "alice", "2026-10-15", "west", true, true),
        ("bob", "alice", "2026-11-15", "east", false, false),     // a teammate is not a manager
        ("ada", "alice", "2026-10-15", "west", true, true),       // admins
        ("erin", "bob", "2026-03-01", "east", true, true),
        ("dana", "bob", "2026-03-01", "east", false, false),
    ])
    func eventsAreReadByTheTeamTheyCountedFor(caller: String, subject: String, day: String, team: String, read: Bool, void: Bool) throws {
        let a = try Self.access(caller)
        let e = Self.event(subject: subject, on: day, team: team)
        #expect(a.mayRead(e) == read)
        #expect(a.mayActOn(e) == void)
    }

    @Test func teamSubjectsCompanyAndWhatOneRecorded() throws {
        let slip = Self.event(subject: "team:west", recordedBy: Subject.paced, type: .slip, on: "2026-11-02", team: nil)
        #expect(try Self.access("dana").mayRead(slip))
        #expect(try !Self.access("carol").mayRead(slip))
        #expect(try !Self.access("frank").mayRead(slip))
        let company = Self.event(subject: "company", recordedBy: "root", type: .target, on: "2026-01-05", team: nil)
        #expect(try !Self.access("carol").mayRead(company))
        #expect(try Self.access("ada").mayRead(company))
        // What carol logged for bob she may see, even were she no longer his manager.
        let forBob = Self.event(subject: "bob", recordedBy: "carol", on: "2026-06-01", team: "east")
        #expect(try Self.access("carol").mayRead(forBob))
        // Non-activity events (no attribution): the subject's team on that day.
        let plan = Self.event(subject: "alice", type: .plan, on: "2026-10-20", team: nil)
        #expect(try !Self.access("carol").mayRead(plan))
        #expect(try Self.access("dana").mayRead(plan))
    }

    @Test func roles() throws {
        #expect(try Self.access("ada").role == .admin)
        #expect(try Self.access("carol").role == .manager)
        #expect(try Self.access("bob").role == .salesperson)
        #expect(try Self.access("newbie").role == .none)
        #expect(throws: AppError.self) { try Self.access("newbie").requireTeam() }
        #expect(try Self.access("dana").managedTeams(of: "alice", from: Self.today.adding(days: -60), to: Self.today) == ["west"])
        #expect(try Self.access("dana").managedTeams(of: "alice", from: Self.today.adding(days: -7), to: Self.today).isEmpty)
        #expect(try Self.access("dana").managedTeams(of: "alice") == ["west"])
        #expect(try Self.access("carol").managedTeams(of: "alice") == ["east"])
        #expect(try Self.access("carol").managedTeams(of: "frank").isEmpty)
    }

    /// A management change as `caller` sees it today: nil when allowed, else the refusal.
    func check(_ caller: String, _ payload: EventPayload) throws -> AppError? {
        do {
            try ManagementRules.check(payload, access: try Self.access(caller), today: { _ in Self.today },
                                      users: Users(), zoneExists: { ["UTC", "Asia/Shanghai", "Europe/Paris"].contains($0) })
            return nil
        } catch let e as AppError {
            return e
        }
    }

    @Test func membershipChanges() throws {
        let today = Self.today
        // A manager cannot take someone from a team they do not manage...
        let take = try check("carol", .member(try MemberEvent(team: "east", user: "frank", action: .add, from: today)))
        #expect(take?.kind == .forbidden)
        #expect(take?.message == "frank is in west, which you do not manage; only an admin (or a manager of both teams) may move them to east.")
        // ...add an admin...
        #expect(try check("carol", .member(try MemberEvent(team: "east", user: "ada", action: .add, from: today)))?.message
            == "ada is an admin; only an admin may add an admin to a team.")
        // ...or back-date a change, either way.
        #expect(try check("carol", .member(try MemberEvent(team: "east", user: "newbie", action: .add, from: today.adding(days: -1))))?.kind == .forbidden)
        #expect(try check("carol", .member(try MemberEvent(team: "east", user: "bob", action: .remove, from: today.adding(days: -30))))?.kind == .forbidden)
        // From today on, a newcomer or a member leaving: allowed.
        #expect(try check("carol", .member(try MemberEvent(team: "east", user: "newbie", action: .add, from: today))) == nil)
        #expect(try check("carol", .member(try MemberEvent(team: "east", user: "bob", action: .remove, from: today.adding(days: 1)))) == nil)
        // A manager of another team, or a salesperson: not at all.
        #expect(try check("dana", .member(try MemberEvent(team: "east", user: "newbie", action: .add, from: today)))?.kind == .forbidden)
        #expect(try check("bob", .member(try MemberEvent(team: "east", user: "newbie", action: .add, from: today)))?.kind == .forbidden)
        // An admin may move and back-date.
        #expect(try check("ada", .member(try MemberEvent(team: "east", user: "frank", action: .add, from: CivilDate(year: 2026, month: 6, day: 1)))) == nil)
    }

    @Test func targets() throws {
        func target(_ name: String) throws -> EventPayload {
            .target(try TargetEvent(scope: .user, name: name, metric: .calls, year: 2027, amount: 1000, profile: .workdays, split: nil, from: nil))
        }
        // Nobody sets their own target but an admin; the refusal says who may.
        #expect(try check("carol", target("carol"))?.message
            == "Nobody sets their own target but an admin. Ask an admin or another manager of east (erin) to set it.")
        #expect(try check("bob", target("bob"))?.kind == .forbidden)
        #expect(try check("erin", target("carol")) == nil)
        #expect(try check("ada", target("ada")) == nil)
        // Only the member's own managers.
        #expect(try check("dana", target("bob"))?.kind == .forbidden)
        #expect(try check("carol", target("bob")) == nil)
        // Calendars are for admins; an unknown zone is refused.
        #expect(try check("carol", .calendar(try CalendarEvent(team: "east", change: .set, timeZone: "Asia/Shanghai")))?.kind == .forbidden)
        #expect(try check("ada", .calendar(try CalendarEvent(team: "east", change: .set, timeZone: "Mars/Olympus")))?.code == "bad_tz")
        #expect(try check("ada", .calendar(try CalendarEvent(team: "east", change: .set, timeZone: "Europe/Paris"))) == nil)
    }
}
