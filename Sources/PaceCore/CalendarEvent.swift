/// A `calendar` event: one change to a team's work calendar.
public struct CalendarEvent: Sendable, Equatable, Codable {
    public enum Change: String, Sendable, Codable { case set, holiday, workday }

    public let team: String
    public let change: Change
    /// For `set`: the IANA zone, working weekdays (`Mon-Fri`) and hours (`09:00-18:00`);
    /// what is not given stays as it was.
    public let timeZone: String?
    public let workdays: String?
    public let hours: String?
    /// For `holiday` (a range) and `workday` (one day): `YYYY-MM-DD`.
    public let from: String?
    public let to: String?
    public let name: String?

    public init(team: String, change: Change, timeZone: String? = nil, workdays: String? = nil, hours: String? = nil,
                from: CivilDate? = nil, to: CivilDate? = nil, name: String? = nil) throws {
        self.team = try Name.validated(team, what: "team")
        self.change = change
        self.name = try Text.optional(name, field: "name", limit: 200)
        switch change {
        case .set:
            guard timeZone != nil || workdays != nil || hours != nil else {
                throw InputError("bad_calendar", "Say what to change: --tz, --workdays or --hours (what is not given stays as it is).")
            }
            if let workdays { _ = try Weekday.parseSet(workdays) }
            if let hours { _ = try WorkCalendar.parseHours(hours) }
            self.timeZone = timeZone
            self.workdays = workdays
            self.hours = hours
            self.from = nil
            self.to = nil
        case .holiday, .workday:
            guard let from else { throw InputError("bad_calendar", "Give the day.") }
            let end = to ?? from
            guard end >= from else { throw InputError("bad_date", "--to \(end) is before \(from).", rule: true) }
            guard end.daysSinceEpoch - from.daysSinceEpoch < 366 else { throw InputError("bad_date", "A holiday spans at most a year.", rule: true) }
            if change == .workday && end != from { throw InputError("bad_date", "A make-up working day is one day; give no --to.", rule: true) }
            self.timeZone = nil
            self.workdays = nil
            self.hours = nil
            self.from = from.description
            self.to = end.description
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case team, change, workdays, hours, from, to, name
        case timeZone = "time_zone"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func day(_ k: CodingKeys) throws -> CivilDate? {
            guard let t = try c.decodeIfPresent(String.self, forKey: k) else { return nil }
            guard let d = CivilDate(iso: Substring(t)) else { throw InputError("bad_date", "'\(t)' is not a date; write it like 2027-02-16.") }
            return d
        }
        guard let change = Change(rawValue: try c.decode(String.self, forKey: .change)) else {
            throw InputError("bad_calendar", "A calendar change is set, holiday or workday.")
        }
        try self.init(team: c.decode(String.self, forKey: .team), change: change,
                      timeZone: c.decodeIfPresent(String.self, forKey: .timeZone), workdays: c.decodeIfPresent(String.self, forKey: .workdays),
                      hours: c.decodeIfPresent(String.self, forKey: .hours), from: day(.from), to: day(.to),
                      name: c.decodeIfPresent(String.self, forKey: .name))
    }
}
