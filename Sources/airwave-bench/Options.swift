/// `--name value` pairs and bare positional arguments.
struct Options {
    var values: [String: String] = [:]
    var positional: [String] = []

    /// A usage mistake, said plainly.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(_ args: [String]) throws {
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg.hasPrefix("--") {
                guard i + 1 < args.count else { throw Problem(description: "\(arg) needs a value") }
                values[String(arg.dropFirst(2))] = args[i + 1]
                i += 2
            } else {
                positional.append(arg)
                i += 1
            }
        }
    }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = values[name] else { return value }
        guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n > 0 else {
            throw Problem(description: "--\(name) must be a positive whole number (got \(text))")
        }
        return n
    }

    func ints(_ name: String, default value: [Int]) throws -> [Int] {
        guard let text = values[name] else { return value }
        return try text.split(separator: ",").map { part in
            guard let n = Int(part.replacingOccurrences(of: "_", with: "")), n > 0 else {
                throw Problem(description: "--\(name) must be a comma-separated list of positive numbers (got \(text))")
            }
            return n
        }
    }
}

import Foundation
