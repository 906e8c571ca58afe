import Glibc
import Synchronization

/// A token bucket per user for appends: `burst` appends at once, refilled at
/// `perMinute` a minute. A salesperson logs tens of events a day, so the defaults
/// (burst 120, 60 a minute) never touch real use, yet one user can no longer write
/// thousands of events a second and fill the disk. Admins are not limited.
public final class AppendRateLimiter: Sendable {
    let burst: Double
    let perSecond: Double
    private let buckets = Mutex<[String: (tokens: Double, at: Double)]>([:])

    public init(burst: Int, perMinute: Int) {
        self.burst = Double(burst)
        perSecond = Double(perMinute) / 60
    }

    /// Takes one token for `user`; returns nil if granted, else the seconds until one is free.
    public func take(_ user: String) -> Int? {
        guard perSecond > 0 else { return nil }
        let now = Self.monotonicSeconds()
        return buckets.withLock { b in
            var bucket = b[user] ?? (burst, now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * perSecond)
            bucket.at = now
            defer { b[user] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
