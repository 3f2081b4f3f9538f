/// Bytes borrowed from a raw buffer that outlives the reader.
public struct RawBufferByteSource: ByteSource {
    private let buffer: UnsafeRawBufferPointer
    private var position = 0

    public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    public mutating func read(into target: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(target.count, buffer.count - position)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        target.baseAddress!.copyMemory(from: base + position, byteCount: count)
        position += count
        return count
    }
}

/// Streams the segments of X12 input (delimiters from each ISA) without validating envelopes.
public struct X12SegmentReader<Source: ByteSource> {
    private let source: Source
    private let chunkSize: Int

    public init(source: Source, chunkSize: Int = 1 << 20) {
        self.source = source
        self.chunkSize = chunkSize
    }

    /// Calls `body` for each segment in input order; a segment view is only valid during its call.
    /// Returns what stopped the reading early (stray data, an unreadable header), if anything.
    @discardableResult
    public func forEachSegment(_ body: (RawSegment) -> Void) -> [InterchangeIssue] {
        withoutActuallyEscaping(body) { body in
            var sink = ForwardingConsumer(body: body)
            X12Scanner(source: source, chunkSize: chunkSize).run(&sink)
            return sink.problems
        }
    }
}

/// Streams the segments of EDIFACT input (service characters from each UNA or the defaults).
public struct EdifactSegmentReader<Source: ByteSource> {
    private let source: Source
    private let chunkSize: Int

    public init(source: Source, chunkSize: Int = 1 << 20) {
        self.source = source
        self.chunkSize = chunkSize
    }

    /// Calls `body` for each segment after UNA in input order; a segment view is only valid during its call.
    @discardableResult
    public func forEachSegment(_ body: (RawSegment) -> Void) -> [InterchangeIssue] {
        withoutActuallyEscaping(body) { body in
            var sink = ForwardingConsumer(body: body)
            EdifactScanner(source: source, chunkSize: chunkSize).run(&sink)
            return sink.problems
        }
    }
}

private struct ForwardingConsumer: SegmentConsumer {
    let body: (RawSegment) -> Void
    var problems: [InterchangeIssue] = []

    mutating func consume(_ segment: RawSegment) { body(segment) }

    mutating func strayData(offset: Int, preview: String) {
        var issue = InterchangeIssue(code: .strayData, level: .file, message: "Data follows the last interchange trailer: \"\(preview)\".")
        issue.byteOffset = offset
        problems.append(issue)
    }

    mutating func malformedHeader(offset: Int, message: String) {
        var issue = InterchangeIssue(code: .malformedHeader, level: .file, message: message)
        issue.byteOffset = offset
        problems.append(issue)
    }
}
