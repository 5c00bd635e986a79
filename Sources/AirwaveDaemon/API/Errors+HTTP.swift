import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore

extension ValidationError: HTTPErrorConvertible {
    /// Bad input: 400 naming the field.
    public var httpError: HTTPError { HTTPError(.badRequest, code: "invalid_value", message: description) }
}

extension RuntimeError: HTTPErrorConvertible {
    /// Unknown things are 404, duplicates 409, an unplayable station 409.
    public var httpError: HTTPError {
        switch self {
        case .unknownStation: return HTTPError(.notFound, code: "station_not_found", message: description)
        case .unknownListener: return HTTPError(.notFound, code: "listener_not_found", message: description)
        case .unknownTrack: return HTTPError(.notFound, code: "track_not_found", message: description)
        case .noProfile: return HTTPError(.notFound, code: "profile_not_found", message: description)
        case .stationExists: return HTTPError(.conflict, code: "station_exists", message: description)
        case .emptyCatalog: return HTTPError(.conflict, code: "empty_catalog", message: description)
        }
    }
}

extension StoreError: HTTPErrorConvertible {
    /// A database outage is 503 with Retry-After (the client may try again); anything else is a 500
    /// whose message does not leak query parameters.
    public var httpError: HTTPError {
        if isUnavailable {
            return HTTPError(.serviceUnavailable, code: "database_unavailable",
                             message: "the database is unavailable; try again shortly", headers: ["Retry-After": "2"])
        }
        // The context of these codes names a field or states the rule, never a value.
        if code == .notFound { return HTTPError(.notFound, code: "not_found", message: "\(context) not found") }
        if code == .invalidValue || code == .constraintViolation {
            return HTTPError(.badRequest, code: "invalid_value", message: context)
        }
        return HTTPError(.internalServerError, code: "database_error", message: "the database rejected the operation (\(code))")
    }
}
