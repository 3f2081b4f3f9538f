/// How to prepare functional acknowledgments (997 for X12, CONTRL for EDIFACT).
public struct AcknowledgmentOptions: Sendable {
    /// Preparation date as CCYYMMDD and time as HHMM; time comes in as a value.
    public var date: String
    public var time: String
    /// Add a TA1 for each X12 interchange: on header/trailer errors, always, or never.
    public var interchangeAcknowledgment: InterchangeAcknowledgment
    /// X12 `P` or `T`.
    public var usage: String
    public var lineBreaks: Bool

    public enum InterchangeAcknowledgment: Sendable { case never, onError, always }

    public init(date: String, time: String, interchangeAcknowledgment: InterchangeAcknowledgment = .onError,
                usage: String = "P", lineBreaks: Bool = false) {
        self.date = date
        self.time = time
        self.interchangeAcknowledgment = interchangeAcknowledgment
        self.usage = usage
        self.lineBreaks = lineBreaks
    }
}

/// Checks `bytes` and answers with a 997 (X12) or CONTRL (EDIFACT) per received interchange,
/// using control numbers from `numbers`. Returns an empty array for input that is neither.
public func acknowledge(_ bytes: [UInt8], options: AcknowledgmentOptions, numbers: ControlNumberSource) -> [UInt8] {
    switch InterchangeChecker.detect(bytes.prefix(64)) {
    case .x12:
        let result = X12Reader.read(MemoryByteSource(bytes), keepSegments: false)
        return FunctionalAcknowledgment.x12(result, options: options, numbers: numbers)
    case .edifact:
        let result = EdifactReader.read(MemoryByteSource(bytes), keepSegments: false)
        return FunctionalAcknowledgment.contrl(result, options: options, numbers: numbers)
    case .unknown:
        return []
    }
}

/// Functional acknowledgments built from a check report.
enum FunctionalAcknowledgment {}
