import ArgumentParser
import PaceAPI
import PaceClient
import PaceCore

/// `pace review week [--week 2026-W48] [--user U | --team T] [--json]`, and with
/// `--note` (plus `--cause`, `--support`, `--next`) my review of the week.
struct ReviewWeek: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "week", abstract: "The week's figures with targets, status and the days behind; plan completion; reviews.",
        discussion: "With --note, records your review of the week: what worked (--note), what caused the misses (--cause), the support you need (--support), what you will do differently (--next).")

    @Option(help: ArgumentHelp("The ISO week, like 2026-W48 (default: this week).", valueName: "week")) var week: String?
    @Option(help: "A member's week (their manager, admins).") var user: String?
    @Option(help: "A team's week and its members' reviews (its managers, admins).") var team: String?
    @Option(help: "Your review: what worked this week.") var note: String?
    @Option(help: "What caused a miss (repeatable).") var cause: [String] = []
    @Option(help: "Support you need from the team or other departments (repeatable).") var support: [String] = []
    @Option(help: "What you will do differently (repeatable).") var next: [String] = []
    @OptionGroup var global: GlobalOptions

    var weekLabel: String { week ?? ISOWeek(containing: today()).label }

    func validate() throws {
        if user != nil && team != nil { throw ValidationError("Give --user or --team, not both.") }
        if let week, ISOWeek(parsing: week) == nil { throw ValidationError("--week \(week) is not a week like 2026-W48.") }
        if note == nil && !(cause.isEmpty && support.isEmpty && next.isEmpty) {
            throw ValidationError("--cause, --support and --next belong to a review: add --note with what worked.")
        }
        if let note {
            if user != nil || team != nil { throw ValidationError("You write only your own review: leave out --user and --team.") }
            _ = try validated { try ReviewEvent(week: weekLabel, note: note, causes: cause, support: support, next: next) }
        }
    }

    func run() throws {
        if let note {
            let review = try validated { try ReviewEvent(week: weekLabel, note: note, causes: cause, support: support, next: next) }
            return try recordManagement([.review(review)], global: global)
        }
        var q = ["week=\(weekLabel)"]
        if let user { q.append("user=\(PaceClient.escape(user))") }
        if let team { q.append("team=\(PaceClient.escape(team))") }
        try global.withClient { client in
            let v = try client.get(WeekReviewView.self, "/v1/review/week?" + q.joined(separator: "&"))
            if global.json { return try Output.json(v) }
            print("Week \(v.week) (\(v.start) to \(v.end)), \(v.subject)")
            for line in ReviewText.table(v.figures) { print(line) }
            let rate = v.planned > 0 ? " (\(v.done * 100 / v.planned)%)" : ""
            print("Plan: \(v.done) of \(v.planned) items done\(rate)")
            if v.reviews.isEmpty { print(team == nil ? "No review yet: write one with `pace review week --note ...`." : "No reviews yet.") }
            for r in v.reviews {
                print("Review by \(r.user), \(Output.formatter.when(r.at)):")
                print("  Worked: \(r.review.note)")
                for c in r.review.causes { print("  Cause: \(c)") }
                for s in r.review.support { print("  Support needed: \(s)") }
                for n in r.review.next { print("  Next: \(n)") }
            }
        }
    }
}
