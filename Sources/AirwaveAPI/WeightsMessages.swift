import AirwaveCore
import Foundation

/// The state of a station's weights fit (`POST /stations/{id}/weights/fit` runs it in the background).
public struct FitStatusView: Codable, Sendable, Equatable {
    /// `running`, `done`, `failed` or `insufficient_data`.
    public var status: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// Plays read from the log.
    public var plays: Int?
    /// The fit and its comparison with the default weights, once done.
    public var report: ChoiceFit?
    /// Why it failed or was not possible.
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case status, startedAt = "started_at", finishedAt = "finished_at", plays, report, message
    }

    /// Creates a status.
    public init(status: String, startedAt: Date, finishedAt: Date? = nil, plays: Int? = nil, report: ChoiceFit? = nil, message: String? = nil) {
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.plays = plays
        self.report = report
        self.message = message
    }
}

/// `GET /stations/{id}/weights`: the weights in force, the defaults, and the last fit.
public struct WeightsView: Codable, Sendable, Equatable {
    public var stationID: String
    public var weights: ScoringWeights
    public var defaultWeights: ScoringWeights
    public var fit: FitStatusView?

    enum CodingKeys: String, CodingKey { case stationID = "station_id", weights, defaultWeights = "default_weights", fit }

    /// Creates a view.
    public init(stationID: String, weights: ScoringWeights, defaultWeights: ScoringWeights, fit: FitStatusView?) {
        self.stationID = stationID
        self.weights = weights
        self.defaultWeights = defaultWeights
        self.fit = fit
    }
}
