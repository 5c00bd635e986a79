/// Which genres earn partial genre credit for each other: a map of parent genre → child genres.
///
/// Two genres are *similar* when they share an entry: one is the parent of the other, or both are
/// children of the same parent. A genre is never similar to itself. The relation is symmetric.
public struct SimilarityMap: Codable, Sendable, Hashable {
    /// Parent genre → its child genres, as written in the station file.
    public private(set) var children: [String: [String]]
    /// Genre → every genre similar to it (sorted, for stable reasons), derived from `children`.
    private var neighbours: [String: [String]]

    /// The contract's default map (rock, pop, jazz, classical, hip-hop, electronic, folk, metal).
    public static let `default` = SimilarityMap([
        "rock": ["alternative", "indie", "punk", "metal"],
        "pop": ["dance", "electronic", "indie-pop", "synth-pop"],
        "jazz": ["blues", "soul", "funk", "swing"],
        "classical": ["orchestral", "baroque", "romantic", "contemporary"],
        "hip-hop": ["rap", "trap", "r&b", "urban"],
        "electronic": ["techno", "house", "trance", "ambient"],
        "folk": ["acoustic", "country", "americana", "singer-songwriter"],
        "metal": ["hard-rock", "progressive", "death-metal", "black-metal"],
    ])

    /// A map with no similar genres at all (only exact genre matches score).
    public static let empty = SimilarityMap([:])

    /// Builds the map and its symmetric neighbour index.
    public init(_ children: [String: [String]]) {
        self.children = children
        var sets: [String: Set<String>] = [:]
        for (parent, kids) in children {
            for kid in kids where kid != parent {
                sets[parent, default: []].insert(kid)
                sets[kid, default: []].insert(parent)
                for sibling in kids where sibling != kid { sets[kid, default: []].insert(sibling) }
            }
        }
        neighbours = sets.mapValues { $0.sorted() }
    }

    /// Every genre similar to `genre` (parent, children and siblings), sorted by name.
    public func similar(to genre: String) -> [String] { neighbours[genre] ?? [] }

    /// Whether `a` and `b` share an entry of the map.
    public func areSimilar(_ a: String, _ b: String) -> Bool { similar(to: a).contains(b) }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.singleValueContainer().decode([String: [String]].self)
        guard map.count <= 1000 else { throw ValidationError(field: "similarity", "must have at most 1000 entries") }
        for (parent, kids) in map {
            guard !parent.isEmpty, kids.allSatisfy({ !$0.isEmpty }) else {
                throw ValidationError(field: "similarity", "genre names must not be empty")
            }
            try Validate.name(parent, field: "similarity key", limit: 128)
            for kid in kids { try Validate.name(kid, field: "similarity.\(parent.prefix(64))", limit: 128) }
        }
        self.init(map)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(children)
    }

    public static func == (lhs: SimilarityMap, rhs: SimilarityMap) -> Bool { lhs.children == rhs.children }
    public func hash(into hasher: inout Hasher) { hasher.combine(children) }
}
