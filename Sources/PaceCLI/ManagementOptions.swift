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

/// Parses `YYYY-MM-DD`, `today` or `yesterday` in the local zone.
func parseDay(_ text: String, option: String) throws -> CivilDate {
    let zone = SystemZone()
    switch text.lowercased() {
    case "today": return zone.local(SystemZone.now()).date
    case "yesterday": return zone.local(SystemZone.now()).date.adding(days: -1)
    case "tomorrow": return zone.local(SystemZone.now()).date.adding(days: 1)
    default:
        guard let d = CivilDate(iso: Substring(text.trimmingWhitespace())) else {
            throw ValidationError("\(option) \(text) is not a date; write it like 2027-01-31.")
        }
        return d
    }
}

func today() -> CivilDate { SystemZone().local(SystemZone.now()).date }
