import PaceCore
import PropertyBased
import Testing

/// For every day, a person's working day, hours and zone come from the team they
/// belong to on that day, whatever their schedule of moves (issue 10).
struct MembershipCalendarPropertyTests {
    /// Three teams on different calendars.
    static func organization(moves: [(team: Int, dayOfYear: Int)]) throws -> Organization {
        var org = Organization()
        let teams = ["mon-fri", "mon-thu", "sun-thu"]
        let setups: [(String, String, String)] = [("UTC", "Mon-Fri", "09:00-18:00"), ("Europe/Berlin", "Mon-Thu", "08:00-17:00"),
                                                  ("Asia/Dubai", "Sun-Thu", "10:00-16:00")]
        for (name, s) in zip(teams, setups) {
            org.apply(.team(try TeamEvent(name: name, managers: [])))
            org.apply(.calendar(try CalendarEvent(team: name, change: .set, timeZone: s.0, workdays: s.1, hours: s.2)))
        }
        org.apply(.calendar(try CalendarEvent(team: "mon-thu", change: .holiday, from: CivilDate(year: 2027, month: 5, day: 3), name: "holiday")))
        let jan1 = CivilDate(year: 2026, month: 12, day: 1)
        // Moves in order of day; a move to the team one is in already is skipped (paced refuses it).
        var current: Int?
        for m in moves.sorted(by: { $0.dayOfYear < $1.dayOfYear }) where m.team != current {
            org.apply(.member(try MemberEvent(team: teams[m.team], user: "bob", action: .add, from: jan1.adding(days: m.dayOfYear))))
            current = m.team
        }
        return org
    }

    /// A team's zone read alone is its calendar's: for teams with a calendar, one
    /// without (the standard calendar's UTC), and a team that does not exist.
    @Test func aTeamsZoneIsItsCalendars() throws {
        var org = try Self.organization(moves: [])
        org.apply(.team(try TeamEvent(name: "plain", managers: [])))
        for team in ["mon-fri", "mon-thu", "sun-thu", "plain", "nobody"] {
            #expect(org.timeZone(ofTeam: team) == org.calendar(ofTeam: team).timeZone, "\(team)")
        }
        #expect(org.timeZone(ofTeam: "mon-thu") == "Europe/Berlin")
    }

    @Test func eachDayFollowsThatDaysTeam() async throws {
        await propertyCheck(count: 150, input: Gen.int(in: 0...2).array(of: 1...6), Gen.int(in: 0...420).array(of: 6...6)) { teams, days in
            let org = try Self.organization(moves: zip(teams, days).map { (team: $0.0, dayOfYear: $0.1) })
            let cal = org.calendar(ofUser: "bob", year: 2027)
            for d in CivilDate.days(of: 2027) {
                guard let team = org.team(of: "bob", on: d) else { continue }
                let own = org.calendar(ofTeam: team)
                #expect(cal.isWorkingDay(d) == own.isWorkingDay(d), "\(d) in \(team)")
                #expect(cal.workingMinutes(d) == own.workingMinutes(d), "\(d) in \(team)")
                #expect(org.calendar(ofUser: "bob", on: d) == own)
            }
            // A target decomposed on that calendar puts nothing on another team's day off.
            let plan = try Decomposer.decompose(total: 10_000, year: 2027, calendar: cal, profile: .workdays).plan
            for (i, d) in plan.days.enumerated() where !cal.isWorkingDay(d) { #expect(plan.daily[i] == 0) }
            #expect(plan.total == 10_000 || !CivilDate.days(of: 2027).contains(where: cal.isWorkingDay))
        }
    }
}
