import PaceApp
import PaceCore

/// The close of one team's working day: the end of its working hours plus the grace
/// period, as a UTC instant. Slip rules run for the team and its members there.
struct SlipBoundary: Sendable, Equatable, Comparable {
    var team: String
    /// The team's local working day that closed.
    var day: CivilDate
    var at: Timestamp

    static func < (a: SlipBoundary, b: SlipBoundary) -> Bool { (a.at, a.team) < (b.at, b.team) }

    /// Every boundary in (after, upTo], oldest first (ties by team name).
    static func between(_ after: Timestamp, _ upTo: Timestamp, org: Organization, zones: ZoneCache, graceSeconds: Int64) -> [SlipBoundary] {
        var out: [SlipBoundary] = []
        for team in org.teamOrder {
            let cal = org.calendar(ofTeam: team)
            let zone = zones.zone(cal.timeZone)
            // The grace can push a boundary past midnight: start a day early.
            var d = zone.local(after.adding(seconds: -graceSeconds)).date.adding(days: -1)
            let last = zone.local(upTo).date
            while d <= last {
                if cal.isWorkingDay(d) {
                    let at = close(of: d, calendar: cal, zone: zone, graceSeconds: graceSeconds)
                    if after < at && at <= upTo { out.append(SlipBoundary(team: team, day: d, at: at)) }
                }
                d = d.adding(days: 1)
            }
        }
        return out.sorted()
    }

    /// The first boundary after `now` across all teams, or nil when no team has a
    /// working day in the coming 400 days.
    static func next(after now: Timestamp, org: Organization, zones: ZoneCache, graceSeconds: Int64) -> SlipBoundary? {
        var best: SlipBoundary?
        for team in org.teamOrder {
            let cal = org.calendar(ofTeam: team)
            let zone = zones.zone(cal.timeZone)
            var d = zone.local(now.adding(seconds: -graceSeconds)).date.adding(days: -1)
            for _ in 0..<400 {
                if cal.isWorkingDay(d) {
                    let at = close(of: d, calendar: cal, zone: zone, graceSeconds: graceSeconds)
                    if at > now {
                        let b = SlipBoundary(team: team, day: d, at: at)
                        if best.map({ b < $0 }) ?? true { best = b }
                        break
                    }
                }
                d = d.adding(days: 1)
            }
        }
        return best
    }

    static func close(of day: CivilDate, calendar: WorkCalendar, zone: any LocalZone, graceSeconds: Int64) -> Timestamp {
        let end = LocalDateTime(date: day, hour: calendar.endMinute / 60, minute: calendar.endMinute % 60)
        return zone.instant(of: end).adding(seconds: graceSeconds)
    }
}
