/// One recording in a station's catalog, with the fields the DJ scores on.
public struct Track: Codable, Sendable, Hashable {
    /// Unique within a station; 1–128 characters of `[A-Za-z0-9._:-]`.
    public var trackID: String
    public var title: String
    public var artist: String
    public var genre: String
    public var mood: String
    /// Perceived intensity in [0, 1].
    public var energy: Double
    public var tempo: Tempo
    /// Length in seconds, > 0.
    public var duration: Double
    public var album: String?
    public var year: Int?
    /// Musical key in standard notation (C, F#m, Bb) or Camelot (8A).
    public var key: String?
    public var bpm: Double?
    public var uri: String?

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", title, artist, genre, mood, energy, tempo, duration, album, year, key, bpm, uri
    }

    /// Creates a track after checking every field; the error names the first bad field.
    public init(
        trackID: String, title: String, artist: String, genre: String, mood: String,
        energy: Double, tempo: Tempo, duration: Double,
        album: String? = nil, year: Int? = nil, key: String? = nil, bpm: Double? = nil, uri: String? = nil
    ) throws(ValidationError) {
        self.trackID = trackID
        self.title = title
        self.artist = artist
        self.genre = genre
        self.mood = mood
        self.energy = energy
        self.tempo = tempo
        self.duration = duration
        self.album = album
        self.year = year
        self.key = key
        self.bpm = bpm
        self.uri = uri
        try validate()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trackID = try c.decode(String.self, forKey: .trackID)
        title = try c.decode(String.self, forKey: .title)
        artist = try c.decode(String.self, forKey: .artist)
        genre = try c.decode(String.self, forKey: .genre)
        mood = try c.decode(String.self, forKey: .mood)
        energy = try c.decode(Double.self, forKey: .energy)
        tempo = try c.decode(Tempo.self, forKey: .tempo)
        duration = try c.decode(Double.self, forKey: .duration)
        album = try c.decodeIfPresent(String.self, forKey: .album)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        key = try c.decodeIfPresent(String.self, forKey: .key)
        bpm = try c.decodeIfPresent(Double.self, forKey: .bpm)
        uri = try c.decodeIfPresent(String.self, forKey: .uri)
        try validate()
    }

    /// Checks the invariants documented on each field.
    public func validate() throws(ValidationError) {
        try Validate.identifier(trackID, field: "track_id")
        try Validate.name(title, field: "title")
        try Validate.name(artist, field: "artist")
        try Validate.name(genre, field: "genre", limit: 128)
        try Validate.name(mood, field: "mood", limit: 128)
        try Validate.unit(energy, field: "energy")
        guard duration.isFinite, duration > 0, duration <= 86_400 else {
            throw ValidationError(field: "duration", "must be a number of seconds > 0 and <= 86400 (got \(duration))")
        }
        if let album {
            guard album.count <= 512 else { throw ValidationError(field: "album", "must be at most 512 characters") }
            try Validate.text(album, field: "album")
        }
        if let year { guard (0...9999).contains(year) else { throw ValidationError(field: "year", "must be between 0 and 9999") } }
        if let key {
            guard key.count <= 16 else { throw ValidationError(field: "key", "must be at most 16 characters") }
            try Validate.text(key, field: "key")
        }
        if let bpm { guard bpm.isFinite, bpm > 0, bpm <= 400 else { throw ValidationError(field: "bpm", "must be a number > 0 and <= 400") } }
        if let uri {
            guard uri.count <= 2048 else { throw ValidationError(field: "uri", "must be at most 2048 characters") }
            try Validate.text(uri, field: "uri")
        }
    }
}
