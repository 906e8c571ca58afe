import PaceCore

/// The settings the application services follow, taken from paced's configuration
/// (see `ServerConfiguration`); the defaults are paced's.
public struct AppSettings: Sendable {
    /// The one currency of this deployment (ISO 4217 code), shown by `status`.
    public var currency = "EUR"
    /// How far after paced's clock an event's `occurred_at` may be, in seconds (clock skew).
    public var futureToleranceSeconds: Int64 = 300
    /// Members of this Unix group (and root) are admins; named in refusals.
    public var adminGroup = "pace-admin"
    /// When progress is on track, at risk or behind.
    public var thresholds = Progress.Thresholds()
    /// Appends per user and minute after the burst (0: no limit); named in the 429 answer.
    public var appendsPerMinute = 60

    public init() {}
}
