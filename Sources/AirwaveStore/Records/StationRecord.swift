import Foundation

/// A station row: identity, the operator's station JSON, and where it came from.
public struct StationRecord: Sendable, Hashable {
    /// Where a station is defined: a file in the stations directory, or the HTTP API.
    public enum Source: String, Sendable, Hashable, Codable { case file, api }

    /// Station id (1–128 characters of `[A-Za-z0-9._:-]`).
    public var id: String
    /// Display name.
    public var name: String
    /// The station JSON document as given (stored as jsonb; must be a JSON object or array).
    public var settings: Data
    /// Whether a file or the API defines this station.
    public var source: Source
    /// Content hash of the CSV a file station was loaded from; tracks re-sync only when it changes.
    public var catalogHash: String?
    /// When the station was first saved (set by the store).
    public var createdAt: Date?

    /// Creates a record; `createdAt` is filled in by the store.
    public init(id: String, name: String, settings: Data, source: Source, catalogHash: String? = nil, createdAt: Date? = nil) {
        self.id = id
        self.name = name
        self.settings = settings
        self.source = source
        self.catalogHash = catalogHash
        self.createdAt = createdAt
    }
}
