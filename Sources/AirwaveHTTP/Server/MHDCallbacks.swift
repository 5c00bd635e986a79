import CMicroHTTPD
import Glibc

// libmicrohttpd's C entry points. Each recovers the Swift object from its `cls` pointer and forwards; none may
// trap, since a trap here takes the whole daemon down.

/// `size_t (*)(void *cls, struct MHD_Connection *c, char *s)`: microhttpd.h declares no typedef for it.
typealias AirwaveUnescapeCallback = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?) -> Int

/// Access handler: called with the headers, once per body chunk, and once more at the end of the body.
func airwaveMHDAccess(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ contextSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let contextSlot else { return .NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
    return server.access(connection: connection, url: url, method: method, uploadData: uploadData,
                         uploadDataSize: uploadDataSize, contextSlot: contextSlot)
}

/// Request completed (answered, aborted or timed out): drop the per-request context.
func airwaveMHDCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ contextSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ code: MHD_RequestTerminationCode
) {
    guard let cls, let contextSlot, let raw = contextSlot.pointee else { return }
    contextSlot.pointee = nil
    let context = Unmanaged<RequestContext>.fromOpaque(raw).takeRetainedValue()
    Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue().requestCompleted(context)
}

/// External logger: formats MHD's printf-style message and hands it to the configured Swift logger.
func airwaveMHDLog(_ cls: UnsafeMutableRawPointer?, _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?) {
    guard let cls, let format, let arguments else { return }
    var buffer = [CChar](repeating: 0, count: 1024)
    let written = buffer.withUnsafeMutableBufferPointer { out in
        airwave_format_log(out.baseAddress, out.count, format, arguments)
    }
    guard written > 0 else { return }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    var line = String(decoding: bytes, as: UTF8.self)
    while line.hasSuffix("\n") { line.removeLast() }
    Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue().log(line)
}

/// Pass-through unescaping: leave the URL and query bytes as sent, so each path segment is decoded by us
/// and "AC%2FDC" stays one segment (DECISIONS 20).
func airwaveMHDUnescape(_ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ text: UnsafeMutablePointer<CChar>?) -> Int {
    guard let text else { return 0 }
    return strlen(text)
}

/// Content reader of a streaming response.
func airwaveMHDStreamRead(_ cls: UnsafeMutableRawPointer?, _ position: UInt64, _ buffer: UnsafeMutablePointer<CChar>?, _ max: Int) -> Int {
    guard let cls, let buffer, max > 0 else { return MHD_CONTENT_READER_END_WITH_ERROR }
    let binding = Unmanaged<StreamBinding>.fromOpaque(cls).takeUnretainedValue()
    return binding.stream.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: max))
}

/// MHD released a streaming response: finish the stream and drop the binding's retain.
func airwaveMHDStreamFree(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    let binding = Unmanaged<StreamBinding>.fromOpaque(cls).takeRetainedValue()
    binding.server.streamFinished(binding.stream)
    binding.stream.finish()
}

/// What a streaming response's `cls` points at: the stream and the server that registered it.
final class StreamBinding {
    let stream: HTTPStream
    let server: HTTPServer
    init(stream: HTTPStream, server: HTTPServer) {
        self.stream = stream
        self.server = server
    }
}
