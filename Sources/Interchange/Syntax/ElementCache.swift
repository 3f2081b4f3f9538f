/// Reuses the values of short elements that repeat from segment to segment (qualifiers, units,
/// dates, small composites such as `21:10:PCE`) when a reader builds segments as values, so a
/// large file does not pay allocations for each of them. Direct-mapped and fixed in size: a
/// colliding element replaces the older one, and memory stays the same whatever the input.
final class ElementCache {
    private struct Key: Equatable {
        var low: UInt64
        var high: UInt64
    }

    private static let slotCount = 4096
    /// Longest element cached; its bytes, length and component separator fill the 128-bit key.
    static let longest = 14
    private var keys = [Key](repeating: Key(low: 0, high: 0), count: ElementCache.slotCount)
    private var values = [Element](repeating: Element(""), count: ElementCache.slotCount)

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
}
