/// Writes X12 interchanges: fixed-width ISA, SE/GE/IEA counts computed, delimiters configurable.
public struct X12Writer: Sendable {
    public var delimiters: Delimiters
    /// Writes a line feed after each segment terminator, for people reading the file.
    public var lineBreaks: Bool

    public init(delimiters: Delimiters = .x12, lineBreaks: Bool = false) {
        self.delimiters = delimiters
        self.lineBreaks = lineBreaks
    }

    /// A copy of `interchange` with new ISA13, GS06 and ST02 numbers from `source`.
    public static func assigningControlNumbers(_ interchange: X12Interchange, from source: ControlNumberSource) -> X12Interchange {
        var copy = interchange
        let sender = interchange.header.senderId
        let receiver = interchange.header.receiverId
        copy.header.controlNumber = pad(source.next(.interchange, sender: sender, receiver: receiver), 9)
        for groupIndex in copy.groups.indices {
            copy.groups[groupIndex].controlNumber = String(source.next(.group, sender: sender, receiver: receiver))
            for setIndex in copy.groups[groupIndex].sets.indices {
                copy.groups[groupIndex].sets[setIndex].controlNumber = pad(source.next(.set, sender: sender, receiver: receiver), 4)
            }
        }
        return copy
    }

    /// Assigns control numbers from `source`, then writes.
    public func write(_ interchange: X12Interchange, numbers source: ControlNumberSource) throws(InterchangeWriteError) -> [UInt8] {
        try write(Self.assigningControlNumbers(interchange, from: source))
    }

    /// Writes with the control numbers the values carry.
    public func write(_ interchange: X12Interchange) throws(InterchangeWriteError) -> [UInt8] {
        var out: [UInt8] = []
        try writeHeader(interchange.header, into: &out)
        for group in interchange.groups {
            try append(Segment("GS", [.init(group.functionalId), .init(group.applicationSender), .init(group.applicationReceiver),
                                      .init(group.date), .init(group.time), .init(group.controlNumber), "X", .init(group.version)]), to: &out)
            for set in group.sets {
                try append(Segment("ST", [.init(set.type), .init(set.controlNumber)]), to: &out)
                for segment in set.segments { try append(segment, to: &out) }
                try append(Segment("SE", [.init(String(set.segments.count + 2)), .init(set.controlNumber)]), to: &out)
            }
            try append(Segment("GE", [.init(String(group.sets.count)), .init(group.controlNumber)]), to: &out)
        }
        try append(Segment("IEA", [.init(String(interchange.groups.count)), .init(interchange.header.controlNumber)]), to: &out)
        return out
    }

    private func writeHeader(_ header: X12InterchangeHeader, into out: inout [UInt8]) throws(InterchangeWriteError) {
        let repetitionAllowed = X12Version.allowsRepetition(header.version)
        if repetitionAllowed, delimiters.repetition == nil {
            throw InterchangeWriteError(segment: "ISA", elementPosition: 11, message: "Version \(header.version) needs a repetition separator.")
        }
        let isa11 = repetitionAllowed ? String(decoding: [delimiters.repetition!], as: UTF8.self) : "U"
        let fields: [(String, Int)] = [
            (header.authorizationQualifier, 2), (header.authorization, 10), (header.securityQualifier, 2), (header.security, 10),
            (header.senderQualifier, 2), (header.senderId, 15), (header.receiverQualifier, 2), (header.receiverId, 15),
            (header.date, 6), (header.time, 4), (isa11, 1), (header.version, 5), (header.controlNumber, 9),
            (header.acknowledgmentRequested ? "1" : "0", 1), (header.usage, 1),
        ]
        out.append(contentsOf: Array("ISA".utf8))
        for (index, (value, width)) in fields.enumerated() {
            let bytes = Array(value.utf8)
            if bytes.count > width {
                throw InterchangeWriteError(segment: "ISA", elementPosition: index + 1,
                                            message: "\"\(value)\" is longer than the \(width) characters of the fixed-width ISA.")
            }
            if index != 10, let bad = bytes.first(where: isDelimiter) {
                throw InterchangeWriteError(segment: "ISA", elementPosition: index + 1,
                                            message: "The value contains the delimiter \"\(String(decoding: [bad], as: UTF8.self))\".")
            }
            out.append(delimiters.element)
            out.append(contentsOf: bytes)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - bytes.count))
        }
        out.append(delimiters.element)
        out.append(delimiters.component)
        out.append(delimiters.terminator)
        if lineBreaks { out.append(0x0A) }
    }

    private func isDelimiter(_ byte: UInt8) -> Bool {
        byte == delimiters.element || byte == delimiters.component || byte == delimiters.terminator || byte == delimiters.repetition
    }

    /// Appends one segment, leaving out trailing empty elements and components.
    func append(_ segment: Segment, to out: inout [UInt8]) throws(InterchangeWriteError) {
        out.append(contentsOf: Array(segment.tag.utf8))
        var elements = segment.elements
        while let last = elements.last, last.isEmpty { elements.removeLast() }
        for (index, element) in elements.enumerated() {
            out.append(delimiters.element)
            var repetitions = element.repetitions
            if repetitions.count > 1, delimiters.repetition == nil {
                throw InterchangeWriteError(segment: segment.tag, elementPosition: index + 1, message: "The element repeats but no repetition separator is in force.")
            }
            while repetitions.count > 1, let last = repetitions.last, last.allSatisfy(\.isEmpty) { repetitions.removeLast() }
            for (repetitionIndex, repetition) in repetitions.enumerated() {
                if repetitionIndex > 0 { out.append(delimiters.repetition!) }
                var components = repetition
                while components.count > 1, components.last?.isEmpty == true { components.removeLast() }
                for (componentIndex, component) in components.enumerated() {
                    if componentIndex > 0 { out.append(delimiters.component) }
                    let bytes = Array(component.utf8)
                    if let bad = bytes.first(where: isDelimiter) {
                        throw InterchangeWriteError(segment: segment.tag, elementPosition: index + 1,
                                                    message: "The value \"\(component)\" contains the delimiter \"\(String(decoding: [bad], as: UTF8.self))\"; X12 has no release character.")
                    }
                    out.append(contentsOf: bytes)
                }
            }
        }
        out.append(delimiters.terminator)
        if lineBreaks { out.append(0x0A) }
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
