/// Whom an event, a target or a slip is about: the whole company, a team, or a user.
///
/// The log's `subject` column spells it as ``stored``: `company`, `team:NAME`, or the
/// user's login name. That spelling is part of the hashed, immutable log and never
/// changes; code reads it back only through ``init(stored:)``.
public enum Subject: Sendable, Hashable, CustomStringConvertible {
    case company
    case team(String)
    case user(String)

    static let teamPrefix = "team:"

    /// `recorded_by` of what paced writes itself (slips).
    public static let paced = "paced"

    /// The subject of a target or goal of `scope` for `name` (ignored for the company).
    public init(scope: TargetEvent.Scope, name: String?) {
        switch scope {
        case .company: self = .company
        case .team: self = .team(name ?? "")
        case .user: self = .user(name ?? "")
        }
    }

    /// The subject a `subject` column value spells.
    public init(stored: String) {
        if stored == "company" {
            self = .company
        } else if stored.hasPrefix(Self.teamPrefix) {
            self = .team(String(stored.dropFirst(Self.teamPrefix.count)))
        } else {
            self = .user(stored)
        }
    }

    /// Its spelling in the log: `company`, `team:NAME` or the user's name.
    public var stored: String {
        switch self {
        case .company: "company"
        case .team(let name): Self.teamPrefix + name
        case .user(let name): name
        }
    }

    /// The team, when it is one.
    public var team: String? {
        if case .team(let name) = self { return name }
        return nil
    }

    /// For people: `the company`, `team east`, `alice`.
    public var description: String {
        switch self {
        case .company: "the company"
        case .team(let name): "team \(name)"
        case .user(let name): name
        }
    }
}
