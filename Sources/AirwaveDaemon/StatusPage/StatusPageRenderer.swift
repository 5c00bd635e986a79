import Foundation

/// Renders the status page from a ``StatusPageModel``: a pure function, so tests can check the HTML directly.
enum StatusPageRenderer {
    /// Seconds between automatic reloads (a meta refresh: no script needed).
    static let refreshSeconds = 5

    /// The whole page.
    static func render(_ model: StatusPageModel) -> String {
        let listeners = model.stations.reduce(0) { $0 + $1.listenerCount }
        let updated = model.generatedAt.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false))
        var html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <meta http-equiv="refresh" content="\(refreshSeconds)">
        <title>Airwave status</title><style>\(StatusPageStyle.css)</style></head>
        <body><header><h1>Airwave</h1>
        <p>\(model.stations.count) station\(model.stations.count == 1 ? "" : "s") · \(listeners) listener\(listeners == 1 ? "" : "s") · updated \(updated) UTC</p>
        </header><main>
        """
        if model.stations.isEmpty { html += "<p class=\"empty\">No stations are running.</p>" }
        for station in model.stations { html += panel(station) }
        html += "</main><footer>Refreshes every \(refreshSeconds) s · charts cover the last 24 hours in each station's time zone</footer></body></html>\n"
        return html
    }

    /// One station card: listeners on the left, charts on the right.
    static func panel(_ s: StatusPageModel.Station) -> String {
        var html = "<section class=\"station\" id=\"station-\(HTML.escape(s.id))\"><div class=\"station-head\">"
            + "<h2>\(HTML.escape(s.name))</h2><span class=\"meta\">\(HTML.escape(s.id)) · \(HTML.escape(s.timezone)) · "
            + "\(s.trackCount) tracks · \(s.listenerCount) listening</span></div><div class=\"cols\"><div>"
            + "<h3>Listeners</h3>"
        if s.listeners.isEmpty {
            html += "<p class=\"empty\">Nobody is listening.</p>"
        } else {
            html += "<ul class=\"listeners\">"
            for listener in s.listeners { html += line(listener) }
            html += "</ul>"
            if s.listenerCount > s.listeners.count {
                html += "<p class=\"more\">and \(s.listenerCount - s.listeners.count) more</p>"
            }
        }
        html += "</div><div>"
        if let a = s.analytics {
            html += "<h3>Plays per hour · last 24 h</h3>" + SVGCharts.hourlyBars(a.playsPerHour)
            html += "<div class=\"figures\"><span><b>\(a.plays)</b> play\(a.plays == 1 ? "" : "s")</span>"
                + "<span><b>\(a.uniqueListeners)</b> listener\(a.uniqueListeners == 1 ? "" : "s")</span>"
                + "<span><b>\(HTML.percent(a.catalogCoverage))</b> of catalog played</span></div>"
            html += SVGCharts.gauge("Skip rate", a.skipRate, kind: "skip")
            html += SVGCharts.gauge("Like rate", a.likeRate, kind: "like")
            html += SVGCharts.gauge("Discovery kept", a.discoveryAcceptance, kind: "discovery")
            html += "<h3>Genre mix</h3>" + SVGCharts.genreBars(a.genreMix)
        } else {
            html += "<p class=\"empty\">Analytics are unavailable (the database did not answer).</p>"
        }
        return html + "</div></div></section>"
    }

    /// One listener: name, artist – title, why it was chosen, progress.
    static func line(_ l: StatusPageModel.Listener) -> String {
        guard let title = l.title, let artist = l.artist else {
            return "<li><div class=\"who\"><span class=\"user\">\(HTML.escape(l.userID))</span></div>"
                + "<div class=\"np paused\">\(l.paused ? "paused" : "between tracks")</div></li>"
        }
        let share = l.duration > 0 ? min(1, l.position / l.duration) : 0
        return "<li><div class=\"who\"><span class=\"user\">\(HTML.escape(l.userID))</span>"
            + "<span>\(HTML.clock(l.position)) / \(HTML.clock(l.duration))</span></div>"
            + "<div class=\"np\"><span class=\"artist\">\(HTML.escape(artist))</span> – \(HTML.escape(title))</div>"
            + (l.reasons.isEmpty ? "" : "<div class=\"why\">\(HTML.escape(l.reasons.prefix(2).joined(separator: " · ")))</div>")
            + "<div class=\"progress\"><span style=\"width:\(HTML.number(share * 100))%\"></span></div></li>"
    }
}
