import AirwaveCtl
import Foundation

// All behaviour lives in AirwaveCtl so tests can run it in-process; this only wires the real process.
let context = CtlContext(environment: ProcessInfo.processInfo.environment, console: .standard(), handlesSignals: true)
exit(Airwavectl.main(arguments: Array(CommandLine.arguments.dropFirst()), context: context))
