/// A segment as seen by a scanner: a view into the read buffer plus the start of each element.
/// It is only valid inside the callback that receives it; copy out what you keep
/// (`string(_:)`, `materialize()`).
public struct RawSegment {
    /// The segment's bytes without its terminator.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Start index in `bytes` of each element; index 0 is the tag.
    let starts: UnsafeBufferPointer<Int>
    /// Offset of the first byte in the whole input.
    public let offset: Int
    /// False for a last segment that ended with the input instead of a terminator.
    public let terminated: Bool
    public let delimiters: Delimiters
    /// The repetition separator occurs somewhere in the segment.
    public let containsRepetition: Bool
    /// A release character occurs somewhere in the segment (EDIFACT).
    public let containsRelease: Bool
    /// Index of the first byte outside the declared character repertoire, or -1 (EDIFACT).
    public var firstForeignIndex: Int = -1
    /// Largest component count per element (index 0 is the tag), when the scanner counted them.
    var componentCounts: UnsafeBufferPointer<Int>?

    /// Number of data elements after the tag.
    public var elementCount: Int { starts.count - 1 }

    /// Byte range of an element; 0 is the tag, data elements are 1-based.
    @inline(__always)
    public func range(_ position: Int) -> Range<Int> {
        let lower = starts[position]
        let upper = position + 1 < starts.count ? starts[position + 1] - 1 : bytes.count
        return lower..<upper
    }

    /// True when the element is absent or has no bytes.
    @inline(__always)
    public func isEmpty(_ position: Int) -> Bool {
        position > elementCount || range(position).isEmpty
    }

    /// True when the element is absent or carries no data (only component separators).
    public func isBlank(_ position: Int) -> Bool {
        guard position <= elementCount else { return true }
        for index in range(position) where bytes[index] != delimiters.component { return false }
        return true
    }

    @inline(__always)
    public func tagIs(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        starts.count > 0 && range(0).count == 3 && bytes[0] == a && bytes[1] == b && bytes[2] == c
    }

    @inline(__always)
    public func tagIs(_ a: UInt8, _ b: UInt8) -> Bool {
        starts.count > 0 && range(0).count == 2 && bytes[0] == a && bytes[1] == b
    }

    public var tag: String { string(0) }

    /// An element's text with release characters removed (the raw text for X12).
    public func string(_ position: Int) -> String {
        guard position <= elementCount else { return "" }
        return text(range(position))
    }

