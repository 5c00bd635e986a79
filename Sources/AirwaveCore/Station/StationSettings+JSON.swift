import Foundation

extension StationSettings {
    /// Decodes a station file, turning every failure into a ``ValidationError`` that names the field.
    public static func decode(json: [UInt8]) throws(ValidationError) -> StationSettings {
        do {
            return try JSONDecoder().decode(StationSettings.self, from: Data(json))
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            throw ValidationError(decoding: error)
        } catch {
            throw ValidationError(field: "station", "could not be read: \(error)")
        }
    }
}
