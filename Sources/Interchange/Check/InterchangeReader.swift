/// Reads interchanges into values (for maps and tests) and checks them in the same pass.
public struct X12ReadResult: Sendable {
    public var interchanges: [X12Interchange]
    public var report: CheckReport
}

public struct EdifactReadResult: Sendable {
    public var interchanges: [EdifactInterchange]
    public var report: CheckReport
}

public enum X12Reader {
    /// Reads every interchange in `bytes`, keeping all segments as values.
    public static func read(_ bytes: [UInt8]) -> X12ReadResult {
        read(MemoryByteSource(bytes), keepSegments: true)
    }

    static func read<Source: ByteSource>(_ source: Source, keepSegments: Bool) -> X12ReadResult {
        var validator = X12Validator(keepSegments: keepSegments)
        X12Scanner(source: source).run(&validator)
        validator.finish()
        let report = InterchangeChecker.report(.x12, version: validator.firstGroupVersion ?? validator.firstVersion,
                                               summaries: validator.summaries, errors: validator.errors,
                                               notes: validator.notes, fileFailed: validator.fileFailed)
        return X12ReadResult(interchanges: validator.documents, report: report)
    }
}

public enum EdifactReader {
    /// Reads every interchange in `bytes`, keeping all segments as values.
    public static func read(_ bytes: [UInt8]) -> EdifactReadResult {
        read(MemoryByteSource(bytes), keepSegments: true)
    }

    static func read<Source: ByteSource>(_ source: Source, keepSegments: Bool) -> EdifactReadResult {
        var validator = EdifactValidator(keepSegments: keepSegments)
        EdifactScanner(source: source).run(&validator)
        validator.finish()
        let report = InterchangeChecker.report(.edifact, version: validator.firstSyntax, summaries: validator.summaries,
                                               errors: validator.errors, notes: validator.notes, fileFailed: validator.fileFailed)
        return EdifactReadResult(interchanges: validator.documents, report: report)
    }
}
