import Foundation

/// Checks X12 envelopes (ISA/IEA, GS/GE, ST/SE) and segment syntax while segments stream by,
/// and optionally keeps the segments as values.
struct X12Validator: SegmentConsumer {
    private struct OpenInterchange {
        var index: Int
        var controlNumber: String
        var sender: String
        var receiver: String
        var version: String
        var groupCount = 0
        var groupNumbers: Set<String> = []
        var failed = false
        var groups: [GroupSummary] = []
        var header = X12InterchangeHeader(senderId: "", receiverId: "", date: "", time: "", version: "")
        var values: [X12FunctionalGroup] = []
    }

    private struct OpenGroup {
        var index: Int
        var controlNumber: String?
        var functionalId: String?
        var version: String?
        var setNumbers: Set<Int> = []
        var failed = false
        var sets: [SetSummary] = []
        var setTotal = 0
        var verdicts: Set<Verdict> = []
        var value: X12FunctionalGroup?
    }

    private struct OpenSet {
        var index: Int
        var type: String
        var controlNumber: String
        var version: String?
        var count = 1
        var failed = false
        var segments: [Segment] = []
    }

    let keepSegments: Bool
    /// Sets listed per group in the summary; further sets are only counted, so memory stays flat.
    var setSummaryLimit = Int.max
    /// With `keepSegments`, receives each kept set instead of the group keeping it; returns false to stop reading.
    var setHandler: ((X12TransactionSet) -> Bool)?
    private(set) var isFinished = false
    /// Only when segments are kept.
    private let elementCache: ElementCache?
    private(set) var errors: [InterchangeIssue] = []
    private(set) var notes: [InterchangeIssue] = []
    private(set) var summaries: [InterchangeSummary] = []
    private(set) var documents: [X12Interchange] = []
    private(set) var fileFailed = false
    private(set) var firstGroupVersion: String?
    private(set) var firstVersion: String?
    private(set) var segmentCount = 0
    private(set) var setCount = 0
    private var interchangeNumbers: Set<String> = []
    private var current: OpenInterchange?
    private var group: OpenGroup?
    private var set: OpenSet?
    /// Segments in the last kept set, capped: the room reserved for the next one.
    private var segmentHint = 0
    private var interchangeIndex = 0
    private var segmentPosition: Int?
    private var segmentTag: SegmentTag?
    private var segmentOffset: Int?

    init(keepSegments: Bool = false) {
        self.keepSegments = keepSegments
        elementCache = keepSegments ? ElementCache() : nil
    }

    // MARK: Segment dispatch

    mutating func consume(_ segment: RawSegment) {
        segmentCount += 1
        segmentOffset = segment.offset
        let tagRange = segment.range(0)
        if tagRange.count == 3, segment.bytes[0] == 0x49 { // I
            if segment.tagIs(0x49, 0x53, 0x41) { return interchangeHeader(segment) }
            if segment.tagIs(0x49, 0x45, 0x41) { return interchangeTrailer(segment) }
        } else if tagRange.count == 3, segment.tagIs(0x54, 0x41, 0x31), let current, current.groupCount == 0, group == nil {
            return // TA1 interchange acknowledgments sit between ISA and the first GS
        } else if tagRange.count == 2 {
            if segment.tagIs(0x47, 0x53) { return groupHeader(segment) }
            if segment.tagIs(0x47, 0x45) { return groupTrailer(segment) }
            if segment.tagIs(0x53, 0x54) { return setHeader(segment) }
            if segment.tagIs(0x53, 0x45) { return setTrailer(segment) }
        }
        body(segment)
    }

    mutating func strayData(offset: Int, preview: String) {
        var issue = InterchangeIssue(code: .strayData, level: .file,
                                     message: "Data follows the last interchange trailer: \"\(preview)\".")
        issue.byteOffset = offset
        errors.append(issue)
        fileFailed = true
    }

    mutating func malformedHeader(offset: Int, message: String) {
        var issue = InterchangeIssue(code: .malformedHeader, level: .file, message: message, standardCode: "022")
        issue.byteOffset = offset
        errors.append(issue)
        fileFailed = true
    }

    // MARK: Body segments

