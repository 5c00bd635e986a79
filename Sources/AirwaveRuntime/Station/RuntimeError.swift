/// Why the runtime refused a request; the daemon maps each case to an HTTP status.
public enum RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownStation(String)
    case stationExists(String)
    case unknownListener(station: String, user: String)
    case unknownTrack(station: String, track: String)
    case noProfile(String)
    case emptyCatalog(String)

    public var description: String {
        switch self {
        case .unknownStation(let id): return "station \(id) does not exist"
        case .stationExists(let id): return "station \(id) already exists"
        case .unknownListener(let station, let user): return "user \(user) is not listening to station \(station)"
        case .unknownTrack(let station, let track): return "track \(track) is not in the catalog of station \(station)"
        case .noProfile(let user): return "user \(user) has no profile"
        case .emptyCatalog(let id): return "station \(id) has no tracks to play"
        }
    }
}
