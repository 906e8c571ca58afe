import Glibc
import PaceCore

/// The machine's local time zone: `$TZ`, else /etc/localtime, through libc
/// (`localtime_r`, `mktime`), so the CLI needs no ICU.
public struct SystemZone: LocalZone {
    public init() { tzset() }

    public func utcOffset(at instant: Timestamp) -> Int {
        var t = time_t(instant.seconds)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return 0 }
        return parts.tm_gmtoff
    }

    public func instant(of local: LocalDateTime) -> Timestamp {
        var parts = tm()
        parts.tm_year = Int32(local.date.year - 1900)
        parts.tm_mon = Int32(local.date.month - 1)
        parts.tm_mday = Int32(local.date.day)
        parts.tm_hour = Int32(local.hour)
        parts.tm_min = Int32(local.minute)
        parts.tm_sec = Int32(local.second)
        parts.tm_isdst = -1
        return Timestamp(milliseconds: Int64(mktime(&parts)) * 1000)
    }

    /// Refuses a `$TZ` that libc would silently read as UTC: a zone name with no file
    /// under /usr/share/zoneinfo, or text that is not a POSIX TZ rule either.
    public static func validateEnvironment() throws {
        guard let raw = getenv("TZ").map({ String(cString: $0) }), !raw.isEmpty else { return }
        let name = raw.hasPrefix(":") ? String(raw.dropFirst()) : raw
        if name.hasPrefix("/") ? access(name, R_OK) == 0 : (!name.contains("..") && access("/usr/share/zoneinfo/" + name, R_OK) == 0) {
            return
        }
        // A POSIX rule names a zone and gives its offset: "UTC0", "CET-1CEST,M3.5.0,M10.5.0/3".
        if !raw.hasPrefix(":"), let first = name.first, first.isLetter || first == "<", name.contains(where: \.isNumber) { return }
        throw InputError("bad_tz", "TZ=\(raw) is not a time zone, so times would be read as UTC. "
            + "Set TZ to a name like Europe/Berlin or Asia/Shanghai, or unset it to use the machine's zone.")
    }

    /// The offset from UTC, in seconds, in force at `instant` in the IANA zone
    /// `identifier` (a team's calendar zone), through libc like the rest of this type;
    /// nil when /usr/share/zoneinfo has no such zone. `TZ` is pointed at the zone for
    /// the call and put back: call it only while no other thread reads the local time,
    /// as in the CLI's commands.
    public static func utcOffset(at instant: Timestamp, inZone identifier: String) -> Int? {
        guard !identifier.isEmpty, !identifier.hasPrefix("/"), !identifier.contains(".."),
              access("/usr/share/zoneinfo/" + identifier, R_OK) == 0 else {
            return identifier == "UTC" ? 0 : nil
        }
        let saved = getenv("TZ").map { String(cString: $0) }
        setenv("TZ", ":" + identifier, 1)
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        return SystemZone().utcOffset(at: instant)
    }

    /// Now, to the millisecond.
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(milliseconds: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }
}
