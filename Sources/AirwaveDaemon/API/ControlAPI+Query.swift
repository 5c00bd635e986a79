import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import Foundation

extension ControlAPI {
    /// The longest query accepted, in characters (longer is a 400 naming `q`).
    static let maxQueryLength = 300

    /// `GET …/listeners/{user_id}/recommendations?q=TEXT`: a playlist for a text query, fused with the
    /// listener's taste as `s_query · s_personal^α` (docs/queries.md). Called by the recommendations route
    /// when `q` is present, after it has checked the listener, `size` and `at`.
    ///
    /// Errors: 400 `invalid_parameter` for an over-long `q`; 422 `query_not_understood` when no word of the
    /// query means anything here (empty, punctuation, gibberish, or only words absent from this station);
    /// 503 `queries_unavailable` when the query data files could not be loaded at start-up.
    static func queryRecommendations(_ text: String, station: StationRuntime, user: String, size: Int, at: Date,
                                     services: DaemonServices) throws -> HTTPResponse {
        guard text.count <= maxQueryLength else {
            throw HTTPError.badRequest("q must be at most \(maxQueryLength) characters (got \(text.count))", code: "invalid_parameter")
        }
        guard let queries = services.queries else {
            throw HTTPError(.serviceUnavailable, code: "queries_unavailable",
                            message: "text queries are unavailable: the query data files could not be loaded (see the daemon log)")
        }
        let started = ContinuousClock.now
        let index = queries.index(for: station, dj: station.dj)
        let facets = index.understand(text)
        let prediction = queries.classifier.predict(text)
        // Gibberish that happens to share a word with some title is still gibberish: without a lexicon
        // facet, trust the classifier's noise verdict.
        let noise = prediction.category == .noise && prediction.confidence >= 0.5 && !facets.hasStructuredFacet
        if facets.isEmpty || noise {
            let words = facets.ignored.isEmpty ? "" : " (no match for: \(facets.ignored.prefix(5).joined(separator: ", ")))"
            throw HTTPError(.unprocessableContent, code: "query_not_understood",
                            message: "the query names no genre, mood, activity, era, artist, title or album known to station \(station.id)\(words); try e.g. 'calm music for studying' or 'songs by <artist>'")
        }
        let playlist = try station.recommend(userID: user, at: at, size: size, query: facets, index: index,
                                             alpha: prediction.alpha)
        services.metrics.playlistGenerated(seconds: (ContinuousClock.now - started).seconds)
        let view = QueryView(text: text, alpha: (prediction.alpha * 1000).rounded() / 1000,
                             category: prediction.category.rawValue, personalized: prediction.category.isPersonalized,
                             understood: facets.understood, ignored: facets.ignored, candidates: playlist.candidates)
        return .api(QueryTrackList(tracks: playlist.picks.map {
            RankedTrack(track: $0.pick.track, score: $0.pick.score, discovery: false, reasons: $0.pick.reasons)
        }, daypart: playlist.daypart, query: view))
    }
}
