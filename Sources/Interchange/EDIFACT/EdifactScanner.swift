#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits an EDIFACT byte stream into segments. Each interchange takes its service characters
/// from its own UNA (or the defaults `:+.? '`); the repetition separator only exists from syntax
/// version 4 on, so for earlier versions `*` is data. A released terminator does not end a segment.
struct EdifactScanner<Source: ByteSource> {
    private let window: ByteWindow<Source>

    init(source: Source, chunkSize: Int = 1 << 20) {
        window = ByteWindow(source: source, chunkSize: chunkSize)
    }

    private static func configure(_ classes: inout [UInt8], _ delimiters: inout Delimiters, repetition: UInt8?,
                                  repertoire: EdifactRepertoire?) {
        for index in 0..<256 {
            classes[index] = repertoire.map { $0.allows(UInt8(index)) ? ByteClass.data : ByteClass.foreign } ?? ByteClass.data
        }
        delimiters.repetition = repetition
        classes[Int(delimiters.element)] = ByteClass.element
        classes[Int(delimiters.component)] = ByteClass.component
        classes[Int(delimiters.terminator)] = ByteClass.data
        if let release = delimiters.release { classes[Int(release)] = ByteClass.release }
        if let repetition { classes[Int(repetition)] = ByteClass.repetition }
    }

