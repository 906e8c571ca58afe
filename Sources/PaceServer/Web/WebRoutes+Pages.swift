import Hummingbird
import NIOCore
import PaceAPI
import PaceApp
import PaceCore
import Prometheus

extension WebRoutes {
    static let periods = ["week", "month", "quarter", "year"]

    /// `GET /chart?scope=&name=&metric=&period=`: a burn-up chart with its figures beside it.
    func chart(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        var q = try request.uri.decodeQuery(as: ProgressQuery.self, context: context)
        if q.scope == .user && q.name == nil { q.name = v.access.name }
        guard let metric = q.metric else { throw InputError("bad_metric", "Choose a metric: /chart?metric=calls") }
        let (view, days) = try services.progress.measure(q, access: v.access)
        guard let row = view.rows.first, let series = days[metric] else {
            throw AppError(.notFound, "no_series", "The company's \(metric) is the sum of its teams; open a team's chart instead.")
        }
        let asOf = CivilDate(iso: view.asOf.prefix(10)) ?? series.last?.date ?? CivilDate(year: 2000, month: 1, day: 1)
        let todayIndex = series.lastIndex { $0.date <= asOf } ?? -1
        let (icon, text) = Self.statusWords(row.status)
        var page = base(v, title: "\(metric) burn-up")
        let subject = Subject(scope: q.scope, name: view.name)
        page["subjectLabel"] = subject.description.prefix(1).uppercased() + subject.description.dropFirst()
        page["metric"] = metric.name
        page["label"] = view.label
        page["svg"] = BurnUpChart(metric: metric, days: series, todayIndex: todayIndex, row: row).svg
        page["target"] = Self.show(row.metric, row.target)
        page["expected"] = Self.show(row.metric, row.expected)
        page["actual"] = Self.show(row.metric, row.actual)
        page["forecast"] = row.forecast.map { Self.show(row.metric, $0) } ?? "–"
        page["pace"] = row.pace.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
        page["status"] = row.status.rawValue
        page["icon"] = icon
        page["statusText"] = text
        page["start"] = row.start
        page["end"] = row.end
        page["asOf"] = String(view.asOf.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let name = view.name.map { "&name=\($0.percentEncoded)" } ?? ""
        page["periods"] = Self.periods.map { ["name": $0, "href": "/chart?scope=\(q.scope.rawValue)\(name)&metric=\(metric.name.percentEncoded)&period=\($0)"] }
        return pages.page("chart", page)
    }

    struct TeamQuery: Decodable {
        var team: String?
        var period: String?
    }

    /// `GET /team?team=&period=`: the board, ranked by attainment.
    func team(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        let q = try request.uri.decodeQuery(as: TeamQuery.self, context: context)
        let org = v.access.org
        guard let name = q.team ?? (v.access.caller.isAdmin ? org.teamOrder.first : org.teamsManaged(by: v.access.name).first) else {
            throw AppError(.forbidden, "forbidden", "The team board is for a team's managers and admins.")
        }
        let period = try Period(parsing: q.period ?? "month")
        let board = try services.dashboard.teamBoard(team: name, period: period, access: v.access)
        var page = base(v, title: "Team \(name)")
        page["team"] = name
        page["label"] = board.label
        page["metrics"] = board.metrics
        page["periods"] = (["day"] + Self.periods).map { ["name": $0, "href": "/team?team=\(name.percentEncoded)&period=\($0)"] }
        page["lines"] = board.lines.enumerated().map { i, line -> [String: Any] in
            let byMetric = Dictionary(line.rows.map { ($0.metric, $0) }, uniquingKeysWith: { a, _ in a })
            return [
                "rank": i + 1, "user": line.user,
                "attainment": line.attainment.map { "\(Int(($0 * 100).rounded()))%" } ?? "–",
                "cells": board.metrics.map { m -> [String: Any] in
                    guard let r = byMetric[m] else { return ["has": false] }
                    let (icon, text) = Self.statusWords(r.status)
                    return ["has": true, "status": r.status.rawValue, "icon": icon, "statusText": text,
                            "pace": r.pace.map { "\(Int(($0 * 100).rounded()))%" } ?? "–",
                            "actual": Self.show(m, r.actual), "target": Self.show(m, r.target)]
                },
            ]
        }
        return pages.page("team", page)
    }

    /// `GET /slips`: the slip feed, newest first, as `pace slips` sees it.
    func slips(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        let q = try request.uri.decodeQuery(as: SlipQuery.self, context: context)
        let list = try services.slips.slips(q, access: v.access)
        var page = base(v, title: "Slips")
        page["since"] = (q.since ?? FixedOffsetZone.utc.local(now).date.adding(days: -7)).description
        page["slips"] = list.slips.reversed().map {
            ["at": String($0.at.rfc3339().prefix(16)).replacingOccurrences(of: "T", with: " "), "level": $0.slip.kind.level, "message": $0.message]
        }
        return pages.page("slips", page)
    }

    /// `GET /customers?receivables=true`: an admin's every account, a manager's team's, a salesperson's own.
    func customers(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        let receivables = request.uri.queryParameters.get("receivables") == "true"
        let org = v.access.org
        let scope: CustomerQuery = v.access.caller.isAdmin ? .init(scope: .all, receivables: receivables)
            : org.teamsManaged(by: v.access.name).first.map { .init(scope: .team, name: $0, receivables: receivables) }
            ?? .init(scope: .user, receivables: receivables)
        let list = try services.customers.customers(scope, access: v.access)
        var page = base(v, title: "Customers")
        page["receivables"] = receivables
        page["customers"] = list.customers.map {
            ["name": $0.name, "team": $0.team, "owner": $0.owner, "firstOrder": String($0.firstOrder.prefix(10)),
             "revenue": Metric.revenue.display($0.revenue), "payments": Metric.revenue.display($0.payments), "receivable": Metric.revenue.display($0.receivable)]
        }
        return pages.page("customers", page)
    }

    /// `GET /review?week=&user=|team=`: the weekly review, the figures of `pace review week`.
    func review(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        let q = try request.uri.decodeQuery(as: ReviewQuery.self, context: context)
        let r = try services.planning.reviewWeek(q, access: v.access)
        var page = base(v, title: "Weekly review")
        page["subject"] = r.subject
        page["week"] = r.week
        page["start"] = r.start
        page["end"] = r.end
        page["figures"] = r.figures.map { f -> [String: Any] in
            let (icon, text) = Self.statusWords(f.status)
            return ["figure": f.figure, "target": Self.show(f.metric == "units" ? "units:x" : f.metric, f.target),
                    "actual": Self.show(f.metric == "units" ? "units:x" : f.metric, f.actual), "status": f.status.rawValue, "icon": icon,
                    "statusText": text, "behind": f.behind.joined(separator: ", ")]
        }
        page["planned"] = r.planned
        page["done"] = r.done
        page["reviews"] = r.reviews.map {
            ["user": $0.user, "note": $0.review.note, "causes": $0.review.causes.joined(separator: "; "), "next": $0.review.next.joined(separator: "; ")]
        }
        let who = q.team.map { "&team=\($0.percentEncoded)" } ?? q.user.map { "&user=\($0.percentEncoded)" } ?? ""
        if let monday = CivilDate(iso: Substring(r.start)) {
            page["previous"] = "/review?week=\(ISOWeek(containing: monday.adding(days: -7)).label)\(who)"
            page["next"] = "/review?week=\(ISOWeek(containing: monday.adding(days: 7)).label)\(who)"
        }
        return pages.page("review", page)
    }

    /// `GET /goals?metric=&year=&user=|team=`: a goal's action plan with its milestones.
    func goals(_ request: Request, _ context: PaceRequestContext, _ v: Visitor) throws -> Response {
        var q = try request.uri.decodeQuery(as: ReviewQuery.self, context: context)
        q.metric = q.metric ?? .revenue
        q.year = q.year ?? FixedOffsetZone.utc.local(now).date.year
        let g = try services.planning.goal(q, access: v.access)
        let metric = q.metric!.name
        var page = base(v, title: "Goal")
        page["subject"] = q.team.map { "team \($0)" } ?? q.user ?? v.access.name
        page["metric"] = metric
        page["year"] = q.year!
        page["versions"] = g.versions
        page["hasPlan"] = g.plan != nil
        if let plan = g.plan {
            page["actions"] = plan.actions
            if let r = plan.reward { page["reward"] = r }
            if let p = plan.penalty { page["penalty"] = p }
        }
        if let p = g.progress {
            let (icon, text) = Self.statusWords(p.status)
            page["progress"] = ["actual": Self.show(metric, p.actual), "target": Self.show(metric, p.target), "expected": Self.show(metric, p.expected),
                                "status": p.status.rawValue, "icon": icon, "statusText": text]
        }
        page["milestones"] = g.milestones.map {
            ["date": $0.date, "due": $0.due, "amount": Self.show(metric, $0.amount), "actual": Self.show(metric, $0.actual), "state": $0.state.rawValue]
        }
        return pages.page("goals", page)
    }

    /// `GET /metrics`: Prometheus text, for admins (a signed-in admin, or a bearer
    /// token of one) and for scrapers on the loopback address.
    func metrics(_ request: Request, _ context: PaceRequestContext) throws -> Response {
        guard let registry else { return Response(status: .notFound) }
        let loopback = clientAddress.isLoopback(request, context)
        let admin = (try? visitor(request)).map(\.access.caller.isAdmin) ?? false
        guard loopback || admin else {
            return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "/metrics is for admins and for scrapers on the server itself (loopback).\n")))
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
