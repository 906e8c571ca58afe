/// A plain-text table: each column as wide as its widest cell, two spaces between
/// columns, the `rightAligned` columns (amounts, numbers) padded on the left, no
/// trailing spaces. The first row is the header.
enum TextTable {
    /// `paint(row, column, padded cell)` may wrap a padded cell (in colour, say); row 0 is the header.
    static func render(_ rows: [[String]], rightAligned: Set<Int> = [], paint: ((Int, Int, String) -> String)? = nil) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max()! }
        return rows.enumerated().map { r, row in
            row.enumerated().map { c, cell in
                let padded = rightAligned.contains(c) ? String(repeating: " ", count: widths[c] - cell.count) + cell : cell.padding(widths[c])
                return paint?(r, c, padded) ?? padded
            }.joined(separator: "  ").trimmingTrailing()
        }
    }
}
