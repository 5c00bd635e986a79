import CMicroHTTPD
import JSONText

extension HTTPServer {
    /// One call of the access handler; see `airwaveMHDAccess`.
    func access(
        connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
        uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>,
        contextSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        let limit = configuration.maxBodySize
        guard let raw = contextSlot.pointee else {
            // First call: headers only. Refuse a declared oversized body before any of it is read.
            let context = RequestContext()
            contextSlot.pointee = Unmanaged.passRetained(context).toOpaque()
            inFlight.add(1, ordering: .relaxed)
            if let declared = declaredContentLength(connection) {
                guard declared <= UInt64(limit) else {
                    context.responded = true
                    return queue(Self.tooLarge(limit), on: connection)
                }
                // Reserve only a little up front: a client may declare a large body and never send it.
                context.body.reserveCapacity(Int(min(declared, 64 * 1024)))
            }
            return .YES
        }
        let context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
        let size = uploadDataSize.pointee
        if size > 0 {
            uploadDataSize.pointee = 0
            if context.tooLarge || size > limit - context.body.count {
                // A chunked body went over the limit: stop keeping it. Answer now if MHD allows it in this
                // state, else at the end; a client that keeps sending far past the limit is dropped.
                context.tooLarge = true
                context.body = []
                context.discarded += size
                if context.discarded > max(limit, 1 << 20) { return .NO }
                if !context.triedEarlyAnswer {
                    // libmicrohttpd 0.9.75 refuses a response in the middle of a body; try once, else answer at the end.
                    context.triedEarlyAnswer = true
                    if !context.responded, queue(Self.tooLarge(limit), on: connection) == .YES { context.responded = true }
                }
                return .YES
            }
            if !context.responded, let uploadData {
                context.body.append(contentsOf: UnsafeRawBufferPointer(start: uploadData, count: size))
            }
            return .YES
        }
        guard !context.responded else {
            // Called again after a deferred response resumed the connection: make and send it now.
            if let deferred = context.deferred, let body = deferred.takeBody() {
                return queue(finish(deferred, body), on: connection)
            }
            return .YES
        }
        context.responded = true
        if context.tooLarge { return queue(Self.tooLarge(limit), on: connection) }
        let body = context.body
        context.body = []
        let response = respond(connection: connection, url: url, method: method, body: body)
        guard case .deferred(let deferred) = response.body else { return queue(response, on: connection) }
        context.deferred = deferred
        registerDeferred(deferred)
        if stoppingFlag.load(ordering: .relaxed) {
            // Stopping: wait on this thread, as a blocking handler would, so that no connection is left
            // suspended when libmicrohttpd stops (a request can still arrive on a kept-alive connection).
            if !deferred.waitForCompletion(timeout: configuration.shutdownGrace) {
                deferred.complete { Self.stoppingResponse }
            }
        } else if deferred.suspendUnlessComplete(connection) {
            return .YES
        }
        // Complete already (before the handler returned, or waited for above): send it now.
        guard let made = deferred.takeBody() else { return .YES }
        return queue(finish(deferred, made), on: connection)
    }

    /// Runs a deferred response's body (on this pool thread), answering errors as a handler's are.
    private func finish(_ deferred: DeferredResponse, _ body: DeferredResponse.Body) -> HTTPResponse {
        var response = Self.run(body, log: configuration.logger)
        if case .deferred = response.body {
            log("a deferred response completed with another deferred response")
            response = HTTPResponse.internalError
        }
        deferred.made(response)
        return response
    }

    /// Builds the request and runs the handler, turning every failure into a response.
    func respond(connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?, body: [UInt8]) -> HTTPResponse {
        let request: HTTPRequest
        do {
            request = try makeRequest(connection: connection, url: url, method: method, body: body)
        } catch let error as HTTPErrorConvertible {
            return error.httpError.response
        } catch {
            return HTTPError.badRequest("malformed request").response
        }
        return Self.run(handler, on: request, log: configuration.logger)
    }

    /// Runs `handler`: `HTTPErrorConvertible` errors answer for themselves, anything else is logged and
    /// answered with a generic 500 that never carries the error's text.
    static func run(_ handler: HTTPHandler, on request: HTTPRequest, log: Logger) -> HTTPResponse {
        do {
            return try handler(request)
        } catch let error as HTTPErrorConvertible {
            return error.httpError.response
        } catch {
            log("handler error for \(request.method) \(request.route ?? "(no route)"): \(String(reflecting: error))")
            return HTTPResponse.internalError
        }
    }

    /// `run` for a deferred response's body, which has no request at hand.
    static func run(_ body: () throws -> HTTPResponse, log: Logger) -> HTTPResponse {
        do {
            return try body()
        } catch let error as HTTPErrorConvertible {
            return error.httpError.response
        } catch {
            log("deferred response error: \(String(reflecting: error))")
            return HTTPResponse.internalError
        }
    }

