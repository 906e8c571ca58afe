import Hummingbird
import PaceAPI
import PaceCore
import PaceStore

extension PaceRoutes {
    /// `GET /v1/status`: version, database, event count, uptime, and who the caller is.
    func status(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let access = try await access(context)
        let caller = access.caller
        let now = clock()
        let body = StatusResponse(version: PaceVersion.current, database: caller.isAdmin ? store.path : nil, events: try store.count(),
                                  currency: config.currency, startedAt: startedAt,
                                  uptimeSeconds: max(0, (now.milliseconds - startedAt.milliseconds) / 1000),
                                  caller: caller.name, role: access.role.rawValue)
        return try JSONResponse.make(body)
    }

    /// `GET /v1/verify` (admin only): recompute the hash chain and run `PRAGMA integrity_check`.
    func verify(_ request: Request, _ context: PaceRequestContext) async throws -> Response {
        let caller = try await caller(context)
        guard caller.isAdmin else {
            throw APIError(.forbidden, "forbidden", "Only an admin (root or group \(config.adminGroup)) may verify the log. Ask one to run `pace verify`.")
        }
        let report = try store.verify()
        var problem: String?
        if let bad = report.firstBadSeq {
            problem = "The hash chain breaks at event #\(bad): it was changed after it was recorded, or the log was tampered with."
        } else if report.integrity != "ok" {
            problem = "SQLite's integrity check failed: \(report.integrity)"
        } else if let first = report.unreadable.first {
            problem = "\(report.unreadable.count) event(s) cannot be read, the first #\(first); reads that meet them fail. Restore the database from a backup."
        }
        return try JSONResponse.make(VerifyResponse(ok: report.ok, events: report.events, headHash: HashChain.hex(report.headHash),
                                                    firstBadSeq: report.firstBadSeq, integrity: report.integrity,
                                                    unreadable: report.unreadable.count, problem: problem))
    }
}
