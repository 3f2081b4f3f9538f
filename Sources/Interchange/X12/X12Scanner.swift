#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits an X12 byte stream into segments. Delimiters are taken from each ISA: the element
/// separator is byte 3, ISA11 is the repetition separator from version 00402 on, ISA16 is the
/// component separator and the byte after it ends segments. CR/LF after terminators, a UTF-8
/// BOM and leading blanks are skipped.
struct X12Scanner<Source: ByteSource> {
    private let window: ByteWindow<Source>

    init(source: Source, chunkSize: Int = 1 << 20) {
        window = ByteWindow(source: source, chunkSize: chunkSize)
    }

    func run<Consumer: SegmentConsumer>(_ consumer: inout Consumer) {
        var starts = ElementStarts()
        defer { starts.release() }
        var classes = [UInt8](repeating: ByteClass.data, count: 256)
        var delimiters = Delimiters.x12
        var expectHeader = true
        var headerEnd = -1  // window index one past the ISA just detected
        var atStart = true

        while true {
            // Skip line ends (and, between interchanges, any blank) before the next segment.
            while true {
                if window.start == window.end, !window.refill() { return }
                let byte = window.storage[window.start]
                if atStart, byte == 0xEF {
                    if window.ensure(3), window.storage[window.start + 1] == 0xBB, window.storage[window.start + 2] == 0xBF {
                        window.start += 3
                        atStart = false
                        continue
                    }
                }
                atStart = false
                if expectHeader ? isBlankByte(byte) : (isLineBreak(byte) && byte != delimiters.terminator) {
                    window.start += 1
                } else {
                    break
                }
            }
            _ = window.ensure(4)
            let base = window.storage + window.start
            let available = window.end - window.start
            let startsISA = available >= 4 && base[0] == 0x49 && base[1] == 0x53 && base[2] == 0x41
            if startsISA, headerEnd < 0 {
                // A new interchange: work the delimiters out from the header.
                // The separators are looked for in the first 200 bytes; ISA16 and the terminator may follow them.
                _ = window.ensure(202)
                let head = window.storage + window.start
                let length = window.end - window.start
                guard let detected = detectDelimiters(head, length) else {
                    consumer.malformedHeader(offset: window.baseOffset + window.start,
                                             message: "The ISA header is incomplete: its 16 elements and segment terminator were not found.")
                    return
                }
                delimiters = detected.delimiters
                for index in 0..<256 { classes[index] = ByteClass.data }
                classes[Int(delimiters.element)] = ByteClass.element
                if let repetition = delimiters.repetition { classes[Int(repetition)] = ByteClass.repetition }
                headerEnd = window.start + detected.length
                expectHeader = false
            } else if expectHeader {
                consumer.strayData(offset: window.baseOffset + window.start, preview: preview(base, count: available))
                return
            }

            // Find the end of the segment.
            var segmentEnd: Int
            var terminated = true
            if headerEnd >= 0 {
                segmentEnd = headerEnd - 1
                headerEnd = -1
            } else {
                var searchFrom = window.start
                while true {
                    let found = memchr(window.storage + searchFrom, Int32(delimiters.terminator), window.end - searchFrom)
                    if let found {
                        segmentEnd = UnsafeMutablePointer(found.assumingMemoryBound(to: UInt8.self)) - window.storage
                        break
                    }
                    let scanned = window.end - window.start
                    if !window.refill() {
                        segmentEnd = window.end
                        terminated = false
                        break
                    }
                    searchFrom = window.start + scanned
                }
            }

            // Tokenize the elements.
            let segmentStart = window.start
            var contentEnd = segmentEnd
            if contentEnd > segmentStart, delimiters.terminator != 0x0D, window.storage[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let length = contentEnd - segmentStart
            starts.reserve(length + 2)
            let pointer = window.storage + segmentStart
            let startPointer = starts.pointer
            startPointer[0] = 0
            var count = 1
            var sawRepetition = false
            classes.withUnsafeBufferPointer { table in
                var index = 0
                while index < length {
                    let kind = table[Int(pointer[index])]
                    if kind != 0 {
                        if kind == ByteClass.element {
                            startPointer[count] = index + 1
                            count += 1
                        } else {
                            sawRepetition = true
                        }
                    }
                    index += 1
                }
            }
            let segment = RawSegment(bytes: UnsafeBufferPointer(start: pointer, count: length),
                                     starts: UnsafeBufferPointer(start: startPointer, count: count),
                                     offset: window.baseOffset + segmentStart, terminated: terminated,
                                     delimiters: delimiters, containsRepetition: sawRepetition,
                                     containsRelease: false)
            let isTrailer = segment.tagIs(0x49, 0x45, 0x41)
            consumer.consume(segment)
            window.start = terminated ? segmentEnd + 1 : segmentEnd
            if isTrailer { expectHeader = true }
            if consumer.isFinished { return }
        }
    }

    /// Reads the delimiters from an ISA at `head`; nil when it is too short to tell.
    private func detectDelimiters(_ head: UnsafeMutablePointer<UInt8>, _ length: Int) -> (delimiters: Delimiters, length: Int)? {
        guard length > 4 else { return nil }
        let element = head[3]
        guard !isAlphanumeric(element), !isLineBreak(element) else { return nil }
        var separators: [Int] = []
        var index = 3
        while index < min(length, 200), separators.count < 16 {
            if head[index] == element { separators.append(index) }
            index += 1
        }
        guard separators.count == 16, separators[15] + 2 < length else { return nil }
        let component = head[separators[15] + 1]
        let terminator = head[separators[15] + 2]
        let isa11 = head[separators[10] + 1]
        let version = String(decoding: UnsafeBufferPointer(start: head + separators[11] + 1,
                                                           count: max(0, separators[12] - separators[11] - 1)), as: UTF8.self)
        let repetition: UInt8? = X12Version.allowsRepetition(version) && !isAlphanumeric(isa11)
            && isa11 != element && isa11 != terminator && isa11 != component ? isa11 : nil
        return (Delimiters(element: element, component: component, repetition: repetition, terminator: terminator),
                separators[15] + 3)
    }
}

@inline(__always)
func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

enum X12Version {
    /// ISA12 00402 introduced the repetition separator in ISA11.
    static func allowsRepetition(_ isa12: String) -> Bool {
        guard isa12.count == 5, let number = Int(isa12) else { return false }
        return number >= 402
    }
}
