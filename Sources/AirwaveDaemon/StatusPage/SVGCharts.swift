import AirwaveAPI

/// Small inline SVG charts for the status page: no scripts, no external assets, every label escaped.
enum SVGCharts {
    /// Vertical bars of plays per local hour, labelled every 6 hours, max value on the axis.
    static func hourlyBars(_ hours: [StationAnalytics.HourPlays]) -> String {
        let width = 300.0, height = 96.0, top = 14.0, bottom = 16.0
        let plotHeight = height - top - bottom
        let peak = max(1, hours.map(\.plays).max() ?? 0)
        let slot = width / Double(max(1, hours.count))
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(HTML.number(width)) \(HTML.number(height))\" role=\"img\" "
            + "aria-label=\"Plays per hour over the last 24 hours\">"
        svg += "<line x1=\"0\" y1=\"\(HTML.number(top + plotHeight))\" x2=\"\(HTML.number(width))\" "
            + "y2=\"\(HTML.number(top + plotHeight))\" class=\"axis\"/>"
        svg += "<text x=\"0\" y=\"10\" class=\"label\">max \(peak)/h</text>"
        for (index, hour) in hours.enumerated() {
            let barHeight = plotHeight * Double(hour.plays) / Double(peak)
            let x = Double(index) * slot + slot * 0.15
            let label = localHour(hour.hour)
            svg += "<rect x=\"\(HTML.number(x))\" y=\"\(HTML.number(top + plotHeight - barHeight))\" "
                + "width=\"\(HTML.number(slot * 0.7))\" height=\"\(HTML.number(max(barHeight, hour.plays > 0 ? 1 : 0)))\" "
                + "class=\"bar\"><title>\(HTML.escape(label)): \(hour.plays) plays</title></rect>"
            if index % 6 == 0 {
                svg += "<text x=\"\(HTML.number(Double(index) * slot))\" y=\"\(HTML.number(height - 3))\" "
                    + "class=\"label\">\(HTML.escape(label))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars of the largest genre shares (the rest folded into "other").
    static func genreBars(_ mix: [StationAnalytics.GenreShare], limit: Int = 6) -> String {
        var rows = mix.prefix(limit).map { (genre: $0.genre, share: $0.share) }
        let rest = mix.dropFirst(limit).reduce(0) { $0 + $1.share }
        if rest > 0 { rows.append((genre: "other", share: rest)) }
        guard !rows.isEmpty else { return "<p class=\"empty\">No plays yet.</p>" }
        let rowHeight = 18.0, labelWidth = 96.0, barWidth = 160.0, width = 300.0
        let height = rowHeight * Double(rows.count)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(HTML.number(width)) \(HTML.number(height))\" role=\"img\" "
            + "aria-label=\"Genre mix\">"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            let name = row.genre.count > 14 ? String(row.genre.prefix(13)) + "…" : row.genre
            svg += "<text x=\"\(HTML.number(labelWidth - 6))\" y=\"\(HTML.number(y + 13))\" class=\"label\" "
                + "text-anchor=\"end\">\(HTML.escape(name))</text>"
            svg += "<rect x=\"\(HTML.number(labelWidth))\" y=\"\(HTML.number(y + 3))\" "
                + "width=\"\(HTML.number(max(1, barWidth * row.share)))\" height=\"12\" class=\"bar alt\">"
                + "<title>\(HTML.escape(row.genre)): \(HTML.percent(row.share))</title></rect>"
            svg += "<text x=\"\(HTML.number(labelWidth + barWidth * row.share + 6))\" y=\"\(HTML.number(y + 13))\" "
                + "class=\"label\">\(HTML.percent(row.share))</text>"
        }
        return svg + "</svg>"
    }

    /// A labelled horizontal gauge for a share in [0, 1] (skip rate and friends).
    static func gauge(_ label: String, _ share: Double, kind: String) -> String {
        let clamped = min(1, max(0, share))
        return "<div class=\"gauge\"><span class=\"gauge-label\">\(HTML.escape(label))</span>"
            + "<svg viewBox=\"0 0 200 10\" preserveAspectRatio=\"none\" role=\"img\" "
            + "aria-label=\"\(HTML.escape(label)) \(HTML.percent(clamped))\">"
            + "<rect x=\"0\" y=\"0\" width=\"200\" height=\"10\" rx=\"3\" class=\"track\"/>"
            + "<rect x=\"0\" y=\"0\" width=\"\(HTML.number(200 * clamped))\" height=\"10\" rx=\"3\" class=\"fill \(kind)\"/>"
            + "</svg><span class=\"gauge-value\">\(HTML.percent(clamped))</span></div>"
    }

    /// "09:00" from "2026-11-23T09:00:00-05:00": the local hour the SQL function already computed.
    static func localHour(_ iso: String) -> String {
        let characters = Array(iso)
        guard characters.count >= 16 else { return iso }
        return String(characters[11..<16])
    }
}
