import AirwaveAPI
import AirwaveCore
import ArgumentParser

/// `airwavectl profile show|analytics USER`.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Show, steer and clean a user's profile.",
        subcommands: [Show.self, Analytics.self, Set.self, Overrides.self, Redact.self, Unredact.self, Reset.self,
                      Export.self, Erase.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a user's learned profile.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String

        func run() throws {
            let session = global.session()
            let view = try session.client.get(ProfileView.self, "/profiles/\(user.pathSegment)")
            try session.emit(view) { Self.render(view) }
        }

        static func render(_ view: ProfileView) -> String {
            let p = view.profile
            var text = """
                user:         \(view.userID) (version \(view.version))
                energy:       \(Format.number(p.energyLevel))
                tempo:        \(p.tempoPreference.rawValue)
                discovery:    \(p.discoveryFactor) (effective \(Format.number(p.effectiveDiscovery)))
                interactions: \(p.totalInteractions)

                """
            for (kind, weights) in [("GENRE", p.genres), ("ARTIST", p.artists), ("MOOD", p.moods)] where !weights.isEmpty {
                var table = Table([kind, "WEIGHT"], rightAligned: [1])
                for (name, weight) in weights.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                    table.add([name, Format.number(weight)])
                }
                text += "\n" + table.render()
            }
            return text
        }
    }

    struct Analytics: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a user's taste and recent behaviour.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String

        func run() throws {
            let session = global.session()
            let analytics = try session.client.get(ProfileAnalytics.self, "/profiles/\(user.pathSegment)/analytics")
            try session.emit(analytics) { Self.render(analytics, user: user) }
        }

        static func render(_ a: ProfileAnalytics, user: String) -> String {
            var text = """
                user:                \(user)
                interactions:        \(a.totalInteractions)
                genre diversity:     \(a.genreDiversity)
                genre concentration: \(Format.number(a.genreConcentration))
                artist diversity:    \(a.artistDiversity)
                recent like rate:    \(Format.percent(a.recentLikeRate))
                recent skip rate:    \(Format.percent(a.recentSkipRate))

                """
            for (kind, list) in [("TOP GENRE", a.topGenres), ("TOP ARTIST", a.topArtists)] where !list.isEmpty {
                var table = Table([kind, "WEIGHT"], rightAligned: [1])
                for item in list { table.add([item.name, Format.number(item.weight)]) }
                text += "\n" + table.render()
            }
            return text
        }
    }
}
