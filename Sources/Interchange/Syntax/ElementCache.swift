/// Reuses the values of short elements that repeat from segment to segment (qualifiers, units,
/// dates, small composites such as `21:10:PCE`) when a reader builds segments as values, so a
/// large file does not pay allocations for each of them; short segments that repeat whole are
/// reused the same way. Direct-mapped and fixed in size: a colliding entry replaces the older
/// one, and memory stays the same whatever the input.
final class ElementCache {
    private struct Key: Equatable {
        var low: UInt64
        var high: UInt64
    }

    private static let slotCount = 4096
    /// Longest element cached; its bytes, length and component separator fill the 128-bit key.
    static let longest = 14
    private let keys = UnsafeMutablePointer<Key>.allocate(capacity: ElementCache.slotCount)
    private let values = UnsafeMutablePointer<Element>.allocate(capacity: ElementCache.slotCount)

    /// The element for `bytes` (at most `longest`, without release or repetition characters),
    /// made by `make` when it is not cached yet. `component` is part of the key because it
    /// decides how the bytes split.
    @inline(__always)
    func element(_ bytes: UnsafeBufferPointer<UInt8>, component: UInt8, make: () -> Element) -> Element {
        var key = Key(low: 0, high: UInt64(bytes.count) << 56 | UInt64(component) << 48)
        for (index, byte) in bytes.enumerated() {
            if index < 8 { key.low = key.low << 8 | UInt64(byte) } else { key.high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        let slot = Int(truncatingIfNeeded: ((key.low ^ (key.high &* 31)) &* 0x9E37_79B9_7F4A_7C15) >> 52)
        if keys[slot] == key { return values[slot] }
        let element = make()
        keys[slot] = key
        values[slot] = element
        return element
    }

    // Whole segments that repeat byte for byte (dates, quantities, parties, prices) are kept
    // the same way, so such a segment costs neither its element list nor its values again.
    private static let segmentSlotCount = 2048
    /// Longest segment cached, in bytes without the terminator.
    static let longestSegment = 48
    // Fixed buffers rather than arrays: this is looked up once per segment, and the buffers
    // need neither copy-on-write nor exclusivity checks.
    private let segmentBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: ElementCache.segmentSlotCount * ElementCache.longestSegment)
    /// Length of the cached segment per slot, -1 when empty.
    private let segmentLengths = UnsafeMutablePointer<Int>.allocate(capacity: ElementCache.segmentSlotCount)
    private let segmentDelimiters = UnsafeMutablePointer<UInt64>.allocate(capacity: ElementCache.segmentSlotCount)
    private let segments = UnsafeMutablePointer<Segment>.allocate(capacity: ElementCache.segmentSlotCount)

    init() {
        keys.initialize(repeating: Key(low: 0, high: 0), count: Self.slotCount)
        values.initialize(repeating: Element(""), count: Self.slotCount)
        segmentBytes.initialize(repeating: 0, count: Self.segmentSlotCount * Self.longestSegment)
        segmentLengths.initialize(repeating: -1, count: Self.segmentSlotCount)
        segmentDelimiters.initialize(repeating: 0, count: Self.segmentSlotCount)
        segments.initialize(repeating: Segment(""), count: Self.segmentSlotCount)
    }

    deinit {
        values.deinitialize(count: Self.slotCount)
        values.deallocate()
        keys.deallocate()
        segments.deinitialize(count: Self.segmentSlotCount)
        segments.deallocate()
        segmentDelimiters.deallocate()
        segmentLengths.deallocate()
        segmentBytes.deallocate()
    }

    /// The segment for `bytes` (at most `longestSegment`) read with `delimiters`, made by `make`
    /// when it is not cached yet.
    @inline(__always)
    func segment(_ bytes: UnsafeBufferPointer<UInt8>, delimiters: Delimiters, make: () -> Segment) -> Segment {
        let count = bytes.count
        let repetition: UInt64 = delimiters.repetition.map { 0x100 | UInt64($0) } ?? 0
        let release: UInt64 = delimiters.release.map { 0x100 | UInt64($0) } ?? 0
        var packed = UInt64(delimiters.element)
        packed |= UInt64(delimiters.component) << 8
        packed |= repetition << 16
        packed |= release << 32
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ packed ^ UInt64(count)
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
                offset += 8
            }
            var tail: UInt64 = 0
            while offset < count {
                tail = tail << 8 | UInt64(base[offset])
                offset += 1
            }
            hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        let slot = Int(truncatingIfNeeded: hash >> 53) & (Self.segmentSlotCount - 1)
        let stored = segmentBytes + slot * Self.longestSegment
        if segmentLengths[slot] == count, segmentDelimiters[slot] == packed, let base = bytes.baseAddress {
            let storedRaw = UnsafeRawPointer(stored)
            let raw = UnsafeRawPointer(base)
            var offset = 0
            var same = true
            while offset + 8 <= count {
                if storedRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                    same = false
                    break
                }
                offset += 8
            }
            while same, offset < count {
                same = stored[offset] == base[offset]
                offset += 1
            }
            if same { return segments[slot] }
        }
        let value = make()
        if count > 0, let base = bytes.baseAddress { stored.update(from: base, count: count) }
        segmentLengths[slot] = count
        segmentDelimiters[slot] = packed
        segments[slot] = value
        return value
    }
}
