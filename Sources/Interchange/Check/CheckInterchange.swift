import Foundation

/// Checks every interchange in `bytes` (X12 or EDIFACT, detected from the first bytes) for
/// envelope and syntax errors.
public func checkInterchange(_ bytes: [UInt8]) -> CheckReport {
    InterchangeChecker.check(standard: InterchangeChecker.detect(bytes.prefix(64)), source: MemoryByteSource(bytes))
}

/// Checks a file without loading it whole. `setSummaryLimit` caps the sets listed per group in
/// the report (all are still checked and counted), so memory stays flat on very large files.
public func checkInterchange(fileAt url: URL, setSummaryLimit: Int = .max) throws -> CheckReport {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    let head = try handle.read(upToCount: 64) ?? Data()
    try handle.seek(toOffset: 0)
    return InterchangeChecker.check(standard: InterchangeChecker.detect([UInt8](head)[...]),
                                    source: FileDescriptorByteSource(fileHandle: handle), setSummaryLimit: setSummaryLimit)
}

enum InterchangeChecker {
    /// Looks past a BOM and blanks for `ISA`, `UNA` or `UNB`.
    static func detect(_ head: ArraySlice<UInt8>) -> Standard {
        var bytes = head
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop(while: isBlankByte)
        if bytes.starts(with: Array("ISA".utf8)) { return .x12 }
        if bytes.starts(with: Array("UNA".utf8)) || bytes.starts(with: Array("UNB".utf8)) { return .edifact }
        return .unknown
    }

    static func check<Source: ByteSource>(standard: Standard, source: Source, setSummaryLimit: Int = .max) -> CheckReport {
        switch standard {
        case .x12:
            var validator = X12Validator()
            validator.setSummaryLimit = setSummaryLimit
            X12Scanner(source: source).run(&validator)
            validator.finish()
            return report(.x12, version: validator.firstGroupVersion ?? validator.firstVersion,
                          summaries: validator.summaries, errors: validator.errors, notes: validator.notes,
                          fileFailed: validator.fileFailed)
        case .edifact:
            var validator = EdifactValidator()
            validator.setSummaryLimit = setSummaryLimit
            EdifactScanner(source: source).run(&validator)
            validator.finish()
            return report(.edifact, version: validator.firstSyntax, summaries: validator.summaries,
                          errors: validator.errors, notes: validator.notes, fileFailed: validator.fileFailed)
        case .unknown:
            let issue = InterchangeIssue(code: .unknownFormat, level: .file,
                                         message: "The input is neither X12 (it does not start with ISA) nor EDIFACT (it does not start with UNA or UNB).")
            return CheckReport(verdict: .rejected, standard: .unknown, version: nil, interchanges: [], errors: [issue], notes: [])
        }
    }

    static func report(_ standard: Standard, version: String?, summaries: [InterchangeSummary], errors: [InterchangeIssue],
                       notes: [InterchangeIssue], fileFailed: Bool) -> CheckReport {
        var verdict = Verdict.combining(summaries.map(\.verdict))
        if fileFailed || summaries.isEmpty { verdict = .rejected }
        var errors = errors
        if summaries.isEmpty && errors.isEmpty {
            errors.append(InterchangeIssue(code: .emptyEnvelope, level: .file, message: "The input holds no interchange."))
        }
        return CheckReport(verdict: verdict, standard: standard, version: version, interchanges: summaries,
                           errors: errors, notes: notes)
    }
}
