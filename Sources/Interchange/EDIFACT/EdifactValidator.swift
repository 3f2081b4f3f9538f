import Foundation

/// Checks EDIFACT envelopes (UNA/UNB/UNZ, UNG/UNE, UNH/UNT), component counts and the character
/// repertoire while segments stream by, and optionally keeps the segments as values.
struct EdifactValidator: SegmentConsumer {
    private struct OpenInterchange {
        var index: Int
        var controlReference: String
        var sender: String
        var receiver: String
        var syntax: String
        var groupCount = 0
        var messageCount = 0
        var failed = false
        var groups: [GroupSummary] = []
        var looseMessages: [SetSummary] = []
        var looseVerdicts: Set<Verdict> = []
        var foreignReported = false
        var value: EdifactInterchange?
    }

    private struct OpenGroup {
        var index: Int
        var reference: String
        var groupId: String
        var version: String?
        var failed = false
        var sets: [SetSummary] = []
        var setTotal = 0
        var verdicts: Set<Verdict> = []
        var value: EdifactGroup?
    }

    private struct OpenMessage {
        var index: Int
        var reference: String
        var type: String
        var version: String
        var count = 1
        var failed = false
        var value: EdifactMessage?
    }

    let keepSegments: Bool
    /// Segments in the last kept message, capped: the room reserved for the next one.
    private var segmentHint = 0
    /// Messages listed per group in the summary; further messages are only counted.
    var setSummaryLimit = Int.max
    /// With `keepSegments`, receives each kept message instead of the interchange or group keeping it;
    /// returns false to stop reading.
    var messageHandler: ((EdifactMessage) -> Bool)?
    private(set) var isFinished = false
    /// Only when segments are kept.
    private let elementCache: ElementCache?
    private(set) var errors: [InterchangeIssue] = []
    private(set) var notes: [InterchangeIssue] = []
    private(set) var summaries: [InterchangeSummary] = []
    private(set) var documents: [EdifactInterchange] = []
    private(set) var fileFailed = false
    private(set) var firstSyntax: String?
    private(set) var segmentCount = 0
    private(set) var messageCount = 0
    private var current: OpenInterchange?
    private var group: OpenGroup?
    private var message: OpenMessage?
    private var messageReferences: Set<Int> = []
    private var interchangeIndex = 0
    private var pendingAdvice: [UInt8]?
    private var segmentTag: SegmentTag?
    private var segmentPosition: Int?
    private var segmentOffset: Int?

    init(keepSegments: Bool = false) {
        self.keepSegments = keepSegments
        elementCache = keepSegments ? ElementCache() : nil
    }

    mutating func serviceStringAdvice(offset: Int, characters: [UInt8]) {
        segmentCount += 1
        if message != nil || current != nil {
            closeMessage(missing: true)
            closeGroup(missing: true)
            closeInterchange(missing: true)
        }
        pendingAdvice = characters
        segmentTag = SegmentTag("UNA")
        segmentPosition = nil
        segmentOffset = offset
        let used = [characters[0], characters[1], characters[3], characters[5]].filter { $0 != 0x20 }
        if Set(used).count != used.count || used.contains(where: isAlphanumeric) {
            report(.invalidDelimiters, .file, "The UNA service characters are not distinct special characters.", "20")
        }
    }

    mutating func strayData(offset: Int, preview: String) {
        var issue = InterchangeIssue(code: .strayData, level: .file,
                                     message: "Data follows the last interchange trailer: \"\(preview)\".", standardCode: "33")
        issue.byteOffset = offset
        errors.append(issue)
        fileFailed = true
    }

    mutating func malformedHeader(offset: Int, message: String) {
        var issue = InterchangeIssue(code: .malformedHeader, level: .file, message: message, standardCode: "20")
        issue.byteOffset = offset
        errors.append(issue)
        fileFailed = true
    }

    mutating func consume(_ segment: RawSegment) {
        segmentCount += 1
        segmentOffset = segment.offset
        if segment.range(0).count == 3, segment.bytes[0] == 0x55, segment.bytes[1] == 0x4E { // UN
            switch segment.bytes[2] {
            case 0x42: return interchangeHeader(segment)
            case 0x5A: return interchangeTrailer(segment)
            case 0x47: return groupHeader(segment)
            case 0x45: return groupTrailer(segment)
            case 0x48: return messageHeader(segment)
            case 0x54: return messageTrailer(segment)
            default: break
            }
        }
        body(segment)
    }

