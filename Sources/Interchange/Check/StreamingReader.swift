import Foundation

extension X12Reader {
    /// Reads and checks a file like `read`, streaming: each transaction set is built as values
    /// only while it is open and handed to `body` when it closes, then dropped, so memory does
    /// not grow with the file. `body` sees the same sets, in the same order, as `read` returns.
    /// If `body` throws, reading stops and the error is rethrown. `setSummaryLimit` caps the sets
    /// listed per group in the report (all are still checked and counted).
    public static func forEachTransactionSet(fileAt url: URL, setSummaryLimit: Int = .max,
                                             _ body: (X12TransactionSet) throws -> Void) throws -> CheckReport {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try forEachTransactionSet(in: FileDescriptorByteSource(fileHandle: handle), setSummaryLimit: setSummaryLimit, body)
    }

    /// The streaming read over bytes in memory or any other `ByteSource`.
    public static func forEachTransactionSet<Source: ByteSource>(in source: Source, setSummaryLimit: Int = .max,
                                                                 _ body: (X12TransactionSet) throws -> Void) throws -> CheckReport {
        var failure: Error?
        let report = withoutActuallyEscaping(body) { body -> CheckReport in
            var validator = X12Validator(keepSegments: true)
            validator.setSummaryLimit = setSummaryLimit
            validator.setHandler = { set in
                do {
                    try body(set)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            X12Scanner(source: source).run(&validator)
            validator.finish()
            return InterchangeChecker.report(.x12, version: validator.firstGroupVersion ?? validator.firstVersion,
                                             summaries: validator.summaries, errors: validator.errors,
                                             notes: validator.notes, fileFailed: validator.fileFailed)
        }
        if let failure { throw failure }
        return report
    }
}

extension EdifactReader {
    /// Reads and checks a file like `read`, streaming: each message is built as values only while
    /// it is open and handed to `body` when it closes, then dropped, so memory does not grow with
    /// the file. `body` sees the messages `read` returns, with or without UNG groups, in file
    /// order. If `body` throws, reading stops and the error is rethrown.
    public static func forEachMessage(fileAt url: URL, setSummaryLimit: Int = .max,
                                      _ body: (EdifactMessage) throws -> Void) throws -> CheckReport {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try forEachMessage(in: FileDescriptorByteSource(fileHandle: handle), setSummaryLimit: setSummaryLimit, body)
    }

    /// The streaming read over bytes in memory or any other `ByteSource`.
    public static func forEachMessage<Source: ByteSource>(in source: Source, setSummaryLimit: Int = .max,
                                                          _ body: (EdifactMessage) throws -> Void) throws -> CheckReport {
        var failure: Error?
        let report = withoutActuallyEscaping(body) { body -> CheckReport in
            var validator = EdifactValidator(keepSegments: true)
            validator.setSummaryLimit = setSummaryLimit
            validator.messageHandler = { message in
                do {
                    try body(message)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            EdifactScanner(source: source).run(&validator)
            validator.finish()
            return InterchangeChecker.report(.edifact, version: validator.firstSyntax, summaries: validator.summaries,
                                             errors: validator.errors, notes: validator.notes, fileFailed: validator.fileFailed)
        }
        if let failure { throw failure }
        return report
    }
}