    /// Text of a byte range, release characters removed.
    func text(_ range: Range<Int>) -> String {
        guard containsRelease, let release = delimiters.release,
              let first = range.firstIndex(where: { bytes[$0] == release }) else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // Only the bytes from the first release character on need copying one by one; invalid
        // UTF-8 is repaired as `String(decoding:as:)` repairs it.
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            var count = 0
            for index in range.lowerBound..<first {
                buffer[count] = bytes[index]
                count += 1
            }
            var index = first
            while index < range.upperBound {
                let byte = bytes[index]
                if byte == release, index + 1 < range.upperBound {
                    buffer[count] = bytes[index + 1]
                    index += 2
                } else {
                    buffer[count] = byte
                    index += 1
                }
                count += 1
            }
            return count
        }
    }

    /// Splits a range at a separator, skipping released bytes.
    func split(_ range: Range<Int>, at separator: UInt8?) -> [Range<Int>] {
        guard let separator else { return [range] }
        var parts: [Range<Int>] = []
        var lower = range.lowerBound
        var index = range.lowerBound
        let release = delimiters.release
        while index < range.upperBound {
            let byte = bytes[index]
            if let release, byte == release {
                index += 2
                continue
            }
            if byte == separator {
                parts.append(lower..<index)
                lower = index + 1
            }
            index += 1
        }
        parts.append(lower..<range.upperBound)
        return parts
    }

    /// Repetitions of an element as byte ranges.
    public func repetitions(_ position: Int) -> [Range<Int>] {
        split(range(position), at: delimiters.repetition)
    }

    /// Components of one repetition range.
    public func components(_ range: Range<Int>) -> [Range<Int>] {
        split(range, at: delimiters.component)
    }

    /// Number of components of an element's first repetition.
    public func componentCount(_ position: Int) -> Int {
        guard position <= elementCount else { return 0 }
        return components(repetitions(position)[0]).count
    }

    /// Largest number of components in any repetition of an element, counted without allocating.
    @inline(__always)
    public func maxComponentCount(_ position: Int) -> Int {
        guard position <= elementCount else { return 0 }
        if let componentCounts { return componentCounts[position] }
        let range = range(position)
        let component = Int(delimiters.component)
        let repetition = delimiters.repetition.map(Int.init) ?? -1
        let release = delimiters.release.map(Int.init) ?? -1
        var largest = 1
        var current = 1
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = Int(bytes[index])
            if byte == release {
                index += 2
                continue
            }
            if byte == component {
                current += 1
                if current > largest { largest = current }
            } else if byte == repetition {
                current = 1
            }
            index += 1
        }
        return largest
    }

    /// Copies the segment out as values, in one pass over each element: an element without
    /// separators or release characters (the usual case) becomes a single value directly.
    public func materialize() -> Segment { materialize(cache: nil) }

    /// `materialize()`, taking short elements from `cache` when one is given.
    func materialize(cache: ElementCache?) -> Segment {
        if let cache, bytes.count <= ElementCache.longestSegment {
            return cache.segment(bytes, delimiters: delimiters) { materializeElements(cache: cache) }
        }
        return materializeElements(cache: cache)
    }

    private func materializeElements(cache: ElementCache?) -> Segment {
        let count = elementCount
        guard count > 0 else { return Segment(tag, []) }
        let component = Int(delimiters.component)
        let repetition = delimiters.repetition.map(Int.init) ?? -1
        let release = containsRelease ? delimiters.release.map(Int.init) ?? -1 : -1
        // With the scanner's component counts and no release or repetition characters in the
        // segment, an element needs splitting exactly when it has more than one component.
        let counted = containsRelease || containsRepetition ? nil : componentCounts
        let elements = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            for position in 1...count {
                let range = range(position)
                let value: Element
                if range.isEmpty {
                    value = Self.emptyElement
                } else {
                    var split = false
                    var escaped = false
                    if let counted {
                        split = counted[position] > 1
                    } else {
                        for index in range {
                            let byte = Int(bytes[index])
                            if byte == component {
                                split = true
                            } else if byte == repetition || byte == release {
                                escaped = true
                                break
                            }
                        }
                    }
                    if !(split || escaped) {
                        value = Element(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
                    } else if let cache, !escaped, range.count <= ElementCache.longest {
                        value = cache.element(UnsafeBufferPointer(rebasing: bytes[range]), component: delimiters.component) {
                            element(position, range, plain: false, component: component, repetition: repetition, release: release)
                        }
                    } else {
                        value = element(position, range, plain: false, component: component, repetition: repetition, release: release)
                    }
                }
                (buffer.baseAddress! + position - 1).initialize(to: value)
                initialized = position
            }
        }
        return Segment(tag, elements)
    }

    /// One element's value; `plain` when it has no separators or release characters.
    private func element(_ position: Int, _ range: Range<Int>, plain: Bool, component: Int, repetition: Int, release: Int) -> Element {
        if plain { return Element(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)) }
        var repetitions: [[String]] = []
        var components: [String] = []
        components.reserveCapacity(componentCounts.map { $0[position] } ?? 4)
        var lower = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = Int(bytes[index])
            if byte == release {
                index += 2
                continue
            }
            if byte == component || byte == repetition {
                components.append(text(lower..<index))
                lower = index + 1
                if byte == repetition {
                    repetitions.append(components)
                    components = []
                }
            }
            index += 1
        }
        components.append(text(lower..<range.upperBound))
        if repetitions.isEmpty { return Element(components: components) }
        repetitions.append(components)
        return Element(repetitions: repetitions)
    }

    private static let emptyElement = Element("")
}
