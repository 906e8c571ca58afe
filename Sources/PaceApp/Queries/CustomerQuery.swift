import PaceCore

/// `GET /v1/customers?scope=user|team|all&name=&receivables=true`.
public struct CustomerQuery: Decodable, Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        /// The accounts a user owns (default: the caller).
        case user
        /// A team's accounts.
        case team
        /// Every account (admins).
        case all
    }

    public var scope: Scope
    public var name: String?
    /// Only accounts that owe money, largest balance first.
    public var receivables: Bool

    public init(scope: Scope = .user, name: String? = nil, receivables: Bool = false) {
        self.scope = scope
        self.name = name
        self.receivables = receivables
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        scope = try q.value("scope", Scope.init(rawValue:), error: { _ in InputError("bad_scope", "scope must be user, team or all.") }) ?? .user
        name = try q.text("name")
        receivables = try q.flag("receivables")
    }
}
