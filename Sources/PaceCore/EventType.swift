/// The kinds of event in the log. The first five are logged by salespeople; the
/// management kinds (team, member, calendar, target), the planning method's (plan,
/// review, goal) and `slip` (written by paced only).
public enum EventType: String, Sendable, Codable, CaseIterable {
    case visit, call, payment, order, void
    case team, member, calendar, target, plan, review, goal, slip, user, token

    /// Visits, calls, payments and orders: the activity that counts toward targets (and may be voided).
    public var isActivity: Bool { [.visit, .call, .payment, .order].contains(self) }

    /// The types a client may append through `POST /v1/events` (paced writes `slip` and
    /// `token` itself; tokens are made through `POST /v1/tokens`).
    public static let loggable: [EventType] = [.visit, .call, .payment, .order, .void, .team, .member, .calendar, .target, .plan, .review, .goal, .user]

    public init(parsing raw: String) throws {
        guard let t = EventType(rawValue: raw.lowercased()), EventType.loggable.contains(t) else {
            let names = EventType.loggable.map(\.rawValue).joined(separator: ", ")
            throw InputError("bad_type", "Unknown event type '\(raw)'. Use one of: \(names).")
        }
        self = t
    }

    /// Reads the type of a recorded event, including those only paced writes (`slip`).
    public init(recorded raw: String) throws {
        guard let t = EventType(rawValue: raw.lowercased()) else {
            let names = EventType.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError("bad_type", "Unknown event type '\(raw)'. Use one of: \(names).")
        }
        self = t
    }
}
