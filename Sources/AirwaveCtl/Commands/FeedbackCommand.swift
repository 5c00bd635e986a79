import AirwaveAPI
import AirwaveCore
import ArgumentParser

extension FeedbackType: ExpressibleByArgument {}

/// `airwavectl feedback STATION USER TRACK TYPE [--rating R]`.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feedback", abstract: "Record feedback on a track.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id.") var station: String
    @Argument(help: "User id.") var user: String
    @Argument(help: "Track id.") var track: String
    @Argument(help: "like, dislike, skip, play, favorite or rate.") var type: FeedbackType
    @Option(help: "Rating 0-1 (required for rate).") var rating: Double?

    func validate() throws {
        if type == .rate {
            guard let rating, rating >= 0, rating <= 1 else {
                throw ArgumentParser.ValidationError("rate needs --rating between 0 and 1")
            }
        } else if rating != nil {
            throw ArgumentParser.ValidationError("--rating only applies to rate")
        }
    }

    func run() throws {
        let session = global.session()
        let reply = try session.client.send("POST", "/stations/\(station.pathSegment)/listeners/\(user.pathSegment)/interactions",
                                            json: InteractionRequest(trackID: track, type: type, rating: rating),
                                            as: InteractionResponse.self)
        try session.emit(reply) {
            "recorded \(type.rawValue) of \(track) for \(user) (interaction \(reply.interactionID), profile version \(reply.profile.version))\n"
                + "top genres: \(Format.weights(reply.profile.profile.genres, limit: 5))\n"
        }
    }
}
