import Foundation
import PaceCore

/// An IANA time zone through Foundation's TimeZone (paced may use ICU; the CLI may not).
/// Daylight saving is handled by the zone database: a local day is always one calendar day.
public struct FoundationZone: LocalZone {
    let zone: TimeZone

    /// nil for a name the zone database does not know.
    public init?(identifier: String) {
        guard !identifier.contains(".."), let z = TimeZone(identifier: identifier) else { return nil }
        zone = z
    }

    public func utcOffset(at instant: Timestamp) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000))
    }

    public func instant(of local: LocalDateTime) -> Timestamp {
        // Try the offset in force a day either side; pick the one that maps back exactly.
        let guess = local.secondsAsIfUTC
        for probe in [guess, guess - 86_400, guess + 86_400] {
            let offset = Int64(utcOffset(at: Timestamp(milliseconds: probe * 1000)))
            let candidate = Timestamp(milliseconds: (guess - offset) * 1000)
            if self.local(candidate) == local { return candidate }
        }
        let offset = Int64(utcOffset(at: Timestamp(milliseconds: guess * 1000)))
        return Timestamp(milliseconds: (guess - offset) * 1000)
    }
}
