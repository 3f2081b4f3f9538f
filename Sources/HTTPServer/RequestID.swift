/// Request ids: accepted from the client's `X-Request-Id` when well formed, otherwise generated.
public enum RequestID {
    /// A new random id of 24 lowercase hex digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let a = generator.next() as UInt64
        let b = generator.next() as UInt32
        return hex(a, digits: 16) + hex(UInt64(b), digits: 8)
    }

    /// True for 1–128 characters of `[A-Za-z0-9._-]`.
    public static func isValid(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { c in
            (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
                || c == 0x2E || c == 0x5F || c == 0x2D
        }
    }

    /// The client's id when valid, else a generated one.
    public static func accept(_ candidate: String?) -> String {
        if let candidate, isValid(candidate) { return candidate }
        return generate()
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
