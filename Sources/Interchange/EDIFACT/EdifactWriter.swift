/// Writes EDIFACT interchanges with UNA, release-character escaping and computed UNT/UNE/UNZ counts.
public struct EdifactWriter: Sendable {
    public var delimiters: Delimiters
    /// Writes a UNA service string advice first.
    public var serviceStringAdvice: Bool
    /// Writes a line feed after each segment terminator.
    public var lineBreaks: Bool

    public init(delimiters: Delimiters = .edifact, serviceStringAdvice: Bool = true, lineBreaks: Bool = false) {
        self.delimiters = delimiters
        self.serviceStringAdvice = serviceStringAdvice
        self.lineBreaks = lineBreaks
    }

    /// A copy with a new UNB05, UNG05 and UNH01 references from `source`.
    public static func assigningControlNumbers(_ interchange: EdifactInterchange, from source: ControlNumberSource) -> EdifactInterchange {
        var copy = interchange
        let sender = interchange.sender.id
        let receiver = interchange.recipient.id
        copy.controlReference = String(source.next(.interchange, sender: sender, receiver: receiver))
        for index in copy.messages.indices {
            copy.messages[index].reference = String(source.next(.set, sender: sender, receiver: receiver))
        }
        for groupIndex in copy.groups.indices {
            copy.groups[groupIndex].reference = String(source.next(.group, sender: sender, receiver: receiver))
            for index in copy.groups[groupIndex].messages.indices {
                copy.groups[groupIndex].messages[index].reference = String(source.next(.set, sender: sender, receiver: receiver))
            }
        }
        return copy
    }

    public func write(_ interchange: EdifactInterchange, numbers source: ControlNumberSource) throws(InterchangeWriteError) -> [UInt8] {
        try write(Self.assigningControlNumbers(interchange, from: source))
    }

    public func write(_ interchange: EdifactInterchange) throws(InterchangeWriteError) -> [UInt8] {
        if !interchange.messages.isEmpty, !interchange.groups.isEmpty {
            throw InterchangeWriteError(segment: "UNG", message: "An interchange holds either messages or groups, not both.")
        }
        let syntax4 = (Int(interchange.syntaxVersion) ?? 0) >= 4
        var active = delimiters
        if !syntax4 { active.repetition = nil }
        var out: [UInt8] = []
        if serviceStringAdvice {
            out.append(contentsOf: Array("UNA".utf8))
            out.append(contentsOf: [active.component, active.element, active.decimal, active.release ?? 0x20,
                                    active.repetition ?? 0x20, active.terminator])
            if lineBreaks { out.append(0x0A) }
        }
        func party(_ party: EdifactParty) -> Element { Element(components: [party.id] + (party.qualifier.map { [$0] } ?? [])) }
        var unb: [Element] = [Element(components: [interchange.syntaxIdentifier, interchange.syntaxVersion]),
                              party(interchange.sender), party(interchange.recipient),
                              Element(components: [interchange.date, interchange.time]), Element(interchange.controlReference)]
        if interchange.applicationReference != nil || interchange.testIndicator {
            unb += ["", Element(interchange.applicationReference ?? "")]
            if interchange.testIndicator { unb += ["", "", "", "1"] }
        }
        try append(Segment("UNB", unb), active, &out)
        for message in interchange.messages { try write(message, active, &out) }
        for group in interchange.groups {
            try append(Segment("UNG", [Element(group.groupId), party(group.sender), party(group.recipient),
                                       Element(components: [interchange.date, interchange.time]), Element(group.reference),
                                       "UN", Element(components: [group.messages.first?.version ?? "D", group.messages.first?.release ?? "96A"])]),
                       active, &out)
            for message in group.messages { try write(message, active, &out) }
            try append(Segment("UNE", [Element(String(group.messages.count)), Element(group.reference)]), active, &out)
        }
        let count = interchange.groups.isEmpty ? interchange.messages.count : interchange.groups.count
        try append(Segment("UNZ", [Element(String(count)), Element(interchange.controlReference)]), active, &out)
        return out
    }

    private func write(_ message: EdifactMessage, _ active: Delimiters, _ out: inout [UInt8]) throws(InterchangeWriteError) {
        var identifier = [message.type, message.version, message.release, message.agency]
        if let code = message.associationCode { identifier.append(code) }
        try append(Segment("UNH", [Element(message.reference), Element(components: identifier)]), active, &out)
        for segment in message.segments { try append(segment, active, &out) }
        try append(Segment("UNT", [Element(String(message.segments.count + 2)), Element(message.reference)]), active, &out)
    }

    /// Appends one segment, escaping service characters with the release character.
    func append(_ segment: Segment, _ active: Delimiters, _ out: inout [UInt8]) throws(InterchangeWriteError) {
        out.append(contentsOf: Array(segment.tag.utf8))
        var elements = segment.elements
        while let last = elements.last, last.isEmpty { elements.removeLast() }
        let special: Set<UInt8> = Set([active.element, active.component, active.terminator] + [active.release, active.repetition].compactMap { $0 })
        for (index, element) in elements.enumerated() {
            out.append(active.element)
            if element.repetitions.count > 1, active.repetition == nil {
                throw InterchangeWriteError(segment: segment.tag, elementPosition: index + 1,
                                            message: "The element repeats but syntax versions before 4 have no repetition separator.")
            }
            for (repetitionIndex, repetition) in element.repetitions.enumerated() {
                if repetitionIndex > 0 { out.append(active.repetition!) }
                var components = repetition
                while components.count > 1, components.last?.isEmpty == true { components.removeLast() }
                for (componentIndex, component) in components.enumerated() {
                    if componentIndex > 0 { out.append(active.component) }
                    for byte in component.utf8 {
                        if special.contains(byte) {
                            guard let release = active.release else {
                                throw InterchangeWriteError(segment: segment.tag, elementPosition: index + 1,
                                                            message: "The value contains a service character and no release character is in force.")
                            }
                            out.append(release)
                        }
                        out.append(byte)
                    }
                }
            }
        }
        out.append(active.terminator)
        if lineBreaks { out.append(0x0A) }
    }
}
