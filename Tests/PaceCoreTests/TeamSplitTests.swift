import PaceCore
import Testing

struct TeamSplitTests {
    func org(_ events: [EventPayload]) -> Organization {
        var o = Organization()
        for e in events { o.apply(e) }
        return o
    }

    /// 720 visits over 248 working days for three people: every member's year within 1 of the others'.
    @Test func workdaysSplitSharesOddUnitsInTurn() throws {
        let jan1 = CivilDate(year: 2026, month: 1, day: 1)
        let o = org([
            .team(try TeamEvent(name: "east", managers: [])),
            .member(try MemberEvent(team: "east", user: "alice", action: .add, from: jan1)),
            .member(try MemberEvent(team: "east", user: "bob", action: .add, from: jan1)),
            .member(try MemberEvent(team: "east", user: "chen", action: .add, from: jan1)),
            .target(try TargetEvent(scope: .team, name: "east", metric: .visitsNew, year: 2026, amount: 720, profile: .workdays)),
        ])
        let shares = try #require(try o.memberShares(team: "east", metric: .visitsNew, year: 2026))
        let totals = shares.values.map(\.total)
        #expect(totals.reduce(0, +) == 720)
        #expect(totals.max()! - totals.min()! <= 1)
    }

    /// Bob moves from east to west on July 1: his east share stops, his west share starts,
    /// and each team's members add up to the team's days they were staffed.
    @Test func aMoveMidYearSplitsByTheDaysInEachTeam() throws {
        let jan1 = CivilDate(year: 2027, month: 1, day: 1), jul1 = CivilDate(year: 2027, month: 7, day: 1)
        let o = org([
            .team(try TeamEvent(name: "east", managers: [])),
            .team(try TeamEvent(name: "west", managers: [])),
            .member(try MemberEvent(team: "east", user: "alice", action: .add, from: jan1)),
            .member(try MemberEvent(team: "east", user: "bob", action: .add, from: jan1)),
            .member(try MemberEvent(team: "west", user: "bob", action: .add, from: jul1)),
            .target(try TargetEvent(scope: .team, name: "east", metric: .calls, year: 2027, amount: 2610, profile: .workdays)),
        ])
        #expect(o.team(of: "bob", on: CivilDate(year: 2027, month: 6, day: 30)) == "east")
        #expect(o.team(of: "bob", on: jul1) == "west")
        let shares = try #require(try o.memberShares(team: "east", metric: .calls, year: 2027))
        // 10 calls a working day; Jan-Jun has 129 working days, Jul-Dec 132.
        let bob: Int64 = try #require(shares["bob"]).total, alice: Int64 = try #require(shares["alice"]).total
        #expect(bob == 645)
        #expect(alice == 1965)
        #expect(shares["bob"]?.target(on: jul1) == 0)
    }
}
