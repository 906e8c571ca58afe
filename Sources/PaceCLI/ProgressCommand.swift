import ArgumentParser
import Glibc
import PaceAPI
import PaceClient
import PaceCore

/// `pace progress [--user U | --team T | --company] [--period P] [--metric M] [--at DATE] [--json|--csv]`
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Where you (or a member, team or the company) stand against the targets.",
        discussion: "Periods: day, week, third, month, quarter, year, 7d, 30d, 90d. --at DATE answers as of the end of that day.")

    @Option(help: "A member's progress (their manager, admins).") var user: String?
    @Option(help: "A team's progress (its managers, admins).") var team: String?
    @Flag(help: "The company's progress (admins, managers).") var company = false
    @Option(help: "day, week, third, month, quarter, year, 7d, 30d or 90d.") var period = "day"
    @Option(help: "Only this metric.") var metric: String?
    @Option(help: "As of the end of this day (YYYY-MM-DD).") var at: String?
    @Flag(help: "Print CSV.") var csv = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard [user != nil, team != nil, company].filter({ $0 }).count <= 1 else { throw ValidationError("Give at most one of --user, --team and --company.") }
        _ = try validated { try Period(parsing: period) }
        if let metric { _ = try validated { try Metric(parsing: metric) } }
        if let at { _ = try parseDay(at, option: "--at") }
        if csv && global.json { throw ValidationError("Give --json or --csv, not both.") }
    }

    func query(period: String) throws -> String {
        var q = "period=\(period)"
        if company { q += "&scope=company" } else if let team { q += "&scope=team&name=\(PaceClient.escape(team))" } else if let user { q += "&scope=user&name=\(PaceClient.escape(user))" }
        if let metric { q += "&metric=\(PaceClient.escape(metric))" }
        if let at { q += "&at=\(try parseDay(at, option: "--at"))" }
        return q
    }

    func run() throws {
        try global.withClient { client in
            let p = try client.get(ProgressView.self, "/v1/progress?" + query(period: period))
            if global.json { return try Output.json(p) }
            if csv {
                CSV.row(["metric", "start", "end", "target", "actual", "expected", "pace", "gap", "remaining", "remaining_days",
                         "required_per_day", "forecast", "status"])
                for r in p.rows {
                    CSV.row([r.metric, r.start, r.end, r.target, r.actual, r.expected, r.pace.map { String($0) } ?? "", r.gap, r.remaining,
                             String(r.remainingDays), r.requiredPerDay ?? "", r.forecast ?? "", r.status.rawValue])
                }
                return
            }
            print(ProgressText.table(p))
        }
    }
}

/// Text forms of progress: the table and the daily bars.
enum ProgressText {
    /// Colour only on a terminal, and never with NO_COLOR set (no-color.org).
    static let colour = isatty(1) != 0 && getenv("NO_COLOR") == nil

    /// `text` (already padded) in the colour of `status`: green met/on track, yellow at risk, red behind/missed.
    static func paint(_ text: String, status: Progress.Status) -> String {
        guard colour else { return text }
        let code = switch status {
        case .met, .onTrack: "32"
        case .atRisk: "33"
        case .behind, .missed: "31"
        case .noTarget: "0"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    static func show(_ metric: String, _ value: String) -> String {
        (try? Metric(parsing: metric))?.display(value) ?? value
    }

    static func who(_ p: ProgressView) -> String { p.scope == "company" ? "the company" : p.scope == "team" ? "team \(p.name ?? "")" : p.name ?? "" }

    static func table(_ p: ProgressView) -> String {
        var lines = ["\(who(p)), \(p.label) (\(p.rows.first.map { "\($0.start) to \($0.end)" } ?? "")), as of \(p.asOf.prefix(16).replacingT())"]
        if p.rows.isEmpty { return lines[0] + "\nNo targets cover this period. Set one with `pace target set`." }
        let header = ["METRIC", "TARGET", "ACTUAL", "EXPECTED", "PACE", "STATUS", "NEED/DAY"]
        var rows = [header]
        for r in p.rows {
            rows.append([r.metric, show(r.metric, r.target), show(r.metric, r.actual), show(r.metric, r.expected),
                         r.pace.map { "\(Int(($0 * 100).rounded()))%" } ?? "-", r.status.rawValue, r.requiredPerDay.map { show(r.metric, $0) } ?? "-"])
        }
        lines += TextTable.render(rows, rightAligned: [1, 2, 3, 4, 6]) { row, column, cell in
            row > 0 && column == 5 ? paint(cell, status: p.rows[row - 1].status) : cell
        }
        return lines.joined(separator: "\n")
    }

    /// `[########|------]` with `#` for done, `|` at expected-to-date, 24 cells wide.
    static func bar(_ r: ProgressView.Row) -> String {
        let target = Double(r.target) ?? 0, actual = Double(r.actual) ?? 0, expected = Double(r.expected) ?? 0
        let width = 24
        guard target > 0 else { return "[" + String(repeating: " ", count: width) + "]" }
        let filled = min(width, Int((actual / target * Double(width)).rounded(.down)))
        let marker = min(width - 1, Int((expected / target * Double(width)).rounded(.down)))
        var cells = Array(String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled))
        cells[marker] = "|"
        return "[" + String(cells) + "]"
    }
}

extension Substring {
    func replacingT() -> String { String(self).map { $0 == "T" ? " " : $0 }.map(String.init).joined() }
}

extension String {
    func trimmingTrailing() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
