import PaceAPI
import PaceCore
import PaceStore

/// Who is calling and how paced is; the log's integrity (admins).
public struct StatusService: Sendable {
    let env: AppEnvironment

    /// Version, database (admins only), event count, uptime, and the caller's role.
    public func status(access: Access) throws -> StatusResponse {
        let now = env.clock()
        return StatusResponse(version: PaceVersion.current, database: access.caller.isAdmin ? env.store.path : nil, events: try env.store.count(),
                              currency: env.settings.currency, startedAt: env.startedAt,
                              uptimeSeconds: max(0, (now.milliseconds - env.startedAt.milliseconds) / 1000),
                              caller: access.name, role: access.role.rawValue)
    }

    /// Recomputes the hash chain and runs SQLite's integrity check (admins).
    public func verify(access: Access) throws -> VerifyResponse {
        guard access.caller.isAdmin else {
            throw AppError(.forbidden, "forbidden", "Only an admin (root or group \(env.settings.adminGroup)) may verify the log. Ask one to run `pace verify`.")
        }
        let report = try env.store.verify()
        var problem: String?
        if let bad = report.firstBadSeq {
            problem = "The hash chain breaks at event #\(bad): it was changed after it was recorded, or the log was tampered with."
        } else if report.integrity != "ok" {
            problem = "SQLite's integrity check failed: \(report.integrity)"
        } else if let first = report.unreadable.first {
            problem = "\(report.unreadable.count) event(s) cannot be read, the first #\(first); reads that meet them fail. Restore the database from a backup."
        }
        return VerifyResponse(ok: report.ok, events: report.events, headHash: HashChain.hex(report.headHash), firstBadSeq: report.firstBadSeq,
                              integrity: report.integrity, unreadable: report.unreadable.count, problem: problem)
    }

    /// Replays the log into fresh projections (admins).
    public func rebuild(access: Access) throws -> RebuildResponse {
        guard access.caller.isAdmin else {
            throw AppError(.forbidden, "forbidden", "Only an admin (root or group \(env.settings.adminGroup)) may rebuild the projections.")
        }
        let zones = env.snapshot.zones
        let started = env.clock()
        let events = try env.store.rebuild { OrganizationAttributor(org: $0, zones: zones) }
        return RebuildResponse(events: events, milliseconds: env.clock().milliseconds - started.milliseconds)
    }
}