    // MARK: Body

    private mutating func body(_ segment: RawSegment) {
        guard message != nil else {
            locate(segment, nil)
            report(.segmentOutsideEnvelope, current == nil ? .file : (group == nil ? .interchange : .group),
                   "Segment \(segment.tag) is outside a message.", "33")
            return
        }
        message!.count += 1
        locate(segment, message!.count)
        let tagRange = segment.range(0)
        var valid = tagRange.count == 3
        for index in tagRange where !(segment.bytes[index] >= 0x41 && segment.bytes[index] <= 0x5A) { valid = false }
        if !valid {
            report(.invalidSegmentTag, .segment, "\"\(segment.tag)\" is not a segment tag.", "12")
        } else if let limits = EdifactSegmentTable.compiledMessage[segment] {
            checkLimits(segment, limits)
        }
        if segment.firstForeignIndex >= 0 { foreign(segment) }
        if !segment.terminated { unterminated(segment) }
        if keepSegments { message!.value?.segments.append(segment.materialize(cache: elementCache)) }
    }

    private mutating func checkLimits(_ segment: RawSegment, _ limits: [Int]) {
        if segment.elementCount > limits.count {
            report(.tooManyElements, .segment,
                   "\(segment.tag) has \(segment.elementCount) data elements; at most \(limits.count) are allowed.", "16")
        }
        guard segment.elementCount > 0 else { return }
        for position in 1...min(segment.elementCount, limits.count) {
            let count = segment.maxComponentCount(position)
            if count > limits[position - 1] {
                var text = "\(segment.tag) element \(position) has \(count) components; at most \(limits[position - 1]) are allowed."
                if segment.delimiters.repetition == nil, segment.bytes[segment.range(position)].contains(UInt8(ascii: "*")) {
                    text += " Syntax versions before 4 have no repetition separator, so \"*\" is data."
                }
                report(.tooManyComponents, .element, text, "16", element: position, component: limits[position - 1] + 1)
            }
        }
    }

    private mutating func foreign(_ segment: RawSegment) {
        guard current?.foreignReported == false else { return }
        current?.foreignReported = true
        let byte = segment.bytes[segment.firstForeignIndex]
        var issue = InterchangeIssue(code: .characterRepertoire, level: .segment,
                                     message: "Byte 0x\(String(byte, radix: 16, uppercase: true)) in \(segment.tag) is outside the \(current?.syntax ?? "declared") character repertoire; further occurrences in this interchange are not listed.",
                                     standardCode: "21")
        fill(&issue)
        issue.byteOffset = segment.offset + segment.firstForeignIndex
        notes.append(issue)
    }

    private mutating func unterminated(_ segment: RawSegment) {
        var issue = InterchangeIssue(code: .unterminatedSegment, level: .segment,
                                     message: "The last segment \(segment.tag) has no segment terminator.")
        fill(&issue)
        notes.append(issue)
    }

    private mutating func checkService(_ segment: RawSegment) {
        if let limits = EdifactSegmentTable.compiledService[segment] {
            checkLimits(segment, limits)
        }
        if !segment.terminated { unterminated(segment) }
    }

