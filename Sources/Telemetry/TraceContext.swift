/// W3C trace context (`traceparent` header, version 00).
public struct TraceContext: Sendable, Equatable {
    /// 32 lowercase hex digits, not all zero.
    public var traceID: String
    /// 16 lowercase hex digits, not all zero.
    public var spanID: String
    /// Trace flags; bit 0 is "sampled".
    public var flags: UInt8

    public init?(traceID: String, spanID: String, flags: UInt8 = 1) {
        guard Self.isID(traceID, length: 32), Self.isID(spanID, length: 16) else { return nil }
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// Parses a `traceparent` header value; nil when it is malformed.
    public init?(traceparent: String) {
        let parts = traceparent.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[3].count == 2,
            let version = UInt8(parts[0], radix: 16), Self.isLowerHex(parts[0]), version != 0xff,
            Self.isLowerHex(parts[3]), let flags = UInt8(parts[3], radix: 16)
        else { return nil }
        // Version 00 has exactly four fields; later versions may append more.
        if version == 0, parts.count != 4 { return nil }
        self.init(traceID: String(parts[1]), spanID: String(parts[2]), flags: flags)
    }

    /// A new root context with random ids, sampled.
    public static func random() -> TraceContext {
        var generator = SystemRandomNumberGenerator()
        return TraceContext(traceID: randomHex(bytes: 16, using: &generator),
                            spanID: randomHex(bytes: 8, using: &generator), flags: 1)!
    }

    /// The same trace with a new span id, for an outgoing call.
    public func child() -> TraceContext {
        var generator = SystemRandomNumberGenerator()
        var copy = self
        copy.spanID = Self.randomHex(bytes: 8, using: &generator)
        return copy
    }

    public var sampled: Bool { flags & 1 == 1 }

    public var traceparent: String {
        let f = String(flags, radix: 16)
        return "00-\(traceID)-\(spanID)-\(f.count == 1 ? "0" + f : f)"
    }

    private static func isLowerHex<S: StringProtocol>(_ s: S) -> Bool {
        s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func isID(_ s: String, length: Int) -> Bool {
        s.utf8.count == length && isLowerHex(s) && s.utf8.contains { $0 != 0x30 }
    }

    private static func randomHex(bytes: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        while true {
            var out = ""
            for _ in 0..<bytes {
                let b = UInt8.random(in: 0...255, using: &generator)
                let h = String(b, radix: 16)
                out += h.count == 1 ? "0" + h : h
            }
            if out.utf8.contains(where: { $0 != 0x30 }) { return out }
        }
    }
}
