import PaceAPI
import PaceCore

/// The CLI's words for events: one-line summaries and the history table.
/// Times are shown in `zone` (the user's local zone) as `YYYY-MM-DD HH:MM`.
public struct EventFormatter: Sendable {
    public var zone: any LocalZone

    public init(zone: any LocalZone) { self.zone = zone }

    public func when(_ t: Timestamp) -> String { zone.local(t).description }

    /// What `pace log ...` and `pace void` print, e.g.
    /// `Recorded payment #4: 12,000.50 from ACME at 2026-11-27 16:30 (id 0193...).`
    public func recorded(_ e: EventRecord, created: Bool, caller: String? = nil) -> String {
        let forWhom = caller.map { $0 == e.subject ? "" : " for \(e.subject)" } ?? ""
        let verb = created ? "Recorded" : "Already recorded"
        return "\(verb) \(e.type.rawValue) #\(e.seq)\(forWhom): \(details(e.payload)) at \(when(e.occurredAt)) (id \(e.id))."
    }

    /// The event's content in a few words, without repeating its type.
    public func details(_ p: EventPayload, seqs: [EventID: Int64] = [:]) -> String {
        switch p {
        case .visit(let v):
            let kind = switch v.kind {
            case .new: "new customer"
            case .existing: "existing customer"
            case .return: "return visit"
            }
            return "\(v.customer), \(kind)" + (v.note.map { ", \($0)" } ?? "")
        case .call(let c):
            return c.customer + (c.minutes.map { ", \($0) min" } ?? "") + (c.outcome.map { ", \($0)" } ?? "")
        case .payment(let p):
            return "\(p.amount.grouped) from \(p.customer)" + (p.reference.map { ", ref \($0)" } ?? "")
        case .order(let o):
            let lines = o.lines.isEmpty ? "" : " (" + o.lines.map { "\($0.quantity) \($0.product)" }.joined(separator: ", ") + ")"
            return "\(o.amount.grouped) from \(o.customer)\(lines)"
        case .void(let c):
            return "takes back \(seqs[c.event].map { "#\($0)" } ?? c.event.text), \(c.reason)"
        case .team(let t):
            return "team \(t.name)" + (t.managers.isEmpty ? "" : ", managed by " + t.managers.joined(separator: ", "))
        case .member(let m):
            return "\(m.user) \(m.action == .add ? "joins" : "leaves") \(m.team) from \(m.from)"
        case .calendar(let c):
            switch c.change {
            case .set:
                if let w = c.workdays, let h = c.hours, let z = c.timeZone { return "\(c.team) works \(w) \(h) in \(z)" }
                let parts = [c.workdays.map { "works \($0)" }, c.hours.map { "hours \($0)" }, c.timeZone.map { "time zone \($0)" }].compactMap { $0 }
                return "\(c.team): " + parts.joined(separator: ", ") + "; the rest unchanged"
            case .holiday: return "\(c.team) holiday \(c.from ?? "")\(c.to == c.from ? "" : " to \(c.to ?? "")")" + (c.name.map { " (\($0))" } ?? "")
            case .workday: return "\(c.team) make-up working day \(c.from ?? "")" + (c.name.map { " (\($0))" } ?? "")
            }
        case .target(let t):
            let who = t.scope == .company ? "the company" : "\(t.scope.rawValue) \(t.name ?? "")"
            return "\(t.metric) \(t.metric.format(t.amount)) in \(t.year) for \(who), profile \(t.profile)"
                + (t.split.map { ", split \($0)" } ?? "") + (t.from.map { ", from \($0)" } ?? "")
        case .slip(let s):
            return "\(s.kind.rawValue): \(s.metric?.name ?? "plan") \(s.period), \(s.actual) of \(s.target)" + (s.late ? " (checked late)" : "")
        case .plan(let p):
            switch p.action {
            case .add: return "plan for \(p.date?.description ?? "?"): \(p.text ?? "")" + (p.customer.map { " (\(p.kind?.rawValue ?? "other") \($0))" } ?? "")
            case .done: return "plan item \(p.item?.text.prefix(8) ?? "?") done"
            case .drop: return "plan item \(p.item?.text.prefix(8) ?? "?") dropped: \(p.reason ?? "")"
            }
        case .review(let r):
            return "review of \(r.week): \(r.note)"
        case .goal(let g):
            return "goal plan for \(g.metric) \(g.year), \(g.scope.rawValue) \(g.name): \(g.actions.count) actions, \(g.milestones.count) milestones"
        case .user(let u):
            return "user \(u.name)" + (u.displayName.map { " (\($0))" } ?? "") + (u.email.map { " <\($0)>" } ?? "")
        case .token(let t):
            switch t.action {
            case .create: return "token for \(t.user ?? "?")" + (t.label.map { " (\($0))" } ?? "") + (t.expires.map { ", expires \(when($0))" } ?? "")
            case .revoke: return "token \(t.token?.text ?? "?") revoked"
            }
        }
    }

    /// The `pace history` table, newest first, fitting 80 columns.
    public func table(_ events: [EventRecord], showSubject: Bool) -> String {
        if events.isEmpty { return "No events." }
        var rows: [[String]] = [["SEQ", "WHEN", "TYPE"] + (showSubject ? ["WHO"] : []) + ["WHAT"]]
        let seqs = Dictionary(events.map { ($0.id, $0.seq) }, uniquingKeysWith: { a, _ in a })
        for e in events {
            var what = details(e.payload, seqs: seqs)
            if e.voidedBy != nil { what = "[VOIDED] " + what }
            rows.append(["\(e.seq)", when(e.occurredAt), e.type.rawValue] + (showSubject ? [e.subject] : []) + [what])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            var line = ""
            for (c, cell) in row.enumerated() {
                if c == row.count - 1 {
                    line += cell
                } else if c == 0 {
                    line += String(repeating: " ", count: widths[c] - cell.count) + cell + "  "
                } else {
                    line += cell + String(repeating: " ", count: widths[c] - cell.count) + "  "
                }
            }
            return line.count > 80 ? String(line.prefix(79)) + "…" : line
        }.joined(separator: "\n")
    }

    /// `3d 04h 05m`, `2h 03m 10s` or `42s`.
    public static func duration(seconds s: Int64) -> String {
        let d = s / 86_400, h = s / 3600 % 24, m = s / 60 % 60, sec = s % 60
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if d > 0 { return "\(d)d \(two(h))h \(two(m))m" }
        if h > 0 { return "\(h)h \(two(m))m \(two(sec))s" }
        if m > 0 { return "\(m)m \(two(sec))s" }
        return "\(sec)s"
    }
}
