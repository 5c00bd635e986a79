import Testing
@testable import AirwaveCore

@Suite("CSV catalogs")
struct CatalogCSVTests {
    @Test("good rows parse with quoting, unicode, CRLF, any column order and unknown columns")
    func goodRows() throws {
        let csv = "genre,track_id,title,artist,mood,energy,tempo,duration,notes,year,bpm\r\n"
            + "jazz,t1,\"So What, Live\",Miles Davis,mellow,0.4,medium,545,ignored,1959,136\r\n"
            + "metal,t2,\"He said \"\"hi\"\"\",Motörhead,aggressive,0.95,fast,169.5,,,\r\n"
            + "blues,t3,\"Two\nLines\",Björk 🎵,calm,1,slow,200,x,,\n"
        let result = CatalogCSV.parse(csv, file: "a.csv")
        #expect(result.issues.isEmpty, "\(result.issues)")
        #expect(result.tracks.map(\.trackID) == ["t1", "t2", "t3"])
        #expect(result.lines == [2, 3, 4])
        #expect(result.tracks[0].title == "So What, Live" && result.tracks[0].year == 1959 && result.tracks[0].bpm == 136)
        #expect(result.tracks[1].title == "He said \"hi\"" && result.tracks[1].artist == "Motörhead")
        #expect(result.tracks[1].duration == 169.5 && result.tracks[1].year == nil && result.tracks[1].album == nil)
        #expect(result.tracks[2].title == "Two\nLines" && result.tracks[2].artist == "Björk 🎵" && result.tracks[2].energy == 1)
    }

    @Test("every bad row becomes an issue with its line and a reason naming the column")
    func badRows() {
        let header = "track_id,title,artist,genre,mood,energy,tempo,duration\n"
        let rows = [
            "ok1,T,A,jazz,calm,0.5,slow,100",  // line 2
            "bad1,T,A,jazz,calm,high,slow,100",  // 3 wrong type
            "bad2,T,A,jazz,calm,nan,slow,100",  // 4 NaN
            "bad3,T,A,jazz,calm,1.5,slow,100",  // 5 out of range
            "ok1,T,A,jazz,calm,0.5,slow,100",  // 6 duplicate
            "bad4,T,A,jazz,calm,0.5,slow",  // 7 missing column
            "bad5,T,A,jazz,calm,0.5,andante,100",  // 8 bad tempo
            "bad 6,T,A,jazz,calm,0.5,slow,100",  // 9 bad id
            "bad7,T,A,jazz,calm,0.5,slow,-3",  // 10 duration
            "\"bad8\nstill bad8\",T,A,jazz,calm,0.5,slow,100",  // 11-12 id with a newline
            "ok2,T,A,jazz,calm,0.5,slow,100",  // 13
        ]
        let result = CatalogCSV.parse(header + rows.joined(separator: "\n") + "\n", file: "b.csv")
        #expect(result.tracks.map(\.trackID) == ["ok1", "ok2"])
        #expect(result.lines == [2, 13])
        let byLine = Dictionary(uniqueKeysWithValues: result.issues.map { ($0.line, $0.reason) })
        #expect(result.issues.allSatisfy { $0.file == "b.csv" })
        #expect(byLine.keys.sorted() == [3, 4, 5, 6, 7, 8, 9, 10, 11])
        #expect(byLine[3]?.hasPrefix("energy: must be a number") == true)
        #expect(byLine[4] == "energy: must be a number between 0 and 1 (got nan)")
        #expect(byLine[5] == "energy: must be a number between 0 and 1 (got 1.5)")
        #expect(byLine[6] == "track_id: duplicate \"ok1\" (first on line 2)")
        #expect(byLine[7] == "duration: missing column")
        #expect(byLine[8] == "tempo: must be slow, medium or fast (got \"andante\")")
        #expect(byLine[9]?.hasPrefix("track_id:") == true)
        #expect(byLine[10]?.hasPrefix("duration:") == true)
    }

    @Test("a missing required header column is one issue on line 1")
    func missingHeaderColumn() {
        let result = CatalogCSV.parse("track_id,title,artist,genre,energy,tempo\nx,T,A,jazz,0.5,slow\n", file: "c.csv")
        #expect(result.tracks.isEmpty)
        #expect(result.issues == [CatalogIssue(file: "c.csv", line: 1, reason: "missing required columns mood, duration")])
    }

    @Test("invalid UTF-8 and over-long lines are rejected; parsing continues after them")
    func bytesProblems() {
        var bytes = Array("track_id,title,artist,genre,mood,energy,tempo,duration\n".utf8)
        bytes += Array("u1,".utf8) + [0xC3, 0x28] + Array(",A,jazz,calm,0.5,slow,100\n".utf8)
        bytes += Array("long,\"".utf8) + [UInt8](repeating: 0x61, count: 70_000) + Array("\",A,jazz,calm,0.5,slow,100\n".utf8)
        bytes += Array("unq,".utf8) + [UInt8](repeating: 0x62, count: 70_000) + Array(",A,jazz,calm,0.5,slow,100\n".utf8)
        bytes += Array("fine,T,A,jazz,calm,0.5,slow,100\n".utf8)
        let result = CatalogCSV.parse(bytes: bytes, file: "d.csv")
        #expect(result.tracks.map(\.trackID) == ["fine"])
        #expect(result.issues.map(\.line) == [2, 3, 4])
        #expect(result.issues[0].reason == "title: invalid UTF-8")
        #expect(result.issues[1].reason == "line longer than 65536 bytes")
        #expect(result.issues[2].reason == "line longer than 65536 bytes")
    }

    @Test("writing then parsing gives the same tracks")
    func roundTrip() {
        var tracks = SyntheticCatalog.tracks(count: 300, seed: 3)
        tracks[0].title = "Comma, \"quote\"\nnewline"
        tracks[1].uri = "file:///music/a,b.flac"
        let result = CatalogCSV.parse(bytes: CatalogCSV.encode(tracks), file: "e.csv")
        #expect(result.issues.isEmpty)
        #expect(result.tracks == tracks)
    }
}