    private mutating func body(_ segment: RawSegment) {
        guard set != nil else {
            locate(segment, position: nil)
            let level: InterchangeIssue.Level = group != nil ? .group : (current != nil ? .interchange : .file)
            report(.segmentOutsideEnvelope, level,
                   "Segment \(segment.tag) is outside a transaction set.", level == .interchange ? "024" : nil)
            return
        }
        set!.count += 1
        locate(segment, position: set!.count)
        checkTag(segment)
        if segment.containsRepetition { checkRepetitions(segment) }
        if let notes = X12SyntaxNotes.compiled[segment] {
            for note in notes {
                if let position = note.violation({ !segment.isBlank($0) }) {
                    let exclusion = note.kind == .exclusion
                    report(.syntaxNote, .element,
                           "\(segment.tag) breaks syntax note \(note): " + explain(note, tag: segment.tag),
                           exclusion ? "10" : "2", element: position)
                }
            }
        }
        if !segment.terminated { unterminated(segment) }
        if keepSegments { set!.segments.append(materialize(segment)) }
    }

    @inline(__always)
    private mutating func checkTag(_ segment: RawSegment) {
        if SegmentTag.tableIndex(segment) != nil { return }
        let range = segment.range(0)
        var valid = range.count >= 2 && range.count <= 3
        if valid {
            for index in range {
                let byte = segment.bytes[index]
                let upper = byte >= 0x41 && byte <= 0x5A
                if !(upper || (index > 0 && byte >= 0x30 && byte <= 0x39)) { valid = false }
            }
        }
        if !valid {
            report(.invalidSegmentTag, .segment, "\"\(segment.tag)\" is not a segment identifier.", "1")
        }
    }

    private mutating func checkRepetitions(_ segment: RawSegment) {
        guard let repetition = segment.delimiters.repetition, segment.elementCount > 0 else { return }
        let tag = segment.tag
        for position in 1...segment.elementCount where segment.bytes[segment.range(position)].contains(repetition) {
            let reference = tag + (position < 10 ? "0\(position)" : "\(position)")
            if X12SyntaxNotes.repeatable.contains(reference) { continue }
            let character = String(decoding: [repetition], as: UTF8.self)
            report(.illegalRepetition, .element,
                   "\(reference) contains the repetition separator \"\(character)\" (ISA11) but that element cannot repeat.",
                   "12", element: position)
        }
    }

    private func explain(_ note: X12SyntaxNote, tag: String) -> String {
        let names = note.positions.map { tag + ($0 < 10 ? "0\($0)" : "\($0)") }
        let rest = names.dropFirst().joined(separator: ", ")
        switch note.kind {
        case .paired: return "if any of \(names.joined(separator: ", ")) is present, all are required."
        case .required: return "at least one of \(names.joined(separator: ", ")) is required."
        case .exclusion: return "only one of \(names.joined(separator: ", ")) may be present."
        case .conditional: return "if \(names[0]) is present, \(rest) \(note.positions.count > 2 ? "are" : "is") required."
        case .listConditional: return "if \(names[0]) is present, at least one of \(rest) is required."
        }
    }

    private mutating func unterminated(_ segment: RawSegment) {
        var issue = InterchangeIssue(code: .unterminatedSegment, level: .segment,
                                     message: "The last segment \(segment.tag) has no segment terminator.")
        fill(&issue)
        notes.append(issue)
    }

    private func materialize(_ segment: RawSegment) -> Segment {
        segment.materialize(cache: elementCache)
    }

    // MARK: Interchange

