import AirwaveAPI
import AirwaveStore
import Foundation
import Synchronization

/// Fans committed plays out to log followers and appends them to one JSON Lines file per station.
public final class PlayLogHub: Sendable {
    /// A follower: a station (and optionally one user) and what to do with each new entry.
    public struct Subscription: Sendable {
        let station: String
        let user: String?
        let deliver: @Sendable (PlayLogEntry) -> Void
    }

    private let subscribers = Mutex<[UInt64: Subscription]>([:])
    private let nextID = Atomic<UInt64>(1)
    private let logDirectory: String?
    private let files = Mutex<[String: FileHandle]>([:])

    /// Creates a hub; with a `logDirectory`, plays are also appended to `<dir>/<station>.jsonl`.
    public init(logDirectory: String?) {
        self.logDirectory = logDirectory
        if let logDirectory {
            try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        }
    }

    /// Registers a follower; returns the id to pass to ``unsubscribe(_:)``.
    public func subscribe(station: String, user: String?, deliver: @escaping @Sendable (PlayLogEntry) -> Void) -> UInt64 {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        subscribers.withLock { $0[id] = Subscription(station: station, user: user, deliver: deliver) }
        return id
    }

    /// Removes a follower.
    public func unsubscribe(_ id: UInt64) {
        _ = subscribers.withLock { $0.removeValue(forKey: id) }
    }

    /// Number of followers.
    public var followerCount: Int { subscribers.withLock { $0.count } }

    /// Publishes a committed batch, in commit order.
    public func publish(_ plays: [LoggedPlay]) {
        guard !plays.isEmpty else { return }
        let entries = plays.map(PlayLogHub.entry)
        appendToFiles(entries)
        let current = subscribers.withLock { Array($0.values) }
        for entry in entries {
            for s in current where s.station == entry.stationID && (s.user == nil || s.user == entry.userID) {
                s.deliver(entry)
            }
        }
    }

    /// Closes the log files (shutdown).
    public func close() {
        files.withLock { all in
            for handle in all.values { try? handle.close() }
            all.removeAll()
        }
    }

    /// The API's view of a logged play.
    public static func entry(_ play: LoggedPlay) -> PlayLogEntry {
        PlayLogEntry(seq: play.seq, stationID: play.stationID, userID: play.userID, trackID: play.trackID,
                     title: play.title, artist: play.artist, genre: play.genre, startedAt: play.startedAt,
                     endedAt: play.endedAt, outcome: play.outcome.rawValue, discovery: play.discovery,
                     score: play.score ?? 0, reasons: play.reasons, daypart: play.daypart ?? "")
    }

    private func appendToFiles(_ entries: [PlayLogEntry]) {
        guard let logDirectory else { return }
        let encoder = APIJSON.encoder()
        var byStation: [String: Data] = [:]
        for entry in entries {
            guard var line = try? encoder.encode(entry) else { continue }
            line.append(0x0A)
            byStation[entry.stationID, default: Data()].append(line)
        }
        files.withLock { all in
            for (station, data) in byStation {
                if all[station] == nil {
                    let path = (logDirectory as NSString).appendingPathComponent("\(station).jsonl")
                    if !FileManager.default.fileExists(atPath: path) {
                        _ = FileManager.default.createFile(atPath: path, contents: nil)
                    }
                    guard let handle = FileHandle(forWritingAtPath: path) else { continue }
                    _ = try? handle.seekToEnd()
                    all[station] = handle
                }
                try? all[station]?.write(contentsOf: data)
            }
        }
    }
}
