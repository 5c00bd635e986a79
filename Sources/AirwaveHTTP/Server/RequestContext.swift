/// Per-request state kept in libmicrohttpd's `*con_cls` between the calls of one request.
///
/// Only the pool thread that owns the connection touches it (MHD never runs one connection on two threads).
final class RequestContext {
    /// Body bytes received so far; never more than the configured limit.
    var body: [UInt8] = []
    /// The body went over the limit: what arrives is counted and dropped.
    var tooLarge = false
    /// Bytes dropped after the limit was exceeded.
    var discarded = 0
    /// An early 413 was attempted while the body was still arriving.
    var triedEarlyAnswer = false
    /// A response has been queued (or deferred); later calls only drain.
    var responded = false
    /// The handler's deferred response, while the connection waits for it.
    var deferred: DeferredResponse?
}
