import PaceCore
import PaceStore
import Synchronization

/// The organisation as of now, readable without awaiting the actor (the writer asks
/// it once per group).
public final class OrganizationSnapshot: Sendable {
    private let current = Mutex(Organization())
    public let zones = ZoneCache()

    public init() {}

    public var organization: Organization {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    public func attributor() -> any Attributor { OrganizationAttributor(org: organization, zones: zones) }
}

/// Time zones by IANA name, made once each.
public final class ZoneCache: Sendable {
    private let zones = Mutex<[String: FoundationZone]>([:])

    public init() {}

    public func zone(_ id: String) -> any LocalZone {
        if let z = zones.withLock({ $0[id] }) { return z }
        guard let z = FoundationZone(identifier: id) else { return FixedOffsetZone.utc }
        zones.withLock { $0[id] = z }
        return z
    }
}

/// An activity event counts for the team its subject belonged to on the local day it
/// happened, in that team's time zone (a subject on no team: no team, UTC).
public struct OrganizationAttributor: Attributor {
    public let org: Organization
    public let zones: ZoneCache

    public init(org: Organization, zones: ZoneCache) {
        self.org = org
        self.zones = zones
    }

    public func attribute(subject: String, at instant: Timestamp) -> (team: String, day: CivilDate) {
        // The day depends on the zone, and the zone on the team: start from the team of
        // the UTC day, then settle on the team of the local day.
        var team = org.team(of: subject, on: FixedOffsetZone.utc.local(instant).date) ?? org.currentTeam(of: subject) ?? ""
        for _ in 0..<2 {
            let zone = team.isEmpty ? FixedOffsetZone.utc : zones.zone(org.timeZone(ofTeam: team))
            let day = zone.local(instant).date
            let onDay = org.team(of: subject, on: day) ?? ""
            if onDay == team { return (team, day) }
            team = onDay
        }
        let zone = team.isEmpty ? FixedOffsetZone.utc : zones.zone(org.timeZone(ofTeam: team))
        return (team, zone.local(instant).date)
    }
}
