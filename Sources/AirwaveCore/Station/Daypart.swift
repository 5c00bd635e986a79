/// A named stretch of the local day with the energy and moods the station leans toward then.
///
/// `start` is inclusive and `end` exclusive; a daypart whose end is not after its start wraps midnight
/// (night 22:00–06:00).
public struct Daypart: Codable, Sendable, Hashable {
    /// Name shown in playlists and reasons ("evening").
    public var name: String
    /// First minute of the daypart (inclusive).
    public var start: ClockTime
    /// Minute the next daypart begins (exclusive); 24:00 means midnight.
    public var end: ClockTime
    /// Target energy in [0, 1] blended into the listener's energy.
    public var energy: Double
    /// Mood → weight in [0, 1] blended into the listener's moods.
    public var moods: [String: Double]

    /// Creates a daypart after checking it; errors name the field relative to the daypart.
    public init(name: String, start: String, end: String, energy: Double, moods: [String: Double]) throws(ValidationError) {
        guard let s = ClockTime(parsing: start), s.minutes < 1440 else {
            throw ValidationError(field: "start", "must be a time \"HH:MM\" from 00:00 to 23:59 (got \"\(start.prefix(20))\")")
        }
        guard let e = ClockTime(parsing: end) else {
            throw ValidationError(field: "end", "must be a time \"HH:MM\" from 00:00 to 24:00 (got \"\(end.prefix(20))\")")
        }
        try self.init(name: name, start: s, end: e, energy: energy, moods: moods)
    }

    /// Creates a daypart from parsed times after checking name, times, energy and moods.
    public init(name: String, start: ClockTime, end: ClockTime, energy: Double, moods: [String: Double]) throws(ValidationError) {
        guard !name.isEmpty, name.utf8.count <= 64 else { throw ValidationError(field: "name", "must be 1-64 characters") }
        try Validate.text(name, field: "name")
        guard start.minutes != end.minutes else {
            throw ValidationError(field: "end", "must differ from start (\(start))")
        }
        try Validate.unit(energy, field: "energy")
        for (mood, weight) in moods {
            guard !mood.isEmpty else { throw ValidationError(field: "moods", "mood names must not be empty") }
            try Validate.name(mood, field: "moods key", limit: 128)
            try Validate.unit(weight, field: "moods.\(mood)")
        }
        self.name = name
        self.start = start
        self.end = end
        self.energy = energy
        self.moods = moods
    }

    /// Whether the local minute-of-day `minute` (0…1439) falls in this daypart.
    public func contains(minuteOfDay minute: Int) -> Bool {
        let s = start.minutes % 1440, e = end.minutes % 1440
        return s < e ? (minute >= s && minute < e) : (minute >= s || minute < e)
    }

    /// The contract's four defaults: morning, afternoon, evening, night.
    public static let defaults: [Daypart] = [
        try! Daypart(name: "morning", start: "06:00", end: "12:00", energy: 0.6, moods: ["upbeat": 0.8]),
        try! Daypart(name: "afternoon", start: "12:00", end: "18:00", energy: 0.7, moods: ["energetic": 0.7]),
        try! Daypart(name: "evening", start: "18:00", end: "22:00", energy: 0.5, moods: ["mellow": 0.7]),
        try! Daypart(name: "night", start: "22:00", end: "06:00", energy: 0.3, moods: ["calm": 0.8]),
    ]

    enum CodingKeys: String, CodingKey { case name, start, end, energy, moods }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(name: try c.decode(String.self, forKey: .name),
                      start: try c.decode(String.self, forKey: .start),
                      end: try c.decode(String.self, forKey: .end),
                      energy: try c.decode(Double.self, forKey: .energy),
                      moods: try c.decodeIfPresent([String: Double].self, forKey: .moods) ?? [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(start.description, forKey: .start)
        try c.encode(end.description, forKey: .end)
        try c.encode(energy, forKey: .energy)
        try c.encode(moods, forKey: .moods)
    }
}
