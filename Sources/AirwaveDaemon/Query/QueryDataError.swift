/// A query data file that could not be read, naming the file.
public struct QueryDataError: Error, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// What was wrong with it.
    public var message: String

    /// "FILE: message".
    public var description: String { "\(file): \(message)" }
}
