/// A plain-text table: each column as wide as its widest cell, two spaces between
/// columns, the `rightAligned` columns (amounts, numbers) padded on the left, no
/// trailing spaces. The first row is the header.
enum TextTable {
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, cell in
                rightAligned.contains(c) ? String(repeating: " ", count: widths[c] - cell.count) + cell : cell.padding(widths[c])
            }.joined(separator: "  ").trimmingTrailing()
        }
    }
}
