import PaceCore

/// Body of `POST /v1/events/batch`: up to 1,000 visits, calls, payments, orders or
/// voids, checked together: if any is refused, none is recorded. `dry_run` checks
/// and records nothing.
///
/// `after` orders batches sent at the same time: the batch is appended after the
/// event `after`, which must be one the caller may read. paced decodes the batch and
/// checks each event at once, then waits until that event is in the log before the
/// checks against the log (ids taken, voids) and the append, so the batch is checked
/// as if sent after the one before. A client can so have paced check batch N + 1 while
/// it writes batch N (`pace import` does, over two connections; it names the last
/// event of the batches before that is not in the log yet). paced waits while the
/// event is queued for the writer, or while another batch request of the caller's is
/// under way (it may hold the event), at most ``BatchRequest/longestWaitForAfter``
/// seconds; otherwise, or once nothing may bring the event for 0.1 s, the answer is
/// 409 `after_not_recorded` and nothing is recorded. A dry run ignores `after`.
public struct BatchRequest: Sendable, Codable, Equatable {
    public var events: [AppendRequest]
    public var dryRun: Bool?
    /// The id of the event this batch must follow in the log (see above).
    public var after: EventID?

    /// How long paced waits for a batch's `after` event, in seconds.
    public static let longestWaitForAfter = 10

    public init(events: [AppendRequest], dryRun: Bool? = nil, after: EventID? = nil) {
        self.events = events
        self.dryRun = dryRun
        self.after = after
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case events
        case dryRun = "dry_run"
        case after
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Each event read on its own, so that a refusal names the event.
        var list = try c.nestedUnkeyedContainer(forKey: .events)
        var events: [AppendRequest] = []
        while !list.isAtEnd {
            do {
                events.append(try list.decode(AppendRequest.self))
            } catch let e as InputError {
                throw InputError(e.code, "event \(events.count + 1): \(e.message)", rule: e.rule)
            }
        }
        self.events = events
        dryRun = try c.decodeIfPresent(Bool.self, forKey: .dryRun)
        after = try c.decodeIfPresent(EventID.self, forKey: .after)
    }

    /// The JSON of `BatchRequest(events:dryRun:after:)` from its events already encoded
    /// as one JSON array (`encodedEvents`, UTF-8). `pace import` checks every batch and
    /// then records the same batches: it encodes each batch's events once for both requests.
    public static func body(encodedEvents: [UInt8], dryRun: Bool, after: EventID? = nil) -> [UInt8] {
        var head = "{\"\(CodingKeys.dryRun.stringValue)\":\(dryRun),"
        if let after { head += "\"\(CodingKeys.after.stringValue)\":\"\(after.text)\"," }
        return Array((head + "\"\(CodingKeys.events.stringValue)\":").utf8) + encodedEvents + [UInt8(ascii: "}")]
    }
}

/// Answer of `POST /v1/events/batch`: each event's fate, in the request's order.
public struct BatchResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Stored by this request.
        case created
        /// The same id and content were stored before (a re-run).
        case existing
        /// Dry run: would be stored.
        case valid
    }

    public struct Item: Sendable, Codable, Equatable {
        public var id: EventID
        public var status: Status
        /// The stored event's seq (not for a dry run's new events).
        public var seq: Int64?

        public init(id: EventID, status: Status, seq: Int64?) {
            self.id = id
            self.status = status
            self.seq = seq
        }
    }

    public var results: [Item]

    public init(results: [Item]) { self.results = results }
}
