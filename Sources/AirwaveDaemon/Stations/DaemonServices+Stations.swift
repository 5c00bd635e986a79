import AirwaveCore
import AirwaveRuntime
import AirwaveStore
import Foundation

extension DaemonServices {
    /// Starts the stations from files and from the database, then restores their listeners.
    /// Problems with single stations are logged; the good ones still start.
    public func startStations() throws(StoreError) {
        let load = StationFileLoader.load(directory: config.stationsDir)
        for problem in load.problems { log("stations: \(problem)") }
        let records = try store.loadStations()
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var fileIDs = Set<String>()
        for file in load.stations {
            fileIDs.insert(file.settings.id)
            do {
                try runtime.addStation(file.settings, catalog: file.catalog)
                log("station \(file.settings.id): \(file.catalog.liveCount) tracks from \(config.stationsDir)")
            } catch {
                log("stations: \(file.settings.id): \(error)")
                continue
            }
            syncInBackground(file, known: byID[file.settings.id])
        }
        fileStations.withLock { $0 = fileIDs }
        for record in records where record.source == .api && !fileIDs.contains(record.id) {
            do {
                let settings = try StationSettings.decode(json: Array(record.settings))
                let catalog = try Catalog(tracks: try store.loadTracks(stationID: record.id))
                try runtime.addStation(settings, catalog: catalog)
                log("station \(record.id): \(catalog.liveCount) tracks from the database")
            } catch {
                log("stations: \(record.id) could not be started: \(error)")
            }
        }
        // Weights learned from the log replace the configured ones (DECISIONS 22).
        for (id, weights) in try store.fittedWeights() {
            guard let station = try? runtime.station(id) else { continue }
            var settings = station.settings
            settings.weights = weights
            _ = runtime.replaceStation(settings, catalog: station.dj.catalog)
            log("station \(id): using weights fitted from its playlist log")
        }
        for station in runtime.allStations() { try restoreListeners(of: station) }
    }

    /// Puts a station's saved listeners back (DECISIONS 9), reading their profiles, overrides, recent likes
    /// and recent plays a chunk of listeners at a time (one query per kind, not four per listener).
    func restoreListeners(of station: StationRuntime) throws(StoreError) {
        let now = runtime.clock.now()
        let catalog = station.dj.catalog
        let records = try store.loadListeners(stationID: station.id)
        for start in stride(from: 0, to: records.count, by: Store.restoreChunk) {
            let chunk = records[start..<min(records.count, start + Store.restoreChunk)]
            let users = chunk.map(\.userID)
            let snapshots = try store.profiles(userIDs: users)
            let overrides = try store.overrides(userIDs: users)
            // Recent likes live in memory (reasons, the collaborative term): take them back from the log.
            let likes = try store.recentLikes(userIDs: users, scan: 200, limit: 10)
            let plays = try store.recentPlays(stationID: station.id, userIDs: users, limit: 50)
            for record in chunk {
                if let snapshot = snapshots[record.userID] {
                    runtime.profiles.update(record.userID, to: VersionedProfile(profile: snapshot.profile, version: snapshot.version))
                    runtime.profiles.setOverrides(record.userID, overrides[record.userID] ?? .none)
                }
                for trackID in (likes[record.userID] ?? []).reversed() {
                    if let index = catalog.index(of: trackID), let track = catalog.track(at: index) {
                        runtime.profiles.noteLike(record.userID, track: track)
                    }
                }
                let history = (plays[record.userID] ?? []).reversed().map { (trackID: $0.trackID, at: $0.endedAt) }
                var nowPlaying: (trackID: String, startedAt: Date, endsAt: Date)?
                if let id = record.nowPlayingTrackID, let start = record.nowPlayingStartedAt, let end = record.nowPlayingEndsAt {
                    nowPlaying = (id, start, end)
                }
                let state = ListenerState(stationID: station.id, userID: record.userID, joinedAt: record.joinedAt,
                                          paused: record.paused, nowPlaying: nowPlaying, upNext: record.upNext,
                                          discoveryCarry: record.discoveryCarry)
                station.restore(state, history: history, now: now)
            }
        }
        let count = station.listenerCount
        if count > 0 { log("station \(station.id): \(count) listeners restored") }
    }

    /// Records a file station in PostgreSQL at once (listeners and plays refer to it), and copies its
    /// tracks there in the background when the CSV changed: the station serves from memory meanwhile
    /// (DECISIONS 13).
    func syncInBackground(_ file: StationFile, known: StationRecord?) {
        let store = self.store
        let log = self.log
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(file.settings) else { return }
        let tracksChanged = known?.catalogHash != file.catalogHash
        do {
            // The hash is recorded only once the tracks are in: an interrupted copy is retried next start.
            try store.saveStation(StationRecord(id: file.settings.id, name: file.settings.name, settings: json,
                                                source: .file, catalogHash: tracksChanged ? nil : file.catalogHash))
        } catch {
            log("station \(file.settings.id): could not be recorded in the database: \(error)")
            return
        }
        guard tracksChanged else { return }
        let thread = Thread {
            do {
                try store.upsertTracks(stationID: file.settings.id, file.catalog.liveTracks)
                try store.saveStation(StationRecord(id: file.settings.id, name: file.settings.name, settings: json,
                                                    source: .file, catalogHash: file.catalogHash))
                log("station \(file.settings.id): \(file.catalog.liveCount) tracks copied to the database")
            } catch {
                log("station \(file.settings.id): copying tracks to the database failed (will retry on next start): \(error)")
            }
        }
        thread.name = "airwave-sync-\(file.settings.id)"
        thread.start()
    }

    /// Re-reads the station files (SIGHUP): new files start, changed ones restart with their listeners,
    /// removed ones stop.
    public func reloadStationFiles() {
        let load = StationFileLoader.load(directory: config.stationsDir)
        for problem in load.problems { log("reload: \(problem)") }
        let previous = fileStations.withLock { $0 }
        let known = (try? store.loadStations()).map { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        var current = Set<String>()
        for file in load.stations {
            current.insert(file.settings.id)
            let running = try? runtime.station(file.settings.id)
            if let running, !previous.contains(file.settings.id) {
                log("reload: station \(file.settings.id) exists already (created over HTTP); file ignored")
                _ = running
                continue
            }
            let record = known[file.settings.id]
            let unchanged = running != nil && record?.catalogHash == file.catalogHash && running!.settings == file.settings
            if unchanged { continue }
            _ = runtime.replaceStation(file.settings, catalog: file.catalog)
            log("reload: station \(file.settings.id) (re)started with \(file.catalog.liveCount) tracks")
            syncInBackground(file, known: record)
        }
        for gone in previous.subtracting(current) {
            try? runtime.removeStation(gone)
            try? store.deleteStation(id: gone)
            log("reload: station \(gone) removed (its file is gone)")
        }
        fileStations.withLock { $0 = current }
    }

    /// Deletes plays older than the retention period in small batches; returns how many went.
    @discardableResult
    public func prunePlays() -> Int {
        let cutoff = Date().addingTimeInterval(-Double(config.playRetentionDays) * 86_400)
        var total = 0
        while let removed = try? store.prunePlays(before: cutoff, batchSize: 1000), removed > 0 {
            total += removed
        }
        if total > 0 { log("retention: \(total) plays older than \(config.playRetentionDays) days pruned") }
        return total
    }
}
