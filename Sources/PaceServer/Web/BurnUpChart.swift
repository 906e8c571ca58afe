import PaceApp
import PaceAPI
import PaceCore

/// A burn-up chart as server-rendered SVG: the cumulative target by working day (flat
/// on days off), the cumulative actual up to today, the expected-to-date point, and
/// the run-rate forecast to the period's end. Only numbers and dates go into it; the
/// figures it is drawn from are the progress service's, and the last actual point and
/// the target line's end are also written as `data-` attributes (in the API's decimal
/// form) for anyone, a test included, to compare with `GET /v1/progress`.
struct BurnUpChart {
    let metric: Metric
    let days: [ProgressService.Day]
    /// Index of today in `days` (the last day counted); `days.count - 1` when the period is over.
    let todayIndex: Int
    let row: ProgressView.Row

    static let width = 640.0, height = 320.0, left = 60.0, right = 16.0, top = 16.0, bottom = 36.0

    var svg: String {
        let n = max(days.count, 1)
        var cumTarget: [Int64] = [], cumActual: [Int64] = []
        var t: Int64 = 0, a: Int64 = 0
        for d in days {
            t = t.adding(saturating: d.target)
            a = a.adding(saturating: d.actual)
            cumTarget.append(t)
            cumActual.append(a)
        }
        let forecast = row.forecast.flatMap { try? metric.parseAmount($0) } ?? 0
        let expected = (try? metric.parseAmount(row.expected)) ?? 0
        let top = max(t, cumActual.max() ?? 0, forecast, expected, 1)
        let plotW = Self.width - Self.left - Self.right, plotH = Self.height - Self.top - Self.bottom
        func x(_ i: Double) -> String { Self.fmt(Self.left + plotW * i / Double(n)) }
        func y(_ v: Int64) -> String { Self.fmt(Self.top + plotH * (1 - Double(v) / (Double(top) * 1.05))) }
        let targetPoints = (["\(x(0)),\(y(0))"] + cumTarget.enumerated().map { "\(x(Double($0.offset + 1))),\(y($0.element))" }).joined(separator: " ")
        let shown = min(todayIndex, days.count - 1)
        let actualPoints = (["\(x(0)),\(y(0))"] + (0..<max(shown + 1, 0)).map { "\(x(Double($0 + 1))),\(y(cumActual[$0]))" }).joined(separator: " ")
        let lastActual = shown >= 0 ? cumActual[shown] : 0
        var out = """
            <svg class="chart" id="burn-up" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" aria-label="burn-up chart" \
            data-target-end="\(metric.decimal(t))" data-actual-last="\(metric.decimal(lastActual))" data-expected="\(row.expected)" \
            data-forecast="\(row.forecast ?? "")">
            <rect x="\(Self.fmt(Self.left))" y="\(Self.fmt(Self.top))" width="\(Self.fmt(plotW))" height="\(Self.fmt(plotH))" fill="#fff" stroke="#d8dde6"/>
            """
        // Days off shaded, so the flat steps of the target read as what they are.
        for (i, d) in days.enumerated() where !d.working {
            out += "<rect x=\"\(x(Double(i)))\" y=\"\(Self.fmt(Self.top))\" width=\"\(Self.fmt(plotW / Double(n)))\" height=\"\(Self.fmt(plotH))\" fill=\"#f0f2f5\"/>"
        }
        for k in 0...4 {
            let v = Int64((Double(top) * 1.05 * Double(k) / 4).rounded())
            out += "<text x=\"\(Self.fmt(Self.left - 6))\" y=\"\(y(v))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5d6675\">\(compact(v))</text>"
        }
        if let first = days.first, let last = days.last {
            out += "<text x=\"\(x(0))\" y=\"\(Self.fmt(Self.height - 12))\" font-size=\"11\" fill=\"#5d6675\">\(first.date)</text>"
            out += "<text x=\"\(x(Double(n)))\" y=\"\(Self.fmt(Self.height - 12))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5d6675\">\(last.date)</text>"
        }
        out += "<polyline id=\"target-line\" points=\"\(targetPoints)\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"2\"/>"
        out += "<polyline id=\"actual-line\" points=\"\(actualPoints)\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2.5\"/>"
        if shown < days.count - 1, row.forecast != nil {
            out += "<line id=\"forecast-line\" x1=\"\(x(Double(shown + 1)))\" y1=\"\(y(lastActual))\" x2=\"\(x(Double(n)))\" y2=\"\(y(forecast))\" stroke=\"#bf8700\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        }
        out += "<circle id=\"expected-point\" cx=\"\(x(Double(shown + 1)))\" cy=\"\(y(expected))\" r=\"4.5\" fill=\"#1d2330\"/>"
        return out + "</svg>"
    }

    /// An axis label: `950`, `12.5k`, `1.2M` (money in major units).
    func compact(_ v: Int64) -> String {
        let x = Double(v) / (metric.isMoney ? 100 : 1)
        for (limit, suffix) in [(1e6, "M"), (1e3, "k")] where abs(x) >= limit {
            let r = (x / limit * 10).rounded() / 10
            return (r == r.rounded() ? String(Int(r)) : String(r)) + suffix
        }
        return String(Int(x.rounded()))
    }

    static func fmt(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }
}
