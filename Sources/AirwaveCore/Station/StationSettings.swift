import Foundation

/// Everything a station file says about how its DJ behaves: identity, time of day, scoring and queue size.
///
/// Decoding checks every value and throws a ``ValidationError`` naming the field as written in the JSON
/// (for example `dayparts[2].energy`). Keys: `id`, `name`, `timezone`, `context_weight`, `dayparts`,
/// `weights`, `similarity`, `queue_size`, `catalog`, `transition`; all but `id` have defaults.
public struct StationSettings: Codable, Sendable, Hashable {
    /// Station id: 1–128 characters of `[A-Za-z0-9._:-]`.
    public var id: String
    /// Human-readable name (defaults to the id).
    public var name: String
    /// IANA time zone name whose wall clock picks the daypart (default "UTC").
    public var timezone: String
    /// How strongly the daypart pulls the listener's energy and moods, in [0, 1] (default 0.3).
    public var contextWeight: Double
    /// Dayparts covering the whole day exactly once (default morning/afternoon/evening/night).
    public var dayparts: [Daypart]
    /// Score weights (default 0.30/0.25/0.20/0.15/0.10).
    public var weights: ScoringWeights
    /// Similar-genre map for partial genre credit (default the contract's map).
    public var similarity: SimilarityMap
    /// Tracks kept in each listener's up-next queue, 1…200 (default 10).
    public var queueSize: Int
    /// CSV file name of the station's catalog, relative to the station file, if any.
    public var catalog: String?
    /// Transition mode for the queue (nil or disabled: plain smart shuffle).
    public var transition: TransitionSettings?

    enum CodingKeys: String, CodingKey {
        case id, name, timezone, dayparts, weights, similarity, catalog, transition
        case contextWeight = "context_weight"
        case queueSize = "queue_size"
    }

    /// Creates settings after checking every value; the error names the offending field.
    public init(
        id: String, name: String? = nil, timezone: String = "UTC", contextWeight: Double = 0.3,
        dayparts: [Daypart] = Daypart.defaults, weights: ScoringWeights = .default,
        similarity: SimilarityMap = .default, queueSize: Int = 10, catalog: String? = nil,
        transition: TransitionSettings? = nil
    ) throws(ValidationError) {
        self.id = id
        self.name = name ?? id
        self.timezone = timezone
        self.contextWeight = contextWeight
        self.dayparts = dayparts
        self.weights = weights
        self.similarity = similarity
        self.queueSize = queueSize
        self.catalog = catalog
        self.transition = transition
        try validate()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        var parts = Daypart.defaults
        if c.contains(.dayparts) {
            var list = try c.nestedUnkeyedContainer(forKey: .dayparts)
            parts = []
            while !list.isAtEnd {
                let index = list.currentIndex
                do {
                    parts.append(try Daypart(from: try list.superDecoder()))
                } catch let error as ValidationError {
                    throw ValidationError(field: "dayparts[\(index)].\(error.field)", error.message)
                }
            }
        }
        try self.init(
            id: id,
            name: try c.decodeIfPresent(String.self, forKey: .name),
            timezone: try c.decodeIfPresent(String.self, forKey: .timezone) ?? "UTC",
            contextWeight: try c.decodeIfPresent(Double.self, forKey: .contextWeight) ?? 0.3,
            dayparts: parts,
            weights: try c.decodeIfPresent(ScoringWeights.self, forKey: .weights) ?? .default,
            similarity: try c.decodeIfPresent(SimilarityMap.self, forKey: .similarity) ?? .default,
            queueSize: try c.decodeIfPresent(Int.self, forKey: .queueSize) ?? 10,
            catalog: try c.decodeIfPresent(String.self, forKey: .catalog),
            transition: try c.decodeIfPresent(TransitionSettings.self, forKey: .transition))
    }

    /// Checks every field; dayparts must cover all 24 hours with no overlap.
    public func validate() throws(ValidationError) {
        try Validate.identifier(id, field: "id")
        guard !name.isEmpty, name.count <= 200 else { throw ValidationError(field: "name", "must be 1-200 characters") }
        try Validate.text(name, field: "name")
        guard TimeZone(identifier: timezone) != nil else {
            throw ValidationError(field: "timezone", "must be an IANA time zone name such as Europe/Berlin (got \"\(timezone.prefix(64))\")")
        }
        try Validate.unit(contextWeight, field: "context_weight")
        try weights.validate()
        guard (1...200).contains(queueSize) else {
            throw ValidationError(field: "queue_size", "must be between 1 and 200 (got \(queueSize))")
        }
        if let catalog {
            guard !catalog.isEmpty, catalog.utf8.count <= 255, !catalog.contains("/"), catalog != "..", catalog != "." else {
                throw ValidationError(field: "catalog", "must be a plain file name next to the station file (got \"\(catalog.prefix(64))\")")
            }
        }
        try transition?.validate()
        try Self.checkCoverage(dayparts)
    }

    /// Every minute of the day must fall in exactly one daypart.
    static func checkCoverage(_ parts: [Daypart]) throws(ValidationError) {
        guard !parts.isEmpty else { throw ValidationError(field: "dayparts", "must not be empty") }
        var seen = Set<String>()
        for (i, part) in parts.enumerated() where !seen.insert(part.name).inserted {
            throw ValidationError(field: "dayparts[\(i)].name", "duplicates the daypart name \"\(part.name)\"")
        }
        var owner = [Int](repeating: -1, count: 1440)
        for (i, part) in parts.enumerated() {
            for minute in 0..<1440 where part.contains(minuteOfDay: minute) {
                if owner[minute] >= 0 {
                    throw ValidationError(field: "dayparts[\(i)]", "overlaps \"\(parts[owner[minute]].name)\" at \(ClockTime(minutes: minute))")
                }
                owner[minute] = i
            }
        }
        if let gap = owner.firstIndex(of: -1) {
            throw ValidationError(field: "dayparts", "must cover the whole day; \(ClockTime(minutes: gap)) is in no daypart")
        }
    }

    /// The station's time zone (validated at creation, so never nil in practice).
    public var timeZone: TimeZone { TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0)! }
}
