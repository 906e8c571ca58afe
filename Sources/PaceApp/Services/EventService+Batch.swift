import PaceAPI
import PaceCore
import PaceStore

extension EventService {
    /// The most events one batch may carry.
    public static let maxBatch = 1000

    /// Appends a batch of activity events, all or none: each is checked as
    /// ``append(_:access:)`` would check it, and if any is refused the answer names
    /// each refused event by its index and nothing is recorded. Then all are appended
    /// together (group commit). Counts once against the append rate limit.
    public func appendBatch(_ batch: BatchRequest, access: Access) async throws -> BatchResult {
        guard !batch.events.isEmpty, batch.events.count <= Self.maxBatch else {
            throw AppError(.badRequest, "bad_batch", "A batch carries 1 to \(Self.maxBatch) events, not \(batch.events.count).")
        }
        if !access.caller.isAdmin, let wait = env.appendLimiter.take(access.name) {
            throw AppError(.tooManyRequests, "rate_limited", "You (\(access.name)) are logging faster than the limit; nothing was recorded. Retry in \(wait) s.",
                           retryAfter: wait)
        }
        let now = env.clock()
        var events: [NewEvent] = []
        var refused: [String] = []
        var forbiddenOnly = true
        var ids = Set<EventID>()
        for (i, req) in batch.events.enumerated() {
            do {
                guard req.payload.type.isActivity || req.payload.type == .void else {
                    throw AppError(.badRequest, "bad_type", "A batch carries visits, calls, payments, orders and voids; record a \(req.payload.type) with POST /v1/events.")
                }
                let (id, occurredAt) = try when(req, now: now)
                guard ids.insert(id).inserted else { throw AppError(.badRequest, "duplicate_id", "The id \(id) is given twice in this batch.") }
                events.append(try activity(req, id: id, occurredAt: occurredAt, access: access))
            } catch let e as AppError {
                if e.kind != .forbidden { forbiddenOnly = false }
                refused.append("event \(i + 1): \(e.message)")
            } catch let e as InputError {
                forbiddenOnly = false
                refused.append("event \(i + 1): \(e.message)")
            } catch let e as StoreError {
                forbiddenOnly = false
                refused.append("event \(i + 1): \(e.message)")
            }
        }
        // A void of an event voided already, or voided twice in this batch, is refused.
        var voided = Set<EventID>()
        for (i, e) in events.enumerated() {
            guard let target = e.voids else { continue }
            if let by = try env.store.event(id: target)?.voidedBy, try env.store.event(id: e.id) == nil {
                forbiddenOnly = false
                refused.append("event \(i + 1): the event \(target) was already voided by \(by).")
            } else if !voided.insert(target).inserted {
                forbiddenOnly = false
                refused.append("event \(i + 1): the event \(target) is voided twice in this batch.")
            }
        }
        // An id already stored with other content, or that the caller may not read, is refused too.
        for (i, e) in events.enumerated() {
            if let stored = try env.store.event(id: e.id), !access.mayRead(stored) || stored.type != e.type.rawValue || stored.data != e.data
                || stored.subject != e.subject || stored.occurredAt != e.occurredAt {
                forbiddenOnly = false
                refused.append("event \(i + 1): the id \(e.id) was used for another event; nothing of this batch was recorded.")
            }
        }
        if !refused.isEmpty {
            // Refused only for who is asking: 403, as for one event; otherwise 422.
            throw AppError(forbiddenOnly ? .forbidden : .unprocessable, "batch_refused",
                           "\(refused.count) of \(batch.events.count) events refused; nothing was recorded:\n" + refused.prefix(50).joined(separator: "\n"))
        }
        if batch.dryRun ?? false {
            return BatchResult(results: try events.map { e in
                try env.store.event(id: e.id).map { .init(id: e.id, status: .existing, seq: $0.seq) } ?? .init(id: e.id, status: .valid, seq: nil)
            })
        }
        let recorder = env.recorder
        let outcomes = try await withThrowingTaskGroup(of: (Int, AppendOutcome).self) { group in
            for (i, e) in events.enumerated() { group.addTask { (i, try await recorder.append(e)) } }
            var out = [AppendOutcome?](repeating: nil, count: events.count)
            for try await (i, o) in group { out[i] = o }
            return out.compactMap { $0 }
        }
        if outcomes.contains(where: { if case .created = $0 { true } else { false } }) { env.appended() }
        return BatchResult(results: outcomes.map {
            switch $0 {
            case .created(let s): .init(id: s.id, status: .created, seq: s.seq)
            case .existing(let s): .init(id: s.id, status: .existing, seq: s.seq)
            }
        })
    }
}