    private func makeRequest(connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?, body: [UInt8]) throws -> HTTPRequest {
        guard let url, let rawPath = String(validatingCString: url) else {
            throw HTTPError.badRequest("path is not valid UTF-8", code: "invalid_path")
        }
        let methodText = method.map { String(cString: $0) } ?? ""
        let segments = try HTTPRequest.segments(of: rawPath)
        var query: [(name: String, value: String)] = []
        for (name, value) in pairs(connection, .GET_ARGUMENT_KIND) {
            // Our unescape callback leaves "+" and "%XX" alone; "+" means space in a query (form encoding).
            let plus = UInt8(ascii: "+"), space = UInt8(ascii: " ")
            guard let n = PercentDecoding.decode(name.map { $0 == plus ? space : $0 }),
                  let v = PercentDecoding.decode(value.map { $0 == plus ? space : $0 }) else {
                throw HTTPError.badRequest("query parameter has invalid percent-encoding or UTF-8", code: "invalid_query")
            }
            query.append((n, v))
        }
        var headers = HTTPHeaders()
        for (name, value) in pairs(connection, .HEADER_KIND) {
            headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
        }
        var address = [CChar](repeating: 0, count: 64)
        let hasAddress = address.withUnsafeMutableBufferPointer {
            airwave_mhd_client_address(connection, $0.baseAddress, $0.count) == 1
        }
        let remote = hasAddress ? String(decoding: address.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        return HTTPRequest(method: HTTPMethod(rawValue: methodText), rawPath: rawPath, pathSegments: segments,
                           query: query, headers: headers, body: body, remoteAddress: remote)
    }

    /// Every key/value of `kind` on the connection, as raw bytes (values may hold anything the client sent).
    private func pairs(_ connection: OpaquePointer, _ kind: MHD_ValueKind) -> [([UInt8], [UInt8])] {
        let collector = PairCollector()
        let iterator: MHD_KeyValueIteratorN = { cls, _, key, keySize, value, valueSize in
            guard let cls else { return .NO }
            let collector = Unmanaged<PairCollector>.fromOpaque(cls).takeUnretainedValue()
            let name = key.map { Array(UnsafeRawBufferPointer(start: $0, count: keySize)) } ?? []
            let text = value.map { Array(UnsafeRawBufferPointer(start: $0, count: valueSize)) } ?? []
            collector.pairs.append((name, text))
            return .YES
        }
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values_n(connection, kind, iterator, Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.pairs
    }

    /// The Content-Length the client declared, if any; an unparsable or huge one counts as over any limit.
    private func declaredContentLength(_ connection: OpaquePointer) -> UInt64? {
        guard let value = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length") else { return nil }
        let text = String(cString: value).trimmingSpaces
        guard !text.isEmpty else { return nil }
        return UInt64(text) ?? UInt64.max
    }

    /// Hands a response to libmicrohttpd.
    func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        guard (100...599).contains(response.status.rawValue) else {
            // MHD would refuse the status and drop the connection; a handler bug still gets an answer.
            log("handler returned invalid status \(response.status.rawValue)")
            if case .stream(let stream) = response.body { stream.finish() }
            return queue(HTTPResponse.internalError, on: connection)
        }
        let mhdResponse: OpaquePointer?
        var binding: StreamBinding?
        switch response.body {
        case .deferred:
            // Only `access` may hold a deferred response back; reaching here is a routing bug.
            log("a deferred response reached the wire unmade")
            return queue(HTTPResponse.internalError, on: connection)
        case .bytes(let bytes):
            mhdResponse = bytes.withUnsafeBytes { buffer in
                MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                                                .RESPMEM_MUST_COPY)
            }
        case .stream(let stream):
            let newBinding = StreamBinding(stream: stream, server: self)
            binding = newBinding
            let read: MHD_ContentReaderCallback = airwaveMHDStreamRead
            let free: MHD_ContentReaderFreeCallback = airwaveMHDStreamFree
            // UInt64.max is MHD_SIZE_UNKNOWN (a macro Swift does not import): chunked encoding.
            mhdResponse = MHD_create_response_from_callback(UInt64.max, 16 * 1024, read,
                                                            Unmanaged.passRetained(newBinding).toOpaque(), free)
            if mhdResponse == nil {
                Unmanaged.passUnretained(newBinding).release()
                stream.finish()
            }
        }
        guard let mhdResponse else {
            log("could not create a response")
            return .NO
        }
        defer { MHD_destroy_response(mhdResponse) }
        for field in response.headers {
            // MHD refuses names/values with CR, LF or other bad bytes; drop such a header rather than the response.
            if MHD_add_response_header(mhdResponse, field.name, field.value) == .NO {
                log("dropped invalid response header \(JSONText.quote(field.name))")
            }
        }
        if let binding {
            binding.stream.attach(connection)
            registerStream(binding.stream)
        }
        return MHD_queue_response(connection, UInt32(clamping: response.status.rawValue), mhdResponse)
    }

    /// Tracks an open stream for stop(); one that arrives while stopping is closed at once.
    func registerStream(_ stream: HTTPStream) {
        let stopping = state.withLock { state in
            state.streams[ObjectIdentifier(stream)] = stream
            return state.stopping
        }
        if stopping { stream.close() }
    }

    /// The stream's response was released.
    func streamFinished(_ stream: HTTPStream) {
        state.withLock { _ = $0.streams.removeValue(forKey: ObjectIdentifier(stream)) }
    }

    /// Tracks a deferred response until its request completes, so `stop()` can answer it if it never does.
    func registerDeferred(_ deferred: DeferredResponse) {
        deferreds.withLock { $0[ObjectIdentifier(deferred)] = deferred }
    }

    /// A request's completion notice arrived.
    func requestCompleted(_ context: RequestContext) {
        if let deferred = context.deferred {
            deferreds.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(deferred)) }
        }
        // Never below zero (a completion without an access call is possible for a connection closed early).
        var current = inFlight.load(ordering: .relaxed)
        while current > 0 {
            let (exchanged, original) = inFlight.compareExchange(expected: current, desired: current - 1, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
    }

    static func tooLarge(_ limit: Int) -> HTTPResponse {
        HTTPResponse.error(.contentTooLarge, code: "payload_too_large",
                           message: "request body exceeds the limit of \(limit) bytes")
            .adding("Connection", "close")
    }
}

/// Collects the pairs an MHD iterator yields; only touched on the calling thread.
private final class PairCollector {
    var pairs: [([UInt8], [UInt8])] = []
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
