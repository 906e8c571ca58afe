import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// Records one management event (team, member, calendar, target) and prints what was recorded.
func recordManagement(_ payloads: [EventPayload], global: GlobalOptions) throws {
    try global.withClient { client in
        for payload in payloads {
            let now = SystemZone.now()
            let (event, created) = try client.append(AppendRequest(id: EventID.v7(at: now), occurredAt: nil, subject: nil, payload: payload))
            if global.json { try Output.json(event) } else { print(Output.formatter.recorded(event, created: created)) }
        }
    }
}

/// Parses `YYYY-MM-DD`, `today`, `yesterday` or `tomorrow`; the last three from
/// `today` (default: today in the local zone).
func parseDay(_ text: String, option: String, today: CivilDate = today()) throws -> CivilDate {
    switch text.lowercased() {
    case "today": return today
    case "yesterday": return today.adding(days: -1)
    case "tomorrow": return today.adding(days: 1)
    default:
        guard let d = CivilDate(iso: Substring(text.trimmingWhitespace())) else {
            throw ValidationError("\(option) \(text) is not a date; write it like 2027-01-31.")
        }
        return d
    }
}

func today() -> CivilDate { SystemZone().local(SystemZone.now()).date }

/// Today in `team`'s calendar zone, which paced names (`GET /v1/teams`); the local today
/// when it does not (no such team, or no such zone here). Membership changes take effect
/// on the team's days, and paced refuses a manager's change from before the team's
/// today: an admin in Berlin adding a member at 00:30 to a team on UTC means the UTC day.
func teamToday(_ team: String, client: PaceClient) -> CivilDate {
    let now = SystemZone.now()
    guard let list = try? client.get(PaceAPI.TeamList.self, "/v1/teams"),
          let zone = list.teams.first(where: { $0.name == team })?.timeZone,
          let offset = SystemZone.utcOffset(at: now, inZone: zone) else { return today() }
    return FixedOffsetZone(seconds: offset).local(now).date
}
