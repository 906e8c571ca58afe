import ArgumentParser
import PaceAPI

/// `pace review week|month`: the week's figures and reviews, the month's checkpoints.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review a week against its figures (and write your review), or a month by its thirds.",
        subcommands: [ReviewWeek.self, ReviewMonth.self])
}

/// Prints review figures as a table.
enum ReviewText {
    static func table(_ figures: [ReviewFigure]) -> [String] {
        let header = ["FIGURE", "TARGET", "ACTUAL", "STATUS", "DAYS BEHIND"]
        var rows = [header]
        for f in figures {
            rows.append([f.figure, ProgressText.show(f.metric, f.target), ProgressText.show(f.metric, f.actual), f.status, f.behind.joined(separator: ", ")])
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { r in
            [r[0].padding(widths[0]), String(repeating: " ", count: widths[1] - r[1].count) + r[1],
             String(repeating: " ", count: widths[2] - r[2].count) + r[2], r[3].padding(widths[3]), r[4]]
                .joined(separator: "  ").trimmingTrailing()
        }
    }
}