    private static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]
    private static let isaCodes = ["010", "011", "012", "013", "005", "006", "007", "008", "014", "015", "016", "017", "018", "019", "020", "027"]

    private mutating func interchangeHeader(_ segment: RawSegment) {
        closeSet(missing: true)
        closeGroup(missing: true)
        closeInterchange(missing: true)
        interchangeIndex += 1
        let elements = (0...max(0, segment.elementCount)).map { segment.string($0) }
        func field(_ position: Int) -> String { position < elements.count ? elements[position] : "" }
        let trimmed = { (text: String) in text.trimmingCharacters(in: .whitespaces) }
        current = OpenInterchange(index: interchangeIndex, controlNumber: field(13),
                                  sender: trimmed(field(6)), receiver: trimmed(field(8)), version: field(12))
        group = nil
        set = nil
        locate(segment, position: nil)
        if firstVersion == nil { firstVersion = field(12) }

        if segment.elementCount != 16 {
            report(.malformedHeader, .interchange, "The ISA segment has \(segment.elementCount) elements; it must have 16.", "024")
        }
        var widthProblems = 0
        for position in 1...16 where position <= segment.elementCount {
            let width = segment.range(position).count
            if width != Self.isaWidths[position - 1] {
                widthProblems += 1
                report(.headerFieldWidth, .interchange,
                       "ISA\(position < 10 ? "0" : "")\(position) is \(width) characters wide; the fixed-width ISA needs \(Self.isaWidths[position - 1]).",
                       Self.isaCodes[position - 1], element: position)
            }
        }
        let length = segment.bytes.count + 1
        if widthProblems > 0 || length != 106 {
            report(.headerFieldWidth, .interchange, "The ISA segment is \(length) bytes long; a fixed-width ISA is 106 bytes.", "024")
        }
        let delimiters = segment.delimiters
        let version = field(12)
        func digits(_ text: String, _ count: Int) -> Bool { text.utf8.count == count && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if !digits(field(9), 6) { report(.headerFieldValue, .interchange, "ISA09 \"\(field(9))\" is not a YYMMDD date.", "014", element: 9) }
        if !digits(field(10), 4) { report(.headerFieldValue, .interchange, "ISA10 \"\(field(10))\" is not an HHMM time.", "015", element: 10) }
        if !digits(version, 5) { report(.headerFieldValue, .interchange, "ISA12 \"\(version)\" is not a 5-digit version.", "017", element: 12) }
        if !digits(field(13), 9) { report(.headerFieldValue, .interchange, "ISA13 \"\(field(13))\" is not a 9-digit control number.", "018", element: 13) }
        if field(14) != "0" && field(14) != "1" { report(.headerFieldValue, .interchange, "ISA14 must be 0 or 1.", "019", element: 14) }
        if !["P", "T", "I"].contains(field(15)) { report(.headerFieldValue, .interchange, "ISA15 must be P, T or I.", "020", element: 15) }
        let isa11 = field(11)
        if X12Version.allowsRepetition(version) {
            if delimiters.repetition == nil {
                report(.invalidDelimiters, .interchange,
                       "ISA11 \"\(isa11)\" must be a repetition separator distinct from the other delimiters for version \(version).",
                       "016", element: 11)
            }
        } else if isa11 != "U" {
            report(.invalidDelimiters, .interchange,
                   "ISA11 must be \"U\" for version \(version); the repetition separator \"\(isa11)\" only exists from version 00402 on.",
                   "016", element: 11)
        }
        let special = [delimiters.element, delimiters.component, delimiters.terminator] + (delimiters.repetition.map { [$0] } ?? [])
        if Set(special).count != special.count || special.contains(where: isAlphanumeric) {
            report(.invalidDelimiters, .interchange,
                   "The element separator, component separator, repetition separator and segment terminator must be distinct special characters.",
                   "026")
        }
        if interchangeNumbers.contains(field(13)) {
            var issue = InterchangeIssue(code: .duplicateControlNumber, level: .interchange,
                                         message: "Interchange control number \(field(13)) was already used earlier in this input.",
                                         standardCode: "025")
            fill(&issue)
            notes.append(issue)
        }
        interchangeNumbers.insert(field(13))
        do {
            var header = X12InterchangeHeader(senderQualifier: field(5), senderId: trimmed(field(6)), receiverQualifier: field(7),
                                              receiverId: trimmed(field(8)), date: field(9), time: field(10), version: version,
                                              controlNumber: field(13), acknowledgmentRequested: field(14) == "1", usage: field(15))
            header.authorizationQualifier = field(1)
            header.authorization = trimmed(field(2))
            header.securityQualifier = field(3)
            header.security = trimmed(field(4))
            current!.header = header
        }
    }

    private mutating func interchangeTrailer(_ segment: RawSegment) {
        closeSet(missing: true)
        closeGroup(missing: true)
        locate(segment, position: nil)
        guard current != nil else {
            report(.unexpectedSegment, .file, "IEA without a matching ISA.")
            return
        }
        let count = segment.string(1)
        if Int(count) != current!.groupCount {
            report(.countMismatch, .interchange,
                   "IEA01 says \(count) functional groups but the interchange has \(current!.groupCount).", "021", element: 1)
        }
        let number = segment.string(2)
        if number != current!.controlNumber {
            report(.controlNumberMismatch, .interchange,
                   "IEA02 \"\(number)\" does not match ISA13 \"\(current!.controlNumber)\".", "001", element: 2)
        }
        if !segment.terminated { unterminated(segment) }
        closeInterchange(missing: false)
    }

    private mutating func closeInterchange(missing: Bool) {
        guard let open = current else { return }
        if missing {
            segmentPosition = nil
            segmentTag = SegmentTag("IEA")
            report(.missingTrailer, .interchange, "Interchange \(open.controlNumber) has no IEA trailer.", "023")
        }
        let finished = current!
        var verdict = Verdict.combining(finished.groups.map(\.verdict))
        if finished.failed { verdict = .rejected }
        if finished.groups.isEmpty && !finished.failed { verdict = .accepted }
        summaries.append(InterchangeSummary(controlNumber: finished.controlNumber, sender: finished.sender,
                                            receiver: finished.receiver, version: finished.version,
                                            verdict: verdict, groups: finished.groups))
        documents.append(X12Interchange(header: finished.header, groups: finished.values))
        current = nil
    }

    // MARK: Group

    private mutating func groupHeader(_ segment: RawSegment) {
        closeSet(missing: true)
        closeGroup(missing: true)
        locate(segment, position: nil)
        if current == nil {
            report(.segmentOutsideEnvelope, .file, "GS appears outside an interchange.")
            interchangeIndex += 1
            current = OpenInterchange(index: interchangeIndex, controlNumber: "", sender: "", receiver: "", version: "")
            current!.failed = true
        }
        current!.groupCount += 1
        let number = segment.string(6)
        group = OpenGroup(index: current!.groupCount, controlNumber: number, functionalId: segment.string(1),
                          version: segment.string(8))
        if firstGroupVersion == nil { firstGroupVersion = segment.string(8) }
        if segment.elementCount < 8 {
            report(.missingElement, .group, "GS has \(segment.elementCount) elements; it needs 8.", "24")
        }
        if number.isEmpty || number.utf8.count > 9 || !number.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            report(.headerFieldValue, .group, "GS06 \"\(number)\" is not a group control number of 1 to 9 digits.", "6", element: 6)
        }
        if current!.groupNumbers.contains(number) {
            report(.duplicateControlNumber, .group,
                   "Group control number \(number) is used twice in interchange \(current!.controlNumber).", "19", element: 6)
        }
        current!.groupNumbers.insert(number)
        do {
            group!.value = X12FunctionalGroup(functionalId: segment.string(1), applicationSender: segment.string(2),
                                              applicationReceiver: segment.string(3), date: segment.string(4),
                                              time: segment.string(5), controlNumber: number, version: segment.string(8), sets: [])
        }
    }

    private mutating func groupTrailer(_ segment: RawSegment) {
        closeSet(missing: true)
        locate(segment, position: nil)
        guard let open = group else {
            report(.unexpectedSegment, current == nil ? .file : .interchange, "GE without a matching GS.", "024")
            return
        }
        let count = segment.string(1)
        if Int(count) != open.setTotal {
            report(.countMismatch, .group,
                   "GE01 says \(count) transaction sets but the group has \(open.setTotal).", "5", element: 1)
        }
        let number = segment.string(2)
        if number != (open.controlNumber ?? "") {
            report(.controlNumberMismatch, .group,
                   "GE02 \"\(number)\" does not match GS06 \"\(open.controlNumber ?? "")\".", "4", element: 2)
        }
        if !segment.terminated { unterminated(segment) }
        closeGroup(missing: false)
    }

    private mutating func closeGroup(missing: Bool) {
        guard let open = group else { return }
        if missing {
            segmentPosition = nil
            segmentTag = SegmentTag("GE")
            report(.missingTrailer, .group, "Functional group \(open.controlNumber ?? "") has no GE trailer.", "3")
        }
        let finished = group!
        var verdict = Verdict.combining(Array(finished.verdicts))
        if finished.failed { verdict = .rejected }
        current?.groups.append(GroupSummary(controlNumber: finished.controlNumber, functionalId: finished.functionalId,
                                            version: finished.version, verdict: verdict, setCount: finished.setTotal,
                                            sets: finished.sets))
        current?.values.append(finished.value ?? X12FunctionalGroup(functionalId: "", applicationSender: "", applicationReceiver: "", date: "", time: "", sets: []))
        group = nil
    }

    // MARK: Transaction set

    private mutating func setHeader(_ segment: RawSegment) {
        closeSet(missing: true)
        locate(segment, position: 1)
        if group == nil {
            report(.segmentOutsideEnvelope, current == nil ? .file : .interchange, "ST appears outside a functional group.", "024")
            if current == nil {
                interchangeIndex += 1
                current = OpenInterchange(index: interchangeIndex, controlNumber: "", sender: "", receiver: "", version: "")
                current!.failed = true
            }
            current!.groupCount += 1
            group = OpenGroup(index: current!.groupCount)
            group!.failed = true
        }
        setCount += 1
        let number = segment.string(2)
        set = OpenSet(index: group!.setTotal + 1, type: segment.string(1), controlNumber: number,
                      version: segment.elementCount >= 3 ? segment.string(3) : nil)
        if keepSegments, segmentHint > 0 { set!.segments.reserveCapacity(segmentHint) }
        locate(segment, position: 1)
        if segment.string(1).isEmpty {
            report(.missingElement, .set, "ST01 (transaction set identifier) is missing.", "6", element: 1)
        }
        if number.utf8.count < 4 || number.utf8.count > 9 {
            report(.headerFieldValue, .set, "ST02 \"\(number)\" is not a control number of 4 to 9 characters.", "7", element: 2)
        }
        if group!.setNumbers.contains(number.hashValue) {
            report(.duplicateControlNumber, .set,
                   "Transaction set control number \(number) is used twice in group \(group!.controlNumber ?? "").", "23", element: 2)
        }
        group!.setNumbers.insert(number.hashValue)
    }

    private mutating func setTrailer(_ segment: RawSegment) {
        guard set != nil else {
            locate(segment, position: nil)
            report(.unexpectedSegment, group != nil ? .group : (current != nil ? .interchange : .file),
                   "SE without a matching ST.", current != nil && group == nil ? "024" : nil)
            return
        }
        set!.count += 1
        locate(segment, position: set!.count)
        let count = segment.string(1)
        if Int(count) != set!.count {
            report(.countMismatch, .set, "SE01 says \(count) segments but the transaction set has \(set!.count).", "4", element: 1)
        }
        let number = segment.string(2)
        if number != set!.controlNumber {
            report(.controlNumberMismatch, .set, "SE02 \"\(number)\" does not match ST02 \"\(set!.controlNumber)\".", "3", element: 2)
        }
        if !segment.terminated { unterminated(segment) }
        closeSet(missing: false)
    }

    private mutating func closeSet(missing: Bool) {
        guard let open = set else { return }
        if missing {
            segmentPosition = nil
            segmentTag = SegmentTag("SE")
            report(.missingTrailer, .set, "Transaction set \(open.controlNumber) has no SE trailer.", "2")
        }
        let finished = set!
        if keepSegments { segmentHint = min(finished.segments.count, 1024) }
        let verdict: Verdict = finished.failed ? .rejected : .accepted
        group?.setTotal += 1
        group?.verdicts.insert(verdict)
        if (group?.sets.count ?? 0) < setSummaryLimit {
            group?.sets.append(SetSummary(type: finished.type, controlNumber: finished.controlNumber, segments: finished.count,
                                          version: finished.version, verdict: verdict))
        }
        if keepSegments, group?.value != nil {
            let value = X12TransactionSet(type: finished.type, controlNumber: finished.controlNumber, segments: finished.segments)
            if let setHandler {
                if !isFinished, !setHandler(value) { isFinished = true }
            } else {
                group!.value!.sets.append(value)
            }
        }
        set = nil
    }

    // MARK: Reporting

    private mutating func locate(_ segment: RawSegment, position: Int?) {
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
            issue.interchangeControlNumber = current.controlNumber
        }
        if let group {
            issue.group = group.index
            issue.groupControlNumber = group.controlNumber
        }
        if let set {
            issue.set = set.index
            issue.setControlNumber = set.controlNumber
        }
    }

    private mutating func report(_ code: InterchangeIssue.Code, _ level: InterchangeIssue.Level, _ message: String,
                                 _ standardCode: String? = nil, element: Int? = nil) {
        var issue = InterchangeIssue(code: code, level: level, message: message, standardCode: standardCode)
        issue.elementPosition = element
        fill(&issue)
        switch level {
        case .file: fileFailed = true
        case .interchange: current?.failed = true
        case .group: group?.failed = true
        case .set, .segment, .element:
            if set != nil { set!.failed = true } else if group != nil { group!.failed = true } else { current?.failed = true }
        }
        if level == .file, current == nil { fileFailed = true }
        errors.append(issue)
    }

    /// Closes whatever is still open at the end of input.
    mutating func finish() {
        closeSet(missing: true)
        closeGroup(missing: true)
        closeInterchange(missing: true)
    }
}
