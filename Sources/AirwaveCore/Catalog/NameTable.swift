/// Interns names (genres, artists, moods) as small dense integer ids so scoring indexes arrays.
///
/// Invariant: `names[id]` is the name whose id is `id`; ids are never reused or removed.
public struct NameTable: Sendable {
    /// The name of each id.
    public private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    /// An empty table.
    public init() {}

    /// The id of `name`, adding it when new.
    public mutating func intern(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// The id of `name`, or nil if no track ever used it.
    public func id(of name: String) -> Int32? { ids[name] }

    /// How many distinct names were interned.
    public var count: Int { names.count }
}
