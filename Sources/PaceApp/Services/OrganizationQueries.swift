import PaceAPI
import PaceCore

/// Teams and their calendars, as anyone on a team may read them.
public struct OrganizationQueries: Sendable {
    let env: AppEnvironment

    /// Every team with its current members. A user on no team sees nothing of the organisation.
    public func teams(access: Access) throws -> TeamList {
        try access.requireTeam()
        let org = access.org
        return TeamList(teams: org.teamOrder.compactMap { org.teams[$0] }.map { Self.view(of: $0, in: org, allSpans: false) })
    }

    /// One team, with every membership span, past ones too.
    public func team(_ name: String, access: Access) throws -> TeamView {
        try access.requireTeam()
        guard let team = access.org.teams[name] else { throw AppError.unknownTeam(name) }
        return Self.view(of: team, in: access.org, allSpans: true)
    }

    /// A team's calendar for a year (default this year, UTC): working days by month, holidays, make-up days.
    public func calendar(ofTeam name: String, _ q: YearQuery, access: Access) throws -> CalendarView {
        try access.requireTeam()
        guard let team = access.org.teams[name] else { throw AppError.unknownTeam(name) }
        let year = q.year ?? env.utcToday().year
        let cal = team.effectiveCalendar
        let days = CivilDate.days(of: year)
        let months = (1...12).map { m in
            CalendarView.Month(month: "\(year)-\(m < 10 ? "0" : "")\(m)", workingDays: days.filter { $0.month == m && cal.isWorkingDay($0) }.count)
        }
        func inYear(_ list: [String: String]) -> [CalendarView.Day] {
            list.filter { $0.key.hasPrefix("\(year)-") }.sorted { $0.key < $1.key }.map { CalendarView.Day(date: $0.key, name: $0.value) }
        }
        return CalendarView(team: name, year: year, timeZone: cal.timeZone, workdays: Self.describe(cal.workdays),
                            hours: Self.clock(cal.startMinute) + "-" + Self.clock(cal.endMinute), months: months,
                            workingDays: months.reduce(0) { $0 + $1.workingDays }, holidays: inYear(cal.holidays), makeUpDays: inYear(cal.makeUpDays))
    }

    static func view(of team: Organization.Team, in org: Organization, allSpans: Bool) -> TeamView {
        let cal = team.effectiveCalendar
        let members = org.members(of: team.name).flatMap { m in
            m.spans.filter { allSpans || $0.until == nil }.map { TeamView.Member(user: m.user, from: $0.from.description, until: $0.until?.description) }
        }
        return TeamView(name: team.name, managers: team.managers.sorted(), members: members, timeZone: cal.timeZone,
                        workdays: describe(cal.workdays), hours: clock(cal.startMinute) + "-" + clock(cal.endMinute))
    }

    /// Minutes after midnight as `HH:MM`.
    static func clock(_ minutes: Int) -> String {
        (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }

    /// `Mon-Fri`, `Mon-Thu,Sat`...: runs of consecutive weekdays.
    static func describe(_ days: Set<Weekday>) -> String {
        var runs: [[Weekday]] = []
        for d in days.sorted() {
            if let last = runs.last?.last, last.rawValue + 1 == d.rawValue { runs[runs.count - 1].append(d) } else { runs.append([d]) }
        }
        return runs.map { $0.count == 1 ? $0[0].short : "\($0[0].short)-\($0.last!.short)" }.joined(separator: ",")
    }
}

extension AppError {
    /// 404 for a team that does not exist.
    public static func unknownTeam(_ name: String) -> AppError {
        AppError(.notFound, "unknown_team", "There is no team '\(name)'. See `pace team list`.")
    }
}
