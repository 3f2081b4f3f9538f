/// One problem found while checking an interchange, with where it is and the standard code
/// that an acknowledgment reports for it.
public struct InterchangeIssue: Codable, Sendable, Equatable, Error, CustomStringConvertible {
    public var code: Code
    public var level: Level
    /// Tag of the segment involved (`SE`, `PO1`, `UNT`).
    public var segment: String?
    /// 1-based position within the transaction set / message (header = 1).
    public var segmentPosition: Int?
    /// 1-based position of the segment in the whole input.
    public var fileSegmentPosition: Int?
    /// Byte offset of the segment in the input.
    public var byteOffset: Int?
    /// 1-based data element position within the segment.
    public var elementPosition: Int?
    /// 1-based component position within the element.
    public var componentPosition: Int?
    /// 1-based interchange index in the input and its control number.
    public var interchange: Int?
    public var interchangeControlNumber: String?
    /// 1-based group index within the interchange and its control number.
    public var group: Int?
    public var groupControlNumber: String?
    /// 1-based set / message index within the group and its control number.
    public var set: Int?
    public var setControlNumber: String?
    /// The standard's code for an acknowledgment: TA105, AK905, AK502, AK304 or AK403 for X12
    /// (by `level`); the syntax error code (0085) for EDIFACT.
    public var standardCode: String?
    /// A sentence safe to show a trading partner.
    public var message: String

    public enum Level: String, Codable, Sendable {
        case file, interchange, group, set, segment, element
    }

    /// Machine-readable reason; grows without breaking callers.
    public struct Code: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }

        public static let unknownFormat = Code(rawValue: "unknownFormat")
        public static let strayData = Code(rawValue: "strayData")
        public static let malformedHeader = Code(rawValue: "malformedHeader")
        public static let headerFieldWidth = Code(rawValue: "headerFieldWidth")
        public static let headerFieldValue = Code(rawValue: "headerFieldValue")
        public static let invalidDelimiters = Code(rawValue: "invalidDelimiters")
        public static let missingTrailer = Code(rawValue: "missingTrailer")
        public static let unexpectedSegment = Code(rawValue: "unexpectedSegment")
        public static let segmentOutsideEnvelope = Code(rawValue: "segmentOutsideEnvelope")
        public static let countMismatch = Code(rawValue: "countMismatch")
        public static let controlNumberMismatch = Code(rawValue: "controlNumberMismatch")
        public static let duplicateControlNumber = Code(rawValue: "duplicateControlNumber")
        public static let emptyEnvelope = Code(rawValue: "emptyEnvelope")
        public static let invalidSegmentTag = Code(rawValue: "invalidSegmentTag")
        public static let illegalRepetition = Code(rawValue: "illegalRepetition")
        public static let syntaxNote = Code(rawValue: "syntaxNote")
        public static let tooManyComponents = Code(rawValue: "tooManyComponents")
        public static let tooManyElements = Code(rawValue: "tooManyElements")
        public static let missingElement = Code(rawValue: "missingElement")
        public static let unterminatedSegment = Code(rawValue: "unterminatedSegment")
        public static let characterRepertoire = Code(rawValue: "characterRepertoire")
        public static let invalidValue = Code(rawValue: "invalidValue")
    }

    public init(code: Code, level: Level, message: String, standardCode: String? = nil) {
        self.code = code
        self.level = level
        self.message = message
        self.standardCode = standardCode
    }

    public var description: String {
        var parts: [String] = []
        if let interchange { parts.append("interchange \(interchange)") }
        if let group { parts.append("group \(group)") }
        if let set { parts.append("set \(set)") }
        if let segment {
            parts.append("segment \(segment)" + (segmentPosition.map { " #\($0)" } ?? ""))
        }
        if let elementPosition { parts.append("element \(elementPosition)") }
        let location = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        return "\(code): \(message)\(location)"
    }
}
