/// Exact integer splitting.
public enum Allocation {
    /// Splits `total` into parts proportional to `weights` by the largest-remainder
    /// method: each part gets the floor of its exact share, and the units left over go
    /// one each to the largest remainders, ties to the earlier index. The parts always
    /// add up to `total` exactly; a part with weight 0 gets 0; no part is negative.
    ///
    /// Returns nil when `total` is not 0 but every weight is 0 (there is nowhere to put it).
    /// Arithmetic is in 128 bits, so amounts up to 10^14 and weights up to 10^18 are safe.
    public static func largestRemainder(_ total: Int64, weights: [Int64]) -> [Int64]? {
        precondition(total >= 0 && weights.allSatisfy { $0 >= 0 }, "totals and weights are never negative")
        let sum = weights.reduce(Int128(0)) { $0 + Int128($1) }
        if total == 0 { return weights.map { _ in 0 } }
        guard sum > 0 else { return nil }
        var parts = [Int64](repeating: 0, count: weights.count)
        var remainders: [(index: Int, remainder: Int128)] = []
        remainders.reserveCapacity(weights.count)
        var given: Int64 = 0
        for (i, w) in weights.enumerated() where w > 0 {
            let exact = Int128(total) * Int128(w)
            parts[i] = Int64(exact / sum)
            given += parts[i]
            remainders.append((i, exact % sum))
        }
        var left = total - given
        if left > 0 {
            remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
            for r in remainders where left > 0 {
                parts[r.index] += 1
                left -= 1
            }
        }
        return parts
    }
}
