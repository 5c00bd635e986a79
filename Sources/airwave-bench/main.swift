import AirwaveCore
import Foundation

// airwave-bench: scoring | memory | scheduler | bare-http | generate | parse. No external packages; timings use ContinuousClock.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage:
      airwave-bench scoring [--tracks 10000,100000,1000000] [--runs N] [--naive-seconds S]
      airwave-bench memory [--tracks 1000000]
      airwave-bench scheduler [--listeners 100000] [--stations 20] [--tracks 5000] [--speed 60] [--seconds 600]
      airwave-bench bare-http [--port 8790] [--threads N]
      airwave-bench generate --tracks N [--seed S] --out FILE.csv
      airwave-bench parse FILE.csv
      airwave-bench classify [data/query-labels.tsv] [--lexicon data/query-lexicon.json]
      airwave-bench query [--tracks 10000,100000] [--runs N] [--lexicon data/query-lexicon.json]
      airwave-bench reply-json [--artists 10,100,500,2000] [--rounds N] [--variant both|old|new|encoder]
    """

do {
    switch arguments.first {
    case "scoring": try ScoringBench.run(Options(Array(arguments.dropFirst())))
    case "memory": try MemoryBench.run(Options(Array(arguments.dropFirst())))
    case "scheduler": try SchedulerBench.run(Options(Array(arguments.dropFirst())))
    case "bare-http": try BareHTTPCommand.run(Options(Array(arguments.dropFirst())))
    case "generate": try GenerateCommand.run(Options(Array(arguments.dropFirst())))
    case "parse": try ParseCommand.run(Options(Array(arguments.dropFirst())))
    case "classify": try ClassifyCommand.run(Options(Array(arguments.dropFirst())))
    case "query": try QueryBench.run(Options(Array(arguments.dropFirst())))
    case "reply-json": try ReplyJSONBench.run(Options(Array(arguments.dropFirst())))
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("airwave-bench: \(error)\n".utf8))
    exit(1)
}
