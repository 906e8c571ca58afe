/// A time zone as Pace needs it: the offset from UTC at an instant.
///
/// The CLI uses the system zone (`$TZ` or /etc/localtime, through libc); tests and
/// fixed deployments use ``FixedOffsetZone``. Later, team calendars supply IANA zones.
public protocol LocalZone: Sendable {
    /// Seconds east of UTC in force at `instant`.
    func utcOffset(at instant: Timestamp) -> Int
    /// The instant of a wall-clock time. In a DST gap or overlap the zone picks one.
    func instant(of local: LocalDateTime) -> Timestamp
}

extension LocalZone {
    public func local(_ instant: Timestamp) -> LocalDateTime {
        LocalDateTime(secondsAsIfUTC: instant.seconds + Int64(utcOffset(at: instant)))
    }

    /// Every instant whose wall time here is `local`, earliest first: one as a rule,
    /// two in a DST overlap (the hour that happens twice), none in a DST gap (the hour
    /// that is skipped). Found from the offsets in force within a day either side.
    public func readings(of local: LocalDateTime) -> [Timestamp] {
        let wall = local.secondsAsIfUTC
        var offsets: [Int] = []
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let o = utcOffset(at: Timestamp(milliseconds: probe * 1000))
            if !offsets.contains(o) { offsets.append(o) }
        }
        var out: [Timestamp] = []
        for o in offsets {
            let t = Timestamp(milliseconds: (wall - Int64(o)) * 1000)
            if utcOffset(at: t) == o && !out.contains(t) { out.append(t) }
        }
        return out.sorted()
    }
}

/// A zone with a constant offset, such as UTC or `+08:00`.
public struct FixedOffsetZone: LocalZone {
    public var seconds: Int
    public init(seconds: Int) { self.seconds = seconds }
    public static let utc = FixedOffsetZone(seconds: 0)
    public func utcOffset(at _: Timestamp) -> Int { seconds }
    public func instant(of local: LocalDateTime) -> Timestamp {
        Timestamp(milliseconds: (local.secondsAsIfUTC - Int64(seconds)) * 1000)
    }
}
