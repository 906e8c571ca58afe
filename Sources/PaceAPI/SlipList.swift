import PaceCore

/// Body of `GET /v1/slips`: slip events, oldest first.
public struct SlipList: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var seq: Int64
        /// A user, or `team:NAME`.
        public var subject: String
        /// When the rule ran: the boundary (end of the working day plus grace), or the
        /// append that brought a recovery. RFC 3339, UTC.
        public var at: Timestamp
        public var slip: Slip
        /// The journal's MESSAGE.
        public var message: String

        public init(seq: Int64, subject: String, at: Timestamp, slip: Slip, message: String) {
            self.seq = seq
            self.subject = subject
            self.at = at
            self.slip = slip
            self.message = message
        }
    }

    public var slips: [Row]

    public init(slips: [Row]) { self.slips = slips }
}

/// Body of `POST /v1/test/clock` (only on a paced started with `--test-clock`).
public struct ClockRequest: Sendable, Codable, Equatable {
    public var now: Timestamp
    public init(now: Timestamp) { self.now = now }
}

/// Answer of `POST /v1/test/clock`: the new now, and the slips recorded by the
/// checks it ran.
public struct ClockResponse: Sendable, Codable, Equatable {
    public var now: Timestamp
    public var slips: Int
    public init(now: Timestamp, slips: Int) {
        self.now = now
        self.slips = slips
    }
}