    /// The text of one component (1-based) of an element's first repetition; "" when absent.
    private func component(_ segment: RawSegment, _ position: Int, _ index: Int) -> String {
        guard position <= segment.elementCount, index >= 1 else { return "" }
        let range = segment.range(position)
        let release = segment.delimiters.release.map(Int.init) ?? -1
        let separator = Int(segment.delimiters.component)
        let repetition = segment.delimiters.repetition.map(Int.init) ?? -1
        var current = 1
        var lower = range.lowerBound
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            let byte = Int(segment.bytes[cursor])
            if byte == release {
                cursor += 2
                continue
            }
            if byte == separator || byte == repetition {
                if current == index { return segment.text(lower..<cursor) }
                if byte == repetition { return "" }
                current += 1
                lower = cursor + 1
            }
            cursor += 1
        }
        return current == index ? segment.text(lower..<range.upperBound) : ""
    }

    // MARK: Interchange

    private mutating func interchangeHeader(_ segment: RawSegment) {
        closeMessage(missing: true)
        closeGroup(missing: true)
        closeInterchange(missing: true)
        interchangeIndex += 1
        let syntax = component(segment, 1, 1) + ":" + component(segment, 1, 2)
        if firstSyntax == nil { firstSyntax = syntax }
        current = OpenInterchange(index: interchangeIndex, controlReference: segment.string(5),
                                  sender: component(segment, 2, 1), receiver: component(segment, 3, 1), syntax: syntax)
        pendingAdvice = nil
        messageReferences = []
        locate(segment, nil)
        if segment.elementCount < 5 {
            report(.missingElement, .interchange, "UNB has \(segment.elementCount) data elements; at least 5 are required.", "13")
        }
        for (position, name) in [(1, "syntax identifier"), (2, "interchange sender"), (3, "interchange recipient"),
                                 (4, "date and time of preparation"), (5, "interchange control reference")]
            where segment.isBlank(position) {
            report(.missingElement, .interchange, "UNB \(name) (element \(position)) is missing.", "13", element: position)
        }
        let version = Int(component(segment, 1, 2)) ?? 0
        if !(1...4).contains(version) {
            report(.headerFieldValue, .interchange, "UNB syntax version \"\(component(segment, 1, 2))\" is not 1 to 4.", "2", element: 1)
        }
        let reference = segment.string(5)
        if reference.utf8.count > 14 {
            report(.headerFieldValue, .interchange, "UNB interchange control reference \"\(reference)\" is longer than 14 characters.", "12", element: 5)
        }
        checkService(segment)
        do {
            let senderQualifier = component(segment, 2, 2)
            let recipientQualifier = component(segment, 3, 2)
            current!.value = EdifactInterchange(
                syntaxIdentifier: component(segment, 1, 1), syntaxVersion: component(segment, 1, 2),
                sender: EdifactParty(id: component(segment, 2, 1), qualifier: senderQualifier.isEmpty ? nil : senderQualifier),
                recipient: EdifactParty(id: component(segment, 3, 1), qualifier: recipientQualifier.isEmpty ? nil : recipientQualifier),
                date: component(segment, 4, 1), time: component(segment, 4, 2), controlReference: reference,
                applicationReference: segment.isBlank(7) ? nil : segment.string(7), testIndicator: segment.string(11) == "1")
        }
    }

    private mutating func interchangeTrailer(_ segment: RawSegment) {
        closeMessage(missing: true)
        closeGroup(missing: true)
        locate(segment, nil)
        guard let open = current else {
            report(.unexpectedSegment, .file, "UNZ without a matching UNB.", "33")
            return
        }
        let expected = open.groupCount > 0 ? open.groupCount : open.messageCount
        let count = segment.string(1)
        if Int(count) != expected {
            let what = open.groupCount > 0 ? "functional groups" : "messages"
            report(.countMismatch, .interchange, "UNZ01 says \(count) but the interchange has \(expected) \(what).", "29", element: 1)
        }
        let reference = segment.string(2)
        if reference != open.controlReference {
            report(.controlNumberMismatch, .interchange,
                   "UNZ02 \"\(reference)\" does not match the UNB interchange control reference \"\(open.controlReference)\".", "28", element: 2)
        }
        checkService(segment)
        closeInterchange(missing: false)
    }

    private mutating func closeInterchange(missing: Bool) {
        guard current != nil else { return }
        if missing {
            segmentTag = SegmentTag("UNZ")
            segmentPosition = nil
            report(.missingTrailer, .interchange, "Interchange \(current!.controlReference) has no UNZ trailer, so it is not closed.", "13")
        }
        let finished = current!
        var groups = finished.groups
        if finished.messageCount > 0 {
            groups.insert(GroupSummary(controlNumber: nil, functionalId: nil, version: nil,
                                       verdict: Verdict.combining(Array(finished.looseVerdicts)), setCount: finished.messageCount,
                                       sets: finished.looseMessages), at: 0)
        }
        var verdict = Verdict.combining(groups.map(\.verdict))
        if finished.failed { verdict = .rejected }
        summaries.append(InterchangeSummary(controlNumber: finished.controlReference, sender: finished.sender,
                                            receiver: finished.receiver, version: finished.syntax, verdict: verdict, groups: groups))
        documents.append(finished.value ?? EdifactInterchange(sender: EdifactParty(id: ""), recipient: EdifactParty(id: ""), date: "", time: ""))
        current = nil
    }

    // MARK: Group

    private mutating func groupHeader(_ segment: RawSegment) {
        closeMessage(missing: true)
        closeGroup(missing: true)
        locate(segment, nil)
        guard current != nil else {
            report(.segmentOutsideEnvelope, .file, "UNG appears outside an interchange.", "33")
            return
        }
        if current!.messageCount > 0 {
            report(.unexpectedSegment, .interchange, "The interchange mixes messages with and without functional groups.", "30")
        }
        current!.groupCount += 1
        group = OpenGroup(index: current!.groupCount, reference: segment.string(5), groupId: segment.string(1),
                          version: [component(segment, 7, 1), component(segment, 7, 2)].filter { !$0.isEmpty }.joined(separator: ":"))
        checkService(segment)
        do {
            group!.value = EdifactGroup(groupId: segment.string(1),
                                        sender: EdifactParty(id: component(segment, 2, 1), qualifier: component(segment, 2, 2).isEmpty ? nil : component(segment, 2, 2)),
                                        recipient: EdifactParty(id: component(segment, 3, 1), qualifier: component(segment, 3, 2).isEmpty ? nil : component(segment, 3, 2)),
                                        reference: segment.string(5), messages: [])
        }
    }

    private mutating func groupTrailer(_ segment: RawSegment) {
        closeMessage(missing: true)
        locate(segment, nil)
        guard let open = group else {
            report(.unexpectedSegment, current == nil ? .file : .interchange, "UNE without a matching UNG.", "33")
            return
        }
        let count = segment.string(1)
        if Int(count) != open.setTotal {
            report(.countMismatch, .group, "UNE01 says \(count) messages but the group has \(open.setTotal).", "29", element: 1)
        }
        let reference = segment.string(2)
        if reference != open.reference {
            report(.controlNumberMismatch, .group, "UNE02 \"\(reference)\" does not match UNG05 \"\(open.reference)\".", "28", element: 2)
        }
        checkService(segment)
        closeGroup(missing: false)
    }

    private mutating func closeGroup(missing: Bool) {
        guard group != nil else { return }
        if missing {
            segmentTag = SegmentTag("UNE")
            segmentPosition = nil
            report(.missingTrailer, .group, "Functional group \(group!.reference) has no UNE trailer.", "13")
        }
        let finished = group!
        var verdict = Verdict.combining(Array(finished.verdicts))
        if finished.failed { verdict = .rejected }
        current?.groups.append(GroupSummary(controlNumber: finished.reference, functionalId: finished.groupId,
                                            version: finished.version, verdict: verdict, setCount: finished.setTotal,
                                            sets: finished.sets))
        if let value = finished.value { current?.value?.groups.append(value) }
        group = nil
    }

    // MARK: Message

    private mutating func messageHeader(_ segment: RawSegment) {
        closeMessage(missing: true)
        locate(segment, 1)
        if current == nil {
            report(.segmentOutsideEnvelope, .file, "UNH appears outside an interchange.", "33")
            interchangeIndex += 1
            current = OpenInterchange(index: interchangeIndex, controlReference: "", sender: "", receiver: "", syntax: "")
            current!.failed = true
        }
        if group == nil {
            if current!.groupCount > 0 {
                report(.unexpectedSegment, .interchange, "The interchange mixes messages with and without functional groups.", "30")
            }
            current!.messageCount += 1
        }
        messageCount += 1
        let reference = segment.string(1)
        let index = group.map { $0.setTotal + 1 } ?? current!.messageCount
        let version = [component(segment, 2, 2), component(segment, 2, 3), component(segment, 2, 4)].joined(separator: ":")
        message = OpenMessage(index: index, reference: reference, type: component(segment, 2, 1), version: version)
        locate(segment, 1)
        if reference.isEmpty {
            report(.missingElement, .set, "UNH message reference number is missing.", "13", element: 1)
        }
        if segment.isBlank(2) {
            report(.missingElement, .set, "UNH message identifier is missing.", "13", element: 2)
        }
        var hasher = Hasher()
        hasher.combine(group?.index ?? 0)
        hasher.combine(reference)
        let key = hasher.finalize()
        if messageReferences.contains(key) {
            report(.duplicateControlNumber, .set, "Message reference \(reference) is used twice in the same group.", "26", element: 1)
        }
        messageReferences.insert(key)
        checkService(segment)
        do {
            let association = component(segment, 2, 5)
            message!.value = EdifactMessage(reference: reference, type: component(segment, 2, 1), version: component(segment, 2, 2),
                                            release: component(segment, 2, 3), agency: component(segment, 2, 4),
                                            associationCode: association.isEmpty ? nil : association, segments: [])
            if keepSegments, segmentHint > 0 { message!.value!.segments.reserveCapacity(segmentHint) }
        }
    }

    private mutating func messageTrailer(_ segment: RawSegment) {
        guard message != nil else {
            locate(segment, nil)
            report(.unexpectedSegment, current == nil ? .file : .interchange, "UNT without a matching UNH.", "33")
            return
        }
        message!.count += 1
        locate(segment, message!.count)
        let count = segment.string(1)
        if Int(count) != message!.count {
            report(.countMismatch, .set, "UNT01 says \(count) segments but the message has \(message!.count).", "29", element: 1)
        }
        let reference = segment.string(2)
        if reference != message!.reference {
            report(.controlNumberMismatch, .set, "UNT02 \"\(reference)\" does not match UNH01 \"\(message!.reference)\".", "28", element: 2)
        }
        checkService(segment)
        closeMessage(missing: false)
    }

    private mutating func closeMessage(missing: Bool) {
        guard message != nil else { return }
        if missing {
            segmentTag = SegmentTag("UNT")
            segmentPosition = nil
            report(.missingTrailer, .set, "Message \(message!.reference) has no UNT trailer.", "13")
        }
        let finished = message!
        if keepSegments, let kept = finished.value { segmentHint = min(kept.segments.count, 1024) }
        let summary = SetSummary(type: finished.type, controlNumber: finished.reference, segments: finished.count,
                                 version: finished.version, verdict: finished.failed ? .rejected : .accepted)
        if group != nil {
            group!.setTotal += 1
            group!.verdicts.insert(summary.verdict)
            if group!.sets.count < setSummaryLimit { group!.sets.append(summary) }
            if keepSegments, let value = finished.value, group!.value != nil {
                if messageHandler != nil { hand(value) } else { group!.value!.messages.append(value) }
            }
        } else {
            current?.looseVerdicts.insert(summary.verdict)
            if (current?.looseMessages.count ?? 0) < setSummaryLimit { current?.looseMessages.append(summary) }
            if keepSegments, let value = finished.value, current?.value != nil {
                if messageHandler != nil { hand(value) } else { current!.value!.messages.append(value) }
            }
        }
        message = nil
    }

    private mutating func hand(_ value: EdifactMessage) {
        if !isFinished, let messageHandler, !messageHandler(value) { isFinished = true }
    }

    // MARK: Reporting

    private mutating func locate(_ segment: RawSegment, _ position: Int?) {
        segmentTag = SegmentTag(segment)
        segmentPosition = position
        segmentOffset = segment.offset
    }

    private func fill(_ issue: inout InterchangeIssue) {
        issue.segment = segmentTag?.text
        issue.segmentPosition = segmentPosition
        issue.fileSegmentPosition = segmentCount
        issue.byteOffset = segmentOffset
        if let current {
            issue.interchange = current.index
            issue.interchangeControlNumber = current.controlReference
        }
        if let group {
            issue.group = group.index
            issue.groupControlNumber = group.reference
        }
        if let message {
            issue.set = message.index
            issue.setControlNumber = message.reference
        }
    }

    private mutating func report(_ code: InterchangeIssue.Code, _ level: InterchangeIssue.Level, _ text: String,
                                 _ standardCode: String? = nil, element: Int? = nil, component: Int? = nil) {
        var issue = InterchangeIssue(code: code, level: level, message: text, standardCode: standardCode)
        issue.elementPosition = element
        issue.componentPosition = component
        fill(&issue)
        switch level {
        case .file: fileFailed = true
        case .interchange: if current != nil { current!.failed = true } else { fileFailed = true }
        case .group: group?.failed = true
        case .set, .segment, .element:
            if message != nil { message!.failed = true } else if group != nil { group!.failed = true } else { current?.failed = true }
        }
        errors.append(issue)
    }

    mutating func finish() {
        closeMessage(missing: true)
        closeGroup(missing: true)
        closeInterchange(missing: true)
    }
}
