import AirwaveAPI
import ArgumentParser
import Foundation

/// `airwavectl queue STATION USER`: now playing, then up next with scores and reasons.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Show a listener's queue.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id.") var station: String
    @Argument(help: "User id.") var user: String

    func run() throws {
        let session = global.session()
        let queue = try session.client.get(QueueView.self,
                                           "/stations/\(station.pathSegment)/listeners/\(user.pathSegment)/queue")
        try session.emit(queue) { Self.render(queue) }
    }

    static func render(_ queue: QueueView) -> String {
        var text = "\(queue.userID) on \(queue.stationID)\n"
        if let playing = queue.nowPlaying {
            let track = playing.track.track
            let remaining = max(0, track.duration - playing.positionSeconds)
            text += "now playing: \(track.artist) – \(track.title) [\(track.genre)]  "
                + "\(Format.duration(playing.positionSeconds)) / \(Format.duration(track.duration)) "
                + "(\(Format.duration(remaining)) left)\n"
            if let reason = playing.track.reasons?.first { text += "             \(reason)\n" }
        } else {
            text += queue.paused ? "paused\n" : "nothing playing\n"
        }
        text += "\nup next:\n"
        text += RankedTable.render(queue.upNext)
        return text
    }
}

/// Ranked tracks as a table: position, score, a `*` for discovery picks, the track and its reasons.
enum RankedTable {
    static func render(_ tracks: [RankedTrack]) -> String {
        var table = Table(["#", "SCORE", "D", "ARTIST", "TITLE", "GENRE", "REASONS"], rightAligned: [0, 1])
        for (i, ranked) in tracks.enumerated() {
            table.add(["\(i + 1)", ranked.score.map { Format.number($0, digits: 3) } ?? "-",
                       ranked.discovery == true ? "*" : "", Format.clip(ranked.track.artist, 28),
                       Format.clip(ranked.track.title, 36), ranked.track.genre,
                       (ranked.reasons ?? []).joined(separator: "; ")])
        }
        return table.render() + (tracks.contains { $0.discovery == true } ? "(* discovery pick)\n" : "")
    }
}
