import AirwaveCore
import AirwaveRuntime
import Foundation

/// `scheduler`: many listeners over many stations on a sped-up clock, with plays batched in memory
/// (``BatchingJournal``): join time, RSS per listener, CPU use and lateness of track changes.
enum SchedulerBench {
    static func run(_ options: Options) throws {
        let listenerCount = try options.int("listeners", default: 100_000)
        let stationCount = try options.int("stations", default: 20)
        let tracksPerStation = try options.int("tracks", default: 5_000)
        let speed = Double(try options.int("speed", default: 60))
        let wallSeconds = try options.int("seconds", default: 600)
        // Picks kept hidden behind each queue so refills come in batches; -1 = the runtime's default.
        let reserve = try options.int("reserve", default: -1)
        let threads = try options.int("threads", default: 1)

        ProcessStats.trim()
        let rssStart = ProcessStats.rssKB()
        let journal = BatchingJournal()
        let clock = SystemClock(speed: speed)
        // Players send heartbeats; the bench has none, so the idle timeout is set beyond the run.
        let runtime = RadioRuntime(clock: clock, journal: journal, options: RuntimeOptions(
            idleTimeout: 1e9, queueReserve: reserve < 0 ? nil : reserve, schedulerThreads: threads))
        var stations: [StationRuntime] = []
        for s in 0..<stationCount {
            let settings = try StationSettings(id: "bench-\(s)", timezone: "Europe/Berlin")
            let catalog = try Catalog(tracks: SyntheticCatalog.tracks(count: tracksPerStation, seed: 100 + UInt64(s)))
            stations.append(try runtime.addStation(settings, catalog: catalog))
        }
        ProcessStats.trim()
        let rssStations = ProcessStats.rssKB()
        note("scheduler: \(stationCount) stations × \(tracksPerStation) tracks; RSS \(rssStations / 1024) MiB")

        // Listeners with varied tastes: 3 genres, 5 artists, 2 moods, their own energy and tempo.
        var random = SeededRandom(seed: 7)
        let styles = SyntheticCatalog.styles
        for i in 0..<listenerCount {
            var genres: [String: Double] = [:], artists: [String: Double] = [:], moods: [String: Double] = [:]
            for _ in 0..<3 {
                let style = styles[Int(random.next() % UInt64(styles.count))]
                genres[style.name] = 0.5 + random.nextUnit() / 2
                moods[style.moods[Int(random.next() % UInt64(style.moods.count))]] = 0.4 + random.nextUnit() / 2
            }
            for _ in 0..<5 { artists["Artist \(1 + random.next() % UInt64(max(40, tracksPerStation / 25)))"] = random.nextUnit() }
            let profile = try Profile(genres: genres, artists: artists, moods: moods, energyLevel: random.nextUnit(),
                                      tempoPreference: [.slow, .medium, .fast, .varied][Int(random.next() % 4)],
                                      discoveryFactor: .fixed(0.2), totalInteractions: 0)
            runtime.profiles.update("user-\(i)", to: VersionedProfile(profile: profile, version: 1))
        }
        ProcessStats.trim()
        let rssProfiles = ProcessStats.rssKB()

        // The scheduler runs while listeners join, as in production (joins arrive while others play on).
        let writer = Thread { journal.run() }
        writer.name = "bench-journal"
        writer.start()
        runtime.startScheduler()
        let joinStart = ContinuousClock.now
        let cpuJoinStart = ProcessStats.cpuSeconds()
        for i in 0..<listenerCount {
            try stations[i % stationCount].join(userID: "user-\(i)", now: clock.now())
        }
        let joinSeconds = seconds(since: joinStart)
        let joinCPU = ProcessStats.cpuSeconds() - cpuJoinStart
        ProcessStats.trim()
        let rssJoined = ProcessStats.rssKB()
        let perListener = Double(rssJoined - rssProfiles) * 1024 / Double(listenerCount)
        let perProfile = Double(rssProfiles - rssStations) * 1024 / Double(listenerCount)
        note("scheduler: joined \(listenerCount) in \(fixed(joinSeconds)) s; RSS \(rssJoined / 1024) MiB")

        let playsBefore = journal.plays.load(ordering: .relaxed)
        let runStart = ContinuousClock.now
        let cpuStart = ProcessStats.cpuSeconds()
        let latenessAtStart = runtime.scheduler.latenessHistogram()
        var p99s: [Double] = [], maxes: [Double] = [], peakRSS = rssJoined
        var lastDispatched = 0
        while seconds(since: runStart) < Double(wallSeconds) {
            Thread.sleep(forTimeInterval: 1)
            let summary = runtime.scheduler.latenessSummary()
            // The window holds the last 4096 dispatches: sampling it each second gives per-second p99s.
            if summary.count > 0 { p99s.append(summary.p99); maxes.append(summary.max) }
            peakRSS = max(peakRSS, ProcessStats.rssKB())
            let elapsed = Int(seconds(since: runStart))
            if elapsed % 10 == 0 || elapsed >= wallSeconds {
                let played = journal.plays.load(ordering: .relaxed) - playsBefore
                note("scheduler: \(elapsed) s, \(played) plays (\(played - lastDispatched) since last note), p99 lateness \(fixed(summary.p99 * 1000 / speed, 1)) ms wall, CPU \(fixed((ProcessStats.cpuSeconds() - cpuStart) / seconds(since: runStart) * 100, 0))%, RSS \(ProcessStats.rssKB() / 1024) MiB")
                lastDispatched = played
            }
        }
        let wall = seconds(since: runStart)
        let cpu = ProcessStats.cpuSeconds() - cpuStart
        let run = runtime.scheduler.latenessHistogram().since(latenessAtStart)
        runtime.stopScheduler()
        journal.stop()
        journal.flush()
        let played = journal.plays.load(ordering: .relaxed) - playsBefore
        let sortedP99 = p99s.sorted()
        let medianP99 = sortedP99.isEmpty ? 0 : sortedP99[sortedP99.count / 2]
        let worstP99 = sortedP99.last ?? 0
        let worst = maxes.max() ?? 0
        let pending = runtime.scheduler.pendingCount

        print("| figure | value |")
        print("|---|---:|")
        print("| listeners / stations / tracks per station | \(listenerCount) / \(stationCount) / \(tracksPerStation) |")
        print("| scheduler threads | \(threads) |")
        print("| clock speed, wall seconds | \(Int(speed))×, \(fixed(wall, 0)) s |")
        let queueReserve = RuntimeOptions(queueReserve: reserve < 0 ? nil : reserve).queueReserve(forQueueSize: 10)
        print("| up-next refill: queue of 10 shown + hidden reserve | \(queueReserve) (one ranking per \(queueReserve + 1) track changes) |")
        print("| join \(listenerCount) listeners (first track + queue of 10 + reserve each) | \(fixed(joinSeconds)) s wall, \(fixed(joinCPU)) s CPU, \(Int(Double(listenerCount) / joinSeconds)) joins/s |")
        print("| RSS: start / stations / + profiles / + listeners joined / peak | \(rssStart / 1024) / \(rssStations / 1024) / \(rssProfiles / 1024) / \(rssJoined / 1024) / \(peakRSS / 1024) MiB |")
        print("| RSS per listener (queue of 10 + reserve, history, scheduler entry) | \(Int(perListener)) B |")
        print("| RSS per profile (profile book) | \(Int(perProfile)) B |")
        print("| track changes dispatched | \(played) (\(Int(Double(played) / wall))/s wall) |")
        print("| CPU use during the run | \(fixed(cpu / wall * 100, 0))% of one core (\(fixed(cpu, 1)) s CPU) |")
        print("| CPU per track change (scheduler and journal threads) | \(fixed(cpu / Double(max(1, played)) * 1e6, 1)) µs |")
        print("| lateness over every track change of the run: p50 / p99 / p99.9 (±2%) | \(fixed(run.quantile(0.5) * 1000 / speed, 1)) / **\(fixed(run.quantile(0.99) * 1000 / speed, 1))** / \(fixed(run.quantile(0.999) * 1000 / speed, 1)) ms wall (\(run.count) changes) |")
        print("| lateness p99, median of per-second samples | \(fixed(medianP99 * 1000 / speed, 1)) ms wall (\(fixed(medianP99, 2)) s station) |")
        print("| lateness p99, worst per-second sample | \(fixed(worstP99 * 1000 / speed, 1)) ms wall (\(fixed(worstP99, 2)) s station) |")
        print("| lateness max | \(fixed(worst * 1000 / speed, 1)) ms wall |")
        print("| journal batches, bytes encoded | \(journal.batches.load(ordering: .relaxed)), \(journal.bytes.load(ordering: .relaxed) / 1_048_576) MiB |")
        print("| heap entries at the end | \(pending) |")
    }
}
