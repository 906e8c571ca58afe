import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace today` (and `week`, `month`, `quarter`, `year`): my bars for the period, then the week line.
struct TodayView: PeriodCommand {
    static let configuration = CommandConfiguration(commandName: "today", abstract: "Your day: each metric's bar, what is still needed today, and the week.")
    static let period = "day"
    @OptionGroup var options: PeriodOptions

    static func render(period: String, user: String?, global: GlobalOptions) throws {
        try global.withClient { client in
            let who = user.map { "&scope=user&name=\(PaceClient.escape($0))" } ?? ""
            let p = try client.get(ProgressView.self, "/v1/progress?period=\(period)" + who)
            let week = period == "day" ? try client.get(ProgressView.self, "/v1/progress?period=week" + who) : nil
            if global.json { return try Output.json(week.map { [p, $0] } ?? [p]) }
            print("\(ProgressText.who(p)), \(p.label), as of \(p.asOf.prefix(16).replacingT())")
            if p.rows.isEmpty {
                print("No targets cover this \(period). Ask your manager to set them.")
                if period == "day" { openPlanItems(client: client, user: user) }
                return
            }
            if period == "day" && !global.json && p.rows.allSatisfy({ $0.target == "0" || $0.target == "0.00" }) {
                print("Today is a day off. Your week:")
                return try render(period: "week", user: user, global: global)
            }
            let nameWidth = p.rows.map(\.metric.count).max() ?? 6
            for r in p.rows {
                let needed = r.status == .met ? "done" : period == "day"
                    ? "need \(ProgressText.show(r.metric, r.remaining)) more today"
                    : r.requiredPerDay.map { "need \(ProgressText.show(r.metric, $0))/day" } ?? "no working day left"
                print("\(r.metric.padding(nameWidth)) \(ProgressText.bar(r)) \(ProgressText.show(r.metric, r.actual))/\(ProgressText.show(r.metric, r.target))  \(ProgressText.paint(r.status.rawValue, status: r.status)), \(needed)")
                if let w = week?.rows.first(where: { $0.metric == r.metric }) {
                    print("\(String(repeating: " ", count: nameWidth)) week \(w.start[w.start.index(w.start.startIndex, offsetBy: 5)...])..: \(ProgressText.show(w.metric, w.actual))/\(ProgressText.show(w.metric, w.target)), expected \(ProgressText.show(w.metric, w.expected)), \(w.status)")
                }
            }
            if period == "day" { openPlanItems(client: client, user: user) }
        }
    }
}

extension TodayView {
    /// Today's plan items still open, under the bars (nothing when there are none).
    static func openPlanItems(client: PaceClient, user: String?) {
        guard let plan = try? client.get(PlanView.self, "/v1/plan" + (user.map { "?user=\(PaceClient.escape($0))" } ?? "")) else { return }
        let open = plan.items.filter { $0.state == .open }
        guard !open.isEmpty else { return }
        print("")
        print("Open in today's plan:")
        for item in open { print(PlanShow.line(item)) }
    }
}

/// Options of the period views.
struct PeriodOptions: ParsableArguments {
    @Option(help: "A member's view (their manager, admins).") var user: String?
    @OptionGroup var global: GlobalOptions
}

/// `pace week`, `month`, `quarter`, `year`: the same view as `today` for a longer period.
protocol PeriodCommand: ParsableCommand {
    static var period: String { get }
    var options: PeriodOptions { get }
}

extension PeriodCommand {
    func run() throws { try TodayView.render(period: Self.period, user: options.user, global: options.global) }
}

struct WeekView: PeriodCommand {
    static let configuration = CommandConfiguration(commandName: "week", abstract: "Your week: each metric's bar and what is needed per day.")
    static let period = "week"
    @OptionGroup var options: PeriodOptions
}

struct MonthView: PeriodCommand {
    static let configuration = CommandConfiguration(commandName: "month", abstract: "Your month: each metric's bar and what is needed per day.")
    static let period = "month"
    @OptionGroup var options: PeriodOptions
}

struct QuarterView: PeriodCommand {
    static let configuration = CommandConfiguration(commandName: "quarter", abstract: "Your quarter: each metric's bar and what is needed per day.")
    static let period = "quarter"
    @OptionGroup var options: PeriodOptions
}

struct YearView: PeriodCommand {
    static let configuration = CommandConfiguration(commandName: "year", abstract: "Your year: each metric's bar and what is needed per day.")
    static let period = "year"
    @OptionGroup var options: PeriodOptions
}
