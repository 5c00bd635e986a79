import Foundation

/// Which of a user's events a redaction covers: exactly one of ids, a time range `[from, to)`, or a station.
public struct RedactionSelector: Codable, Sendable, Hashable {
    public var interactionIDs: [Int64]?
    public var from: Date?
    public var to: Date?
    public var stationID: String?

    enum CodingKeys: String, CodingKey { case interactionIDs = "interaction_ids", from, to, stationID = "station_id" }

    /// Creates a selector; ``validate()`` checks it picks exactly one way.
    public init(interactionIDs: [Int64]? = nil, from: Date? = nil, to: Date? = nil, stationID: String? = nil) {
        self.interactionIDs = interactionIDs
        self.from = from
        self.to = to
        self.stationID = stationID
    }

    /// Exactly one of `interaction_ids`, `from`+`to`, `station_id`; the error names the field.
    public func validate() throws(StoreError) {
        let ways = [interactionIDs != nil, from != nil || to != nil, stationID != nil].filter { $0 }.count
        guard ways == 1 else {
            throw StoreError(.invalidValue, context: "give exactly one of interaction_ids, from and to, or station_id")
        }
        if let ids = interactionIDs {
            guard !ids.isEmpty, ids.count <= 10_000 else { throw StoreError(.invalidValue, context: "interaction_ids must hold 1 to 10000 ids") }
        }
        if from != nil || to != nil {
            guard let from, let to, from < to else { throw StoreError(.invalidValue, context: "from and to are both needed, with from < to") }
        }
        if let stationID { try Store.checkID(stationID, field: "station_id") }
    }
}

/// What a redaction (or its undo) did.
public struct RedactionResult: Sendable, Hashable {
    public var redactionID: Int64
    /// Events marked (or, for an undo, unmarked).
    public var events: Int
    public var snapshot: ProfileSnapshot
}
