/// Receives what a scanner finds, in input order.
protocol SegmentConsumer {
    /// A complete (or, at the end of input, unterminated) segment.
    mutating func consume(_ segment: RawSegment)
    /// Bytes where an interchange header should start but does not; scanning stops there.
    mutating func strayData(offset: Int, preview: String)
    /// A header whose delimiters cannot be worked out; scanning stops there.
    mutating func malformedHeader(offset: Int, message: String)
    /// EDIFACT service string advice (UNA) with its six service characters.
    mutating func serviceStringAdvice(offset: Int, characters: [UInt8])
    /// True once the consumer wants no more segments; the scanner then stops.
    var isFinished: Bool { get }
}

extension SegmentConsumer {
    mutating func serviceStringAdvice(offset: Int, characters: [UInt8]) {}
    var isFinished: Bool { false }
}

/// Growable scratch array of element starts shared by the scanners.
struct ElementStarts {
    private(set) var pointer: UnsafeMutablePointer<Int>
    private(set) var capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = max(count, capacity * 2)
        pointer = .allocate(capacity: capacity)
    }

    func release() { pointer.deallocate() }
}

enum ByteClass {
    static let data: UInt8 = 0
    static let element: UInt8 = 1
    static let repetition: UInt8 = 2
    static let release: UInt8 = 3
    static let foreign: UInt8 = 4
    static let component: UInt8 = 5
}

@inline(__always)
func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

@inline(__always)
func isBlankByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x00 }

func preview(_ pointer: UnsafePointer<UInt8>, count: Int) -> String {
    let shown = UnsafeBufferPointer(start: pointer, count: min(count, 24))
    return String(decoding: shown.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
}
