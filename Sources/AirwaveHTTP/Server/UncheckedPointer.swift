/// A C handle moved into `Mutex`-guarded state. Sendable by fiat: the lock that guards the state (and, for
/// libmicrohttpd handles, MHD's own thread-safety rules for the calls we make on them) is what makes it safe.
struct UncheckedPointer<Pointee>: @unchecked Sendable {
    /// The wrapped value.
    let value: Pointee
    init(_ value: Pointee) { self.value = value }
}
