import Dispatch
import Foundation

/// Turns SIGINT into a stop request, so `log -f` closes its connection and exits 0.
enum SignalStop {
    /// Installs the handler; cancel the returned source to restore the default action.
    static func install(_ stop: StopSignal) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { stop.set() }
        source.setCancelHandler { signal(SIGINT, SIG_DFL) }
        source.resume()
        return source
    }
}
