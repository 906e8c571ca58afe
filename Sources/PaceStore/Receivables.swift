/// What is owed as of a day, from the per-customer balances: `receivables` sums the
/// accounts that owe (balance > 0), `credits` those owed money (balance < 0, as a
/// positive amount). One customer's credit never nets another's debt.
public struct Receivables: Sendable, Equatable {
    public var receivables: Int64
    public var credits: Int64
}
