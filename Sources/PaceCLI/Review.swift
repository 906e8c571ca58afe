import ArgumentParser
import PaceAPI

/// `pace review week|month`: the week's figures and reviews, the month's checkpoints.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a week against its figures (and write your review), or a month by its thirds.",
        subcommands: [ReviewWeek.self, ReviewMonth.self])
}

/// Prints review figures as a table.
enum ReviewText {
    static func table(_ figures: [ReviewFigure]) -> [String] {
        let header = ["FIGURE", "TARGET", "ACTUAL", "STATUS", "DAYS BEHIND"]
        var rows = [header]
        for f in figures {
            rows.append([f.figure, ProgressText.show(f.metric, f.target), ProgressText.show(f.metric, f.actual), f.status.rawValue, f.behind.joined(separator: ", ")])
        }
        return TextTable.render(rows, rightAligned: [1, 2])
    }
}
