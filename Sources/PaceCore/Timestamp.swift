/// An instant: milliseconds since 1970-01-01T00:00:00Z. How events store time.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public var seconds: Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + seconds * 1000) }

    /// RFC 3339 with the given offset, to the second when there are no milliseconds:
    /// `2026-11-27T16:30:00+08:00`, or `...Z` for UTC.
    public func rfc3339(offsetSeconds: Int = 0) -> String {
        let ms = Int(milliseconds - seconds * 1000)
        let local = LocalDateTime(secondsAsIfUTC: seconds + Int64(offsetSeconds))
        var s = "\(local.date)T\(pad(local.hour, 2)):\(pad(local.minute, 2)):\(pad(local.second, 2))"
        if ms != 0 { s += ".\(pad(ms, 3))" }
        if offsetSeconds == 0 { return s + "Z" }
        let m = offsetSeconds.magnitude / 60
        return s + (offsetSeconds < 0 ? "-" : "+") + "\(pad(Int(m / 60), 2)):\(pad(Int(m % 60), 2))"
    }

    public var description: String { rfc3339() }

    /// JSON form: an RFC 3339 string in UTC.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = Timestamp(rfc3339: text) else {
            throw InputError("bad_time", "'\(text)' is not an RFC 3339 time; write it like 2026-11-27T16:30:00+01:00.")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339())
    }

    /// Parses RFC 3339: `2026-11-27T16:30:00Z`, `2026-11-27T16:30:00.250+08:00`,
    /// also with a space for the `T` and without seconds. The offset is required.
    public init?(rfc3339 text: String) {
        var s = Substring(text)
        guard s.count >= 16 else { return nil }
        let datePart = s.prefix(10)
        guard let date = CivilDate(iso: datePart) else { return nil }
        s = s.dropFirst(10)
        guard let sep = s.first, sep == "T" || sep == "t" || sep == " " else { return nil }
        s = s.dropFirst()
        // Offset: Z, or +HH:MM / -HH:MM at the end.
        var offset = 0
        if s.last == "Z" || s.last == "z" {
            s = s.dropLast()
        } else {
            guard s.count >= 6 else { return nil }
            let o = s.suffix(6)
            let sign = o.first
            guard sign == "+" || sign == "-", o.dropFirst(3).first == ":",
                  let h = Int(o.dropFirst().prefix(2)), let m = Int(o.suffix(2)), h < 24, m < 60
            else { return nil }
            offset = (h * 3600 + m * 60) * (sign == "-" ? -1 : 1)
            s = s.dropLast(6)
        }
        guard let (h, m, sec, ms) = Timestamp.clock(s) else { return nil }
        let local = LocalDateTime(date: date, hour: h, minute: m, second: sec)
        self.init(milliseconds: (local.secondsAsIfUTC - Int64(offset)) * 1000 + Int64(ms))
    }

    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` into its parts.
    static func clock(_ s: Substring) -> (Int, Int, Int, Int)? {
        var main = s
        var ms = 0
        if let dot = s.firstIndex(of: ".") {
            let frac = s[s.index(after: dot)...]
            guard (1...9).contains(frac.count), frac.allSatisfy(\.isASCIIDigit) else { return nil }
            ms = Int(String(frac.prefix(3)).padding(3))!
            main = s[..<dot]
        }
        let p = main.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, p.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let h = Int(p[0]), let m = Int(p[1]), h < 24, m < 60
        else { return nil }
        let sec = p.count == 3 ? Int(p[2])! : 0
        guard sec < 60, p.count == 3 || ms == 0 else { return nil }
        return (h, m, sec, ms)
    }
}

private extension String {
    func padding(_ n: Int) -> String { self + String(repeating: "0", count: max(0, n - count)) }
}