    func run<Consumer: SegmentConsumer>(_ consumer: inout Consumer) {
        var starts = ElementStarts()
        var componentCounts = ElementStarts()
        defer {
            starts.release()
            componentCounts.release()
        }
        var classes = [UInt8](repeating: ByteClass.data, count: 256)
        var delimiters = Delimiters.edifact
        var advised: [UInt8]?
        var expectHeader = true
        var headerReady = false
        var atStart = true

        while true {
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
                if expectHeader ? isBlankByte(byte) : isLineBreak(byte) {
                    window.start += 1
                } else {
                    break
                }
            }
            _ = window.ensure(9)
            let base = window.storage + window.start
            let available = window.end - window.start
            let isUNA = available >= 3 && base[0] == 0x55 && base[1] == 0x4E && base[2] == 0x41
            let isUNB = available >= 3 && base[0] == 0x55 && base[1] == 0x4E && base[2] == 0x42
            if isUNA {
                guard available >= 9 else {
                    consumer.malformedHeader(offset: window.baseOffset + window.start,
                                             message: "The UNA service string advice is shorter than 9 characters.")
                    return
                }
                let characters = Array(UnsafeBufferPointer(start: base + 3, count: 6))
                consumer.serviceStringAdvice(offset: window.baseOffset + window.start, characters: characters)
                advised = characters
                window.start += 9
                expectHeader = true
                headerReady = false
                continue
            }
            if isUNB, !headerReady {
                if let advised {
                    delimiters = Delimiters(element: advised[1], component: advised[0], repetition: nil,
                                            terminator: advised[5], release: advised[3] == 0x20 ? nil : advised[3],
                                            decimal: advised[2])
                } else {
                    delimiters = .edifact
                }
                Self.configure(&classes, &delimiters, repetition: nil, repertoire: nil)
                expectHeader = false
                headerReady = true
            } else if expectHeader {
                consumer.strayData(offset: window.baseOffset + window.start, preview: preview(base, count: available))
                return
            }

            // Find the end of the segment, skipping released terminators.
            var segmentEnd = 0
            var terminated = true
            var searchFrom = window.start
            while true {
                if let found = memchr(window.storage + searchFrom, Int32(delimiters.terminator), window.end - searchFrom) {
                    let index = UnsafeMutablePointer(found.assumingMemoryBound(to: UInt8.self)) - window.storage
                    var releases = 0
                    if let release = delimiters.release {
                        var back = index - 1
                        while back >= window.start, window.storage[back] == release { releases += 1; back -= 1 }
                    }
                    if releases % 2 == 0 {
                        segmentEnd = index
                        break
                    }
                    searchFrom = index + 1
                    continue
                }
                let pending = window.end - window.start
                if !window.refill() {
                    segmentEnd = window.end
                    terminated = false
                    break
                }
                searchFrom = window.start + pending
            }

            let segmentStart = window.start
            var contentEnd = segmentEnd
            if !terminated {
                while contentEnd > segmentStart, isLineBreak(window.storage[contentEnd - 1]) { contentEnd -= 1 }
            }
            let length = contentEnd - segmentStart
            starts.reserve(length + 2)
            componentCounts.reserve(length + 2)
            let pointer = window.storage + segmentStart
            let startPointer = starts.pointer
            let countPointer = componentCounts.pointer
            startPointer[0] = 0
            var count = 1
            var sawRepetition = false
            var sawRelease = false
            var foreign = -1
            classes.withUnsafeBufferPointer { table in
                var index = 0
                var components = 1
                var most = 1
                while index < length {
                    let kind = table[Int(pointer[index])]
                    if kind != 0 {
                        switch kind {
                        case ByteClass.component:
                            components += 1
                            if components > most { most = components }
                        case ByteClass.element:
                            countPointer[count - 1] = most
                            components = 1
                            most = 1
                            startPointer[count] = index + 1
                            count += 1
                        case ByteClass.repetition:
                            components = 1
                            sawRepetition = true
                        case ByteClass.release:
                            sawRelease = true
                            index += 1
                            if index < length, foreign < 0, table[Int(pointer[index])] == ByteClass.foreign { foreign = index }
                        default:
                            if foreign < 0 { foreign = index }
                        }
                    }
                    index += 1
                }
                countPointer[count - 1] = most
            }
            var segment = RawSegment(bytes: UnsafeBufferPointer(start: pointer, count: length),
                                     starts: UnsafeBufferPointer(start: startPointer, count: count),
                                     offset: window.baseOffset + segmentStart, terminated: terminated,
                                     delimiters: delimiters, containsRepetition: sawRepetition,
                                     containsRelease: sawRelease)
            segment.firstForeignIndex = foreign
            segment.componentCounts = UnsafeBufferPointer(start: countPointer, count: count)
            let isHeader = segment.tagIs(0x55, 0x4E, 0x42)
            let isTrailer = segment.tagIs(0x55, 0x4E, 0x5A)
            var syntax: (identifier: String, version: Int)?
            if isHeader {
                let parts = segment.elementCount >= 1 ? segment.components(segment.range(1)) : []
                let identifier = parts.first.map { segment.text($0) } ?? ""
                let version = parts.count > 1 ? Int(segment.text(parts[1])) ?? 0 : 0
                syntax = (identifier, version)
            }
            consumer.consume(segment)
            window.start = terminated ? segmentEnd + 1 : segmentEnd
            if let syntax {
                var repetition: UInt8?
                if syntax.version >= 4 {
                    if let advised { repetition = advised[4] == 0x20 ? nil : advised[4] } else { repetition = UInt8(ascii: "*") }
                }
                Self.configure(&classes, &delimiters, repetition: repetition, repertoire: EdifactRepertoire(identifier: syntax.identifier))
            }
            if isTrailer {
                expectHeader = true
                headerReady = false
                advised = nil
            }
            if consumer.isFinished { return }
        }
    }
}

/// The characters a syntax identifier (UNB S001 0001) allows.
struct EdifactRepertoire {
    private let table: [Bool]

    init?(identifier: String) {
        var allowed = [Bool](repeating: false, count: 256)
        switch identifier {
        case "UNOA":
            for byte in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/='+:?!\"%&*;<>".utf8) { allowed[Int(byte)] = true }
        case "UNOB":
            for byte in 0x20...0x7E { allowed[byte] = true }
        case "UNOC", "UNOD", "UNOE", "UNOF", "UNOG", "UNOH", "UNOI", "UNOJ", "UNOK":
            for byte in 0x20...0x7E { allowed[byte] = true }
            for byte in 0xA0...0xFF { allowed[byte] = true }
        case "UNOW", "UNOX", "UNOY", "KECA":
            for byte in 0x20...0xFF where byte != 0x7F { allowed[byte] = true }
        default:
            return nil
        }
        table = allowed
    }

    func allows(_ byte: UInt8) -> Bool { table[Int(byte)] }
}
