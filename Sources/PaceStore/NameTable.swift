/// Names interned to small integers in order of first sight, so that the rebuild keys
/// its sums by integers instead of strings. Not thread-safe: one per thread.
struct NameTable: Sendable {
    /// The names, by id.
    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    /// The id of `name`, given on first sight.
    mutating func id(_ name: String) -> Int32 {
        if let i = ids[name] { return i }
        names.append(name)
        let i = Int32(names.count - 1)
        ids[name] = i
        return i
    }

    subscript(id: Int32) -> String { names[Int(id)] }
}
