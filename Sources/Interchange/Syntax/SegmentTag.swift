/// A segment tag packed into an integer so the hot path can remember and compare tags without
/// building strings. Tags longer than four bytes keep their text.
struct SegmentTag: Equatable {
    private var packed: UInt32
    private var long: String?

    init(_ text: String) {
        let bytes = Array(text.utf8)
        if bytes.count <= 4 {
            packed = bytes.reduce(0) { $0 << 8 | UInt32($1) }
            long = nil
        } else {
            packed = 0
            long = text
        }
    }

    @inline(__always)
    init(_ segment: RawSegment) {
        let range = segment.range(0)
        if range.count <= 4 {
            var value: UInt32 = 0
            for index in range { value = value << 8 | UInt32(segment.bytes[index]) }
            packed = value
            long = nil
        } else {
            packed = 0
            long = segment.tag
        }
    }

    var text: String {
        if let long { return long }
        var bytes: [UInt8] = []
        var value = packed
        while value != 0 {
            bytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Index into a table of tags made of an upper-case letter then up to two letters or digits;
    /// nil for anything else.
    @inline(__always)
    static func tableIndex(_ segment: RawSegment) -> Int? {
        let range = segment.range(0)
        guard range.count == 2 || range.count == 3 else { return nil }
        let first = segment.bytes[0]
        guard first >= 0x41, first <= 0x5A else { return nil }
        guard let second = symbol(segment.bytes[1]) else { return nil }
        var third = 0
        if range.count == 3 {
            guard let value = symbol(segment.bytes[2]) else { return nil }
            third = value
        }
        return (Int(first - 0x41) * 37 + second) * 37 + third
    }

    static func tableIndex(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 2 || bytes.count == 3, bytes[0] >= 0x41, bytes[0] <= 0x5A,
              let second = symbol(bytes[1]) else { return nil }
        let third = bytes.count == 3 ? symbol(bytes[2]) : 0
        guard let third else { return nil }
        return (Int(bytes[0] - 0x41) * 37 + second) * 37 + third
    }

    static let tableSize = 26 * 37 * 37

    @inline(__always)
    private static func symbol(_ byte: UInt8) -> Int? {
        if byte >= 0x30, byte <= 0x39 { return Int(byte - 0x30) + 1 }
        if byte >= 0x41, byte <= 0x5A { return Int(byte - 0x41) + 11 }
        return nil
    }
}

/// Per-tag data in a flat array indexed by `SegmentTag.tableIndex`.
struct SegmentTable<Value: Sendable>: Sendable {
    private var slots: [Int32]
    private var values: [Value] = []

    init(_ entries: [String: Value]) {
        slots = [Int32](repeating: -1, count: SegmentTag.tableSize)
        for (tag, value) in entries {
            guard let index = SegmentTag.tableIndex(tag) else { continue }
            slots[index] = Int32(values.count)
            values.append(value)
        }
    }

    @inline(__always)
    subscript(_ segment: RawSegment) -> Value? {
        guard let index = SegmentTag.tableIndex(segment) else { return nil }
        let slot = slots[index]
        return slot < 0 ? nil : values[Int(slot)]
    }
}
