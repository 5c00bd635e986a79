import Foundation
import Testing
@testable import AirwaveCore

@Suite("Time-of-day context")
struct ContextTests {
    @Test("the effective profile blends energy and every mood with weight c; c = 0 is the plain profile")
    func blending() {
        let profile = Fixture.profile(moods: ["mellow": 0.4, "dark": 1.0], energy: 0.9)
        let evening = Daypart.defaults[2]
        let blended = EffectiveProfile(profile, daypart: evening, contextWeight: 0.3)
        #expect(abs(blended.energy - (0.7 * 0.9 + 0.3 * 0.5)) < 1e-12)
        #expect(abs(blended.moods["mellow"]! - (0.7 * 0.4 + 0.3 * 0.7)) < 1e-12)
        #expect(abs(blended.moods["dark"]! - 0.7) < 1e-12)
        let plain = EffectiveProfile(profile, daypart: evening, contextWeight: 0)
        #expect(plain.energy == 0.9 && plain.moods == profile.moods)
    }

    @Test("blended moods hold exactly the names of both sides, each the formula's exact double")
    func blendedMoodNames() {
        let profile = Fixture.profile(moods: ["mellow": 0.4, "dark": 1.0, "tense": 0.15])
        for daypart in Daypart.defaults {
            for c in [0.3, 1.0] {
                let blended = EffectiveProfile(profile, daypart: daypart, contextWeight: c)
                var expected: [String: Double] = [:]
                for name in Set(profile.moods.keys).union(daypart.moods.keys) {
                    expected[name] = (1 - c) * (profile.moods[name] ?? 0) + c * (daypart.moods[name] ?? 0)
                }
                #expect(blended.moods == expected, "\(daypart.name) at c = \(c)")
            }
        }
        // Both kinds of names occur: daypart-only moods and moods on both sides.
        #expect(Daypart.defaults.contains { $0.moods.keys.contains { profile.moods[$0] == nil } })
        #expect(Daypart.defaults.contains { $0.moods.keys.contains { profile.moods[$0] != nil } })
    }

    @Test("the daypart follows the station's local wall clock (Asia/Tokyo is UTC+9)")
    func localTime() {
        let tokyo = Fixture.settings(timezone: "Asia/Tokyo", contextWeight: 0.3)
        let utc = Fixture.settings(contextWeight: 0.3)
        let moment = Fixture.date("2026-01-15T05:00:00Z")  // 14:00 in Tokyo, 05:00 in UTC
        #expect(tokyo.daypart(at: moment).name == "afternoon")
        #expect(utc.daypart(at: moment).name == "night")
        #expect(tokyo.daypart(at: Fixture.date("2026-01-15T13:30:00Z")).name == "night")  // 22:30 local
        #expect(tokyo.daypart(at: Fixture.date("2026-01-15T20:59:00Z")).name == "night")  // 05:59 local
        #expect(tokyo.daypart(at: Fixture.date("2026-01-15T21:00:00Z")).name == "morning")  // 06:00 local
    }

    @Test("DST: New York 06:30 local is morning both in winter and in summer")
    func daylightSaving() {
        let ny = Fixture.settings(timezone: "America/New_York", contextWeight: 0.3)
        #expect(ny.daypart(at: Fixture.date("2026-01-15T11:30:00Z")).name == "morning")  // EST, UTC−5
        #expect(ny.daypart(at: Fixture.date("2026-07-15T10:30:00Z")).name == "morning")  // EDT, UTC−4
        #expect(ny.daypart(at: Fixture.date("2026-01-15T10:30:00Z")).name == "night")
    }

    @Test("the same listener gets lower mean energy at night than in the afternoon (Tokyo local time)")
    func nightIsCalmer() {
        var dj = Fixture.synthetic(4000)
        dj.settings = Fixture.settings(timezone: "Asia/Tokyo", contextWeight: 0.5)
        let profile = Fixture.profile(genres: ["rock": 0.6, "jazz": 0.6, "ambient": 0.6, "house": 0.6], energy: 0.5)
        func meanEnergy(_ iso: String) -> Double {
            let picks = dj.recommend(PlaylistRequest(profile: profile, at: Fixture.date(iso), size: 30, discoveryOverride: 0)).picks
            return picks.map(\.track.energy).reduce(0, +) / Double(picks.count)
        }
        let afternoon = meanEnergy("2026-01-15T06:00:00Z")  // 15:00 in Tokyo
        let night = meanEnergy("2026-01-15T15:00:00Z")  // 00:00 in Tokyo
        #expect(night < afternoon - 0.1, "night \(night) vs afternoon \(afternoon)")
        let playlist = dj.recommend(PlaylistRequest(profile: profile, at: Fixture.date("2026-01-15T15:00:00Z"), size: 3))
        #expect(playlist.daypart == "night")
    }

    @Test("reasons mention the daypart when its mood helped")
    func daypartReason() {
        let settings = Fixture.settings(contextWeight: 0.3)
        let dj = Fixture.dj([Fixture.track("a", genre: "jazz", mood: "mellow", energy: 0.5)], settings)
        let evening = Fixture.date("2026-03-10T19:00:00Z")
        let pick = dj.recommend(PlaylistRequest(profile: Fixture.profile(energy: 0.5), at: evening, size: 1)).picks[0]
        #expect(pick.reasons.contains("evening: mellow"))
    }
}
