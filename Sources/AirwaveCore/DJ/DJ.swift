import Foundation

/// The PersonalizedDJ for one station: scores its catalog for a listener and builds playlists.
///
/// Pure: no clocks, no I/O, no global randomness. Everything it decides follows from the catalog,
/// the settings and the request (including its seed).
///
/// ```swift
/// let dj = DJ(catalog: catalog, settings: settings)
/// let playlist = dj.recommend(PlaylistRequest(profile: profile, at: now, size: 10, seed: seed))
/// ```
public struct DJ: Sendable {
    /// The station's tracks; mutate it in place to upsert or remove tracks.
    public var catalog: Catalog {
        didSet { similarIndex = DJ.similarIndex(catalog, settings.similarity) }
    }
    /// The station's settings (time zone, dayparts, weights, similarity).
    public var settings: StationSettings {
        didSet {
            zone = settings.timeZone
            similarIndex = DJ.similarIndex(catalog, settings.similarity)
        }
    }
    /// The station's time zone, resolved once: looking it up by name on every pick was a visible share of
    /// a request.
    private var zone: TimeZone
    /// For each genre name, the catalog genre ids that list it as similar (rebuilt when the catalog or the
    /// settings change).
    private var similarIndex: [String: [Int32]]
    /// Reusable per-request storage, shared by this DJ's copies (each request takes its own; see ``ScratchPool``).
    let scratchPool = ScratchPool()

    /// Whether ranking may skip genres whose best possible score cannot reach the kept set (exact:
    /// the answer is identical either way; off only for comparisons and benchmarks).
    public var pruning = true

    /// Catalogs smaller than this are always scanned whole (pruning would not pay for its set-up).
    public static let pruningMinimumTracks = 4096

    /// How many candidates beyond the familiar top K feed the discovery draw.
    public static let discoveryPoolSize = 300

    /// Creates a DJ over `catalog` with `settings`.
    public init(catalog: Catalog, settings: StationSettings) {
        self.catalog = catalog
        self.settings = settings
        self.zone = settings.timeZone
        self.similarIndex = DJ.similarIndex(catalog, settings.similarity)
    }

    /// Genre name → catalog genre ids `g` with the name in `similarity.similar(to: name of g)`.
    static func similarIndex(_ catalog: Catalog, _ similarity: SimilarityMap) -> [String: [Int32]] {
        var index: [String: [Int32]] = [:]
        for (id, name) in catalog.genres.names.enumerated() {
            for other in similarity.similar(to: name) { index[other, default: []].append(Int32(id)) }
        }
        return index
    }

    /// The daypart in force at `date` in the station's time zone.
    public func daypart(at date: Date) -> Daypart { settings.daypart(at: date, in: zone) }

    /// The profile the DJ scores with at `date` (daypart blended in with the station's context weight).
    public func effectiveProfile(_ profile: Profile, at date: Date) -> EffectiveProfile {
        EffectiveProfile(profile, daypart: daypart(at: date), contextWeight: settings.contextWeight)
    }

    /// The contract score of the track at `index` for `profile` at `date` (0 for a removed or unknown index).
    ///
    /// Builds the per-request table each call: use ``recommend(_:)`` to rank many tracks.
    public func score(_ index: Int, for profile: Profile, at date: Date) -> Double {
        score(index, for: effectiveProfile(profile, at: date))
    }

    /// The contract score of the track at `index` for an already-blended profile.
    public func score(_ index: Int, for profile: EffectiveProfile) -> Double {
        guard catalog.track(at: index) != nil else { return 0 }
        return table(for: profile).score(catalog, index)
    }

    func table(for profile: EffectiveProfile) -> ScoringTable {
        ScoringTable(catalog: catalog, profile: profile, weights: settings.weights, similarIndex: similarIndex)
    }

    /// The table for `profile` in `scratch`'s arrays (give them back with ``ScoringTable/reset(into:)``).
    func table(for profile: EffectiveProfile, scratch: inout RequestScratch) -> ScoringTable {
        ScoringTable(catalog: catalog, profile: profile, weights: settings.weights, similarIndex: similarIndex,
                     scratch: &scratch)
    }

    /// The best `capacity` live, non-excluded slots, best first (ties by catalog order).
    func rank(_ table: ScoringTable, capacity: Int, excluded: SlotMarks, scratch: inout RequestScratch) -> [Scored] {
        if pruning, catalog.count >= DJ.pruningMinimumTracks {
            return rankPruned(table, capacity: capacity, excluded: excluded, scratch: &scratch)
        }
        return rankAll(table, capacity: capacity, excluded: excluded, scratch: &scratch)
    }

    /// Scans every slot in catalog order.
    func rankAll(_ table: ScoringTable, capacity: Int, excluded: SlotMarks, scratch: inout RequestScratch) -> [Scored] {
        guard capacity > 0 else { return [] }
        var top = TopK(capacity: capacity, reusing: scratch.buffer, bucketed: true)
        scratch.buffer = []
        let n = catalog.count
        // The loop reads the bit set unchecked: it must cover every slot (RequestScratch.fit does).
        precondition(excluded.words.count * 64 >= n, "exclusion marks do not cover the catalog")
        let eW = table.energyWeight, eT = table.energyTarget
        table.genreTerm.withUnsafeBufferPointer { gT in
        table.artistTerm.withUnsafeBufferPointer { aT in
        table.moodTerm.withUnsafeBufferPointer { mT in
        table.tempoTerm.withUnsafeBufferPointer { tT in
        catalog.genreIDs.withUnsafeBufferPointer { g in
        catalog.artistIDs.withUnsafeBufferPointer { a in
        catalog.moodIDs.withUnsafeBufferPointer { m in
        catalog.tempos.withUnsafeBufferPointer { t in
        catalog.energies.withUnsafeBufferPointer { e in
        catalog.alive.withUnsafeBufferPointer { live in
        excluded.words.withUnsafeBufferPointer { x in
            var threshold = top.threshold, floor = top.floor
            for i in 0..<n {
                // Same expression, same order as ScoringTable.score, so both give identical doubles.
                let s = gT[Int(g[i])] + aT[Int(a[i])] + eW * (1 - abs(e[i] - eT)) + tT[Int(t[i])] + mT[Int(m[i])]
                // Items come in index order: an equal score never displaces a kept (earlier) item, but one
                // equal to the floor (a lower bound, not a kept item's score) can still make the cut.
                guard s > threshold, s >= floor else { continue }
                guard live[i], x[i >> 6] & (1 << UInt64(i & 63)) == 0 else { continue }
                top.offer(Scored(score: s, index: i))
                threshold = top.threshold
                floor = top.floor
            }
        }}}}}}}}}}}
        return top.finish()
    }
}
