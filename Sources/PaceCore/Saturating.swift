/// Overflow-safe sums of counts and minor units.
///
/// One event carries at most 10^14 minor units, but nothing bounds how many events a
/// sum spans: figures are therefore summed saturating at `Int64.min`/`Int64.max`
/// (about ±92 quadrillion major units), where the figure shows as that bound instead
/// of trapping. Products and quotients are done in `Int128` where they appear.
extension Int64 {
    /// `self + other`, clamped to the range of `Int64`.
    @inlinable
    public func adding(saturating other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// Adds `other` to `self`, clamped to the range of `Int64`. On a dictionary's sum
    /// (`sums[key, default: 0].add(saturating: v)`) the key is looked up once, not twice.
    @inlinable
    public mutating func add(saturating other: Int64) {
        self = adding(saturating: other)
    }

    /// `self - other`, clamped to the range of `Int64`.
    @inlinable
    public func subtracting(saturating other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}

extension Sequence where Element == Int64 {
    /// The sum of the elements, clamped to the range of `Int64`.
    @inlinable
    public func saturatingSum() -> Int64 { Int64(clamping: reduce(Int128(0)) { $0 + Int128($1) }) }
}
