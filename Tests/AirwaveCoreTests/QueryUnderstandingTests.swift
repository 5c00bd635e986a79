import Foundation
import Testing
@testable import AirwaveCore

@Suite("Query understanding: tokenizing, the lexicon, eras, catalog names")
struct QueryUnderstandingTests {
    let index = QueryFixture.index(QueryFixture.dj())

    @Test("words fold case, diacritics and apostrophes; other punctuation separates")
    func words() {
        #expect(QueryText.words("Hip-Hop & R&B") == ["hip", "hop", "r", "b"])
        #expect(QueryText.words("'80s DON'T Stop") == ["80s", "dont", "stop"])
        #expect(QueryText.words("João Gilberto") == ["joao", "gilberto"])
        #expect(QueryText.words("???") == [])
    }

    @Test("activity and mood phrases become moods, an energy and a tempo; stopwords vanish")
    func lexicon() {
        let f = index.understand("calm music for studying")
        #expect(f.moods["calm"] == 1)
        #expect((f.moods["mellow"] ?? 0) > 0)
        #expect(f.energy.map { $0 < 0.3 } == true, "calm 0.2 and studying 0.3 average to 0.25")
        #expect(f.searchTerms.isEmpty)
        #expect(f.ignored.isEmpty)
        #expect(f.understood.count == 2)
        let w = index.understand("workout")
        #expect(w.tempos == [.fast])
        #expect(w.energy == 0.9)
    }

    @Test("the longest phrase wins: 'heavy metal' is the genre, not the 'heavy' mood")
    func longestPhrase() {
        let f = index.understand("heavy metal")
        #expect(f.genres == ["metal": 1])
        #expect(f.moods.isEmpty)
    }

    @Test("decades and years in every usual spelling")
    func eras() {
        #expect(QueryIndex.era("80s") == 1980...1989)
        #expect(QueryIndex.era("1980s") == 1980...1989)
        #expect(QueryIndex.era("00s") == 2000...2009)
        #expect(QueryIndex.era("1987") == 1987...1987)
        #expect(QueryIndex.era("85s") == nil)
        #expect(QueryIndex.era("123") == nil)
        let f = index.understand("'80s metal")
        #expect(f.years == 1980...1989)
        #expect(f.eraLabel == "1980s")
        #expect(f.genres["metal"] == 1)
        #expect(index.understand("eighties").years == 1980...1989)
    }

    @Test("genre and mood names only the catalog knows are understood too")
    func catalogNames() {
        let f = index.understand("bossa nova please")
        #expect(f.genres == ["bossa-nova": 1])
    }

    @Test("other words go to the title/artist/album search, or are ignored when no track has them")
    func residualWords() {
        let f = index.understand("songs by Miles Davis")
        #expect(f.searchTerms == ["miles", "davis"])
        #expect(!f.hasStructuredFacet)
        let gibberish = index.understand("asdf qwerty")
        #expect(gibberish.isEmpty)
        #expect(gibberish.ignored == ["asdf", "qwerty"])
        #expect(index.understand("").isEmpty)
        #expect(index.understand("???").isEmpty)
    }

    @Test("a whole title/artist/album name beats a shorter lexicon phrase inside it, but not an equal one")
    func namesBeatShorterPhrases() {
        let album = index.understand("Kind of Blue")
        #expect(album.searchTerms == ["kind", "of", "blue"])
        #expect(album.moods.isEmpty, "'blue' is part of the album name here, not a mood")
        var tracks = QueryFixture.tracks
        tracks.append(QueryFixture.track("hm", "Heavy Metal", "Sammy Hagar", genre: "rock", mood: "energetic", energy: 0.8, tempo: .fast, year: 1981))
        let f = QueryFixture.index(QueryFixture.dj(tracks)).understand("heavy metal")
        #expect(f.genres == ["metal": 1], "a two-word genre phrase keeps its meaning against a two-word title")
    }

    @Test("asking for one's own taste is understood, alone or beside other facets")
    func taste() {
        let f = index.understand("something I will like")
        #expect(f.taste)
        #expect(f.tasteOnly)
        #expect(!f.isEmpty)
        let g = index.understand("calm songs for me")
        #expect(g.taste)
        #expect(!g.tasteOnly)
    }

    @Test("the shipped lexicon validates; a bad entry names its field")
    func lexiconValidation() throws {
        try QueryFixture.lexicon.validate()
        var bad = QueryFixture.lexicon
        bad.entries.append(QueryLexiconEntry(phrases: ["x"], energy: 1.5))
        #expect(throws: ValidationError.self) { try bad.validate() }
        do { try bad.validate() } catch { #expect(error.field == "entries[\(bad.entries.count - 1)].energy") }
        let noPhrase = QueryLexicon(entries: [QueryLexiconEntry(phrases: ["!!"], moods: ["calm": 1])])
        do { try noPhrase.validate(); Issue.record("accepted a phrase without words") } catch {
            #expect(error.field == "entries[0].phrases")
        }
    }

    @Test("an operator's lexicon entry is used as soon as the index is rebuilt")
    func extendLexicon() {
        var lexicon = QueryFixture.lexicon
        lexicon.entries.append(QueryLexiconEntry(phrases: ["saudade"], genres: ["bossa-nova": 1], moods: ["mellow": 1]))
        let f = QueryIndex(catalog: QueryFixture.dj().catalog, lexicon: lexicon).understand("saudade")
        #expect(f.genres == ["bossa-nova": 1])
    }
}
