import PaceAPI
import PaceCore
import PaceStore

extension EventService {
    /// The most events one batch may carry.
    public static let maxBatch = 1000

    /// Appends a batch of activity events, all or none: each is checked as
    /// ``append(_:access:)`` would check it, and if any is refused the answer names
    /// each refused event by its index and nothing is recorded. Then all are appended
    /// together (group commit). Counts once against the append rate limit. With
    /// ``BatchRequest/after`` (and not a dry run) the batch waits for that event to be
    /// stored (``waitUntilRecorded(_:access:)``): its checks against the log then see
    /// the batch before, and the batch is queued behind it.
    ///
    /// The server runs each batch request, its body's reading included, inside
    /// ``underWay(_:_:)``.
    public func appendBatch(_ batch: BatchRequest, access: Access) async throws -> BatchResult {
        guard !batch.events.isEmpty, batch.events.count <= Self.maxBatch else {
            throw AppError(.badRequest, "bad_batch", "A batch carries 1 to \(Self.maxBatch) events, not \(batch.events.count).")
        }
        if !access.caller.isAdmin, let wait = env.appendLimiter.take(access.name) {
            throw AppError(.tooManyRequests, "rate_limited", "You (\(access.name)) are logging faster than the limit; nothing was recorded. Retry in \(wait) s.",
                           retryAfter: wait)
        }
        let now = env.clock()
        // `after` (see BatchRequest): a batch with a void waits for that event before its
        // checks, since they read the log; any other is checked first (decoded and
        // checked event by event, the costly part, while the writer takes the batch
        // before) and waits before the checks against the log that holds it.
        let after = batch.dryRun == true ? nil : batch.after
        let hasVoids = batch.events.contains { $0.payload.type == .void }
        if let after, hasVoids { try await waitUntilRecorded(after, access: access) }
        // Each event checked as one append is, with what is stored under its id (read once).
        var checked: [(index: Int, event: NewEvent)] = []
        var refused: [String] = []
        var forbiddenOnly = true
        func refuse(_ index: Int, _ message: String, forbidden: Bool = false) {
            if !forbidden { forbiddenOnly = false }
            refused.append("event \(index + 1): \(message)")
        }
        var ids = Set<EventID>()
        for (i, req) in batch.events.enumerated() {
            do {
                guard req.payload.type.isActivity || req.payload.type == .void else {
                    throw AppError(.badRequest, "bad_type", "A batch carries visits, calls, payments, orders and voids; record a \(req.payload.type) with POST /v1/events.")
                }
                let (id, occurredAt) = try when(req, now: now)
                guard ids.insert(id).inserted else { throw AppError(.badRequest, "duplicate_id", "The id \(id) is given twice in this batch.") }
                let event = try activity(req, id: id, occurredAt: occurredAt, access: access)
                checked.append((i, event))
            } catch let e as AppError {
                refuse(i, e.message, forbidden: e.kind == .forbidden)
            } catch let e as InputError {
                refuse(i, e.message)
            } catch let e as StoreError {
                // A void of an event that is not there, or not the caller's to void.
                refuse(i, e.message)
            }
        }
        if let after, !hasVoids, refused.isEmpty { try await waitUntilRecorded(after, access: access) }
        // What is stored under the batch's ids and the ids it voids, read at once.
        let stored = try env.store.events(ids: checked.map(\.event.id) + checked.compactMap(\.event.voids))
        // What the whole batch together, or the log, refuses: an id already used for
        // other content (or by an event the caller may not read); a void of an event
        // voided already, or twice in this batch. A re-run of a stored event is fine.
        var voided = Set<EventID>()
        for (i, e) in checked {
            if let stored = stored[e.id] {
                if !access.mayRead(stored) || stored.type != e.type.rawValue || stored.data != e.data || stored.subject != e.subject
                    || stored.occurredAt != e.occurredAt {
                    refuse(i, "the id \(e.id) was used for another event; nothing of this batch was recorded.")
                }
            } else if let target = e.voids {
                if let by = stored[target]?.voidedBy {
                    refuse(i, "the event \(target) was already voided by \(by).")
                } else if !voided.insert(target).inserted {
                    refuse(i, "the event \(target) is voided twice in this batch.")
                }
            }
        }
        if !refused.isEmpty {
            // Refused only for who is asking: 403, as for one event; otherwise 422.
            throw AppError(forbiddenOnly ? .forbidden : .unprocessable, "batch_refused",
                           "\(refused.count) of \(batch.events.count) events refused; nothing was recorded:\n" + refused.prefix(50).joined(separator: "\n"))
        }
        if batch.dryRun ?? false {
            return BatchResult(results: checked.map { c in
                stored[c.event.id].map { .init(id: c.event.id, status: .existing, seq: $0.seq) } ?? .init(id: c.event.id, status: .valid, seq: nil)
            })
        }
        let outcomes = try await env.recorder.append(contentsOf: checked.map(\.event)).map { try $0.get() }
        if outcomes.contains(where: { if case .created = $0 { true } else { false } }) { env.appended() }
        return BatchResult(results: outcomes.map {
            switch $0 {
            case .created(let s): .init(id: s.id, status: .created, seq: s.seq)
            case .existing(let s): .init(id: s.id, status: .existing, seq: s.seq)
            }
        })
    }

    /// Runs `body` (one batch request: reading its body, then ``appendBatch(_:access:)``)
    /// counted as a batch of the caller's under way.
    public func underWay<T>(_ access: Access, _ body: () async throws -> T) async throws -> T {
        try await env.batchesUnderWay.counting(access.name, body)
    }

    /// How long nothing may bring an `after` event before the batch is refused: a batch
    /// sent at the same time as the one before it may be counted a moment after it.
    static let afterGrace: Duration = .milliseconds(100)

    /// Returns once the event `id` is in the log and the caller may read it. Waits
    /// (polling each millisecond) while it is queued for the writer, or while another
    /// batch of the caller's is under way (it may hold the event), at most
    /// ``BatchRequest/longestWaitForAfter`` seconds. Throws ``AppError`` 409
    /// `after_not_recorded` otherwise: after ``afterGrace`` when nothing may bring it.
    func waitUntilRecorded(_ id: EventID, access: Access) async throws {
        let start = ContinuousClock.now
        let deadline = start + .seconds(BatchRequest.longestWaitForAfter)
        var lastHope = start
        while true {
            // Queued first: an event leaves the queue only once it is stored (or refused).
            let queued = env.recorder.isQueued(id)
            if !queued, let stored = try env.store.event(id: id), access.mayRead(stored) { return }
            let now = ContinuousClock.now
            if queued || env.batchesUnderWay.count(of: access.name) > 1 { lastHope = now }
            let hopeless = now - lastHope >= Self.afterGrace
            if hopeless || now >= deadline {
                throw AppError(.conflict, "after_not_recorded",
                               "The event \(id), which this batch must follow (after), is not in the log"
                               + (hopeless ? ", and no batch of yours under way may bring it" : " after \(BatchRequest.longestWaitForAfter) s")
                               + "; nothing of this batch was recorded. Record the batch that holds it first, or leave after out.")
            }
            do {
                try await Task.sleep(for: .milliseconds(1))
            } catch {
                // Cancelled: paced is stopping, or the client is gone.
                throw AppError(.unavailable, "cancelled", "paced stopped waiting for the event \(id) (after); nothing of this batch was recorded. Send the batch again.")
            }
        }
    }
}
