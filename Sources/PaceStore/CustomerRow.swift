import PaceCore

/// A row of the `customers` projection: one customer account of one team.
public struct CustomerRow: Sendable, Equatable {
    public var team: String
    public var name: String
    public var owner: String?
    public var firstOrderAt: Timestamp?
    /// Minor units.
    public var ordered: Int64
    public var paid: Int64
    /// What the customer owes (negative: what is owed to them, an advance or a refund due).
    public var balance: Int64 { ordered.subtracting(saturating: paid) }
}
