import PaceCore

/// Says where an activity event counts: the team its subject belonged to and the
/// local day (in that team's time zone) at the moment it happened.
public protocol Attributor: Sendable {
    func attribute(subject: String, at instant: Timestamp) -> (team: String, day: CivilDate)
}

/// For a deployment without teams: no team, UTC days.
public struct UTCAttributor: Attributor {
    public init() {}
    public func attribute(subject: String, at instant: Timestamp) -> (team: String, day: CivilDate) {
        ("", FixedOffsetZone.utc.local(instant).date)
    }
}
