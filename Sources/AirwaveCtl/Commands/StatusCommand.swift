import AirwaveAPI
import ArgumentParser

/// `airwavectl status`: version, uptime and stations at a glance.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the daemon's status.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = global.session()
        let status = try session.client.get(StatusView.self, "/status")
        try session.emit(status) { Self.render(status, url: session.client.baseURL) }
    }

    static func render(_ status: StatusView, url: String) -> String {
        var text = "airwaved \(status.version) at \(url)\n"
        text += "uptime \(Format.uptime(status.uptimeSeconds)), \(status.listeners) listener\(status.listeners == 1 ? "" : "s"), \(status.stations.count) station\(status.stations.count == 1 ? "" : "s")\n\n"
        var table = Table(["STATION", "NAME", "LISTENERS", "TRACKS"], rightAligned: [2, 3])
        for station in status.stations {
            table.add([station.id, station.name, "\(station.listeners)", "\(station.tracks)"])
        }
        return text + table.render()
    }
}
