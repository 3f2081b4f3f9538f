// libFuzzer entry point for the Interchange parsers. `-sanitize=fuzzer` links libFuzzer's own
// `main`, so this file defines only `LLVMFuzzerTestOneInput` (and no `@main`).
//
// Built by scripts/fuzz against Procurement and Interchange compiled as separate modules
// (Interchange with -enable-testing, so the chunked-reading checks can drive the scanners and
// validators directly). Every broken invariant ends in fatalError, which libFuzzer records as a
// crash together with the input that caused it.

import Foundation
import Procurement
@testable import Interchange

// MARK: - Entry points

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    InterchangeFuzz.run(bytes)
    return 0
}


// MARK: - Invariants

enum InterchangeFuzz {
    static let order = PurchaseOrder(number: "PO-1001", revision: 1, supplier: "SUP-7", plant: "P7", currency: "EUR", lines: [
        OrderLine(line: 1, item: "WIDGET-1", description: "Widget", quantity: 10, unit: "EA", unitPrice: Decimal(string: "2.5")!,
                  needBy: LocalDate(iso: "2024-02-01")!),
        OrderLine(line: 2, item: "BOLT-9", description: "Bolt", quantity: 100, unit: "EA", unitPrice: Decimal(string: "0.1")!,
                  needBy: LocalDate(iso: "2024-02-01")!),
    ])

    static func run(_ bytes: [UInt8]) {
        let report = checkInterchange(bytes)
        require(report.verdict != .accepted || report.errors.isEmpty,
                "checkInterchange accepted the input but listed errors: \(report.errors)")
        if report.interchanges.isEmpty {
            require(report.verdict == .rejected, "checkInterchange did not reject an input without interchanges")
        }

        switch report.standard {
        case .x12:
            let read = X12Reader.read(bytes)
            require(read.report == report, "X12Reader.read and checkInterchange disagree:\n\(read.report)\n\(report)")
            require(read.interchanges.count <= report.interchanges.count, "X12Reader.read kept more interchanges than it reported")
            for interchange in read.interchanges {
                for group in interchange.groups {
                    for set in group.sets where set.type == "855" { _ = try? X12OrderMaps.orderResponse(set, answering: order) }
                }
            }
            checkChunkedX12(bytes, expected: report)
        case .edifact:
            let read = EdifactReader.read(bytes)
            require(read.report == report, "EdifactReader.read and checkInterchange disagree:\n\(read.report)\n\(report)")
            require(read.interchanges.count <= report.interchanges.count, "EdifactReader.read kept more interchanges than it reported")
            for interchange in read.interchanges {
                for message in interchange.messages + interchange.groups.flatMap(\.messages) where message.type == "ORDRSP" {
                    _ = try? EdifactOrderMaps.orderResponse(message, answering: order)
                }
            }
            checkChunkedEdifact(bytes, expected: report)
        case .unknown:
            require(report.verdict == .rejected, "input of unknown format was not rejected")
        }

        checkAcknowledgment(bytes, report: report)
    }

    /// Our own 997 / CONTRL must be a valid interchange.
    static func checkAcknowledgment(_ bytes: [UInt8], report: CheckReport) {
        let modes: [AcknowledgmentOptions.InterchangeAcknowledgment] = [.never, .onError, .always]
        let options = AcknowledgmentOptions(date: "20240115", time: "1200", interchangeAcknowledgment: modes[bytes.count % 3],
                                            usage: "P", lineBreaks: bytes.count & 4 != 0)
        let ack = acknowledge(bytes, options: options, numbers: SequentialControlNumbers())
        if report.standard == .unknown {
            require(ack.isEmpty, "acknowledge answered input of unknown format")
            return
        }
        guard !ack.isEmpty else { return }
        let ackReport = checkInterchange(ack)
        require(ackReport.standard == report.standard, "the acknowledgment is \(ackReport.standard), the input \(report.standard)")
        require(ackReport.verdict == .accepted,
                "our own acknowledgment is not accepted: \(ackReport.errors)\nacknowledgment: \(printable(ack))")
    }

    // MARK: Chunked reading

    /// Chunk sizes for the windows; 1 is left out (see Fuzz/README.md).
    static let chunkSizes = [2, 3, 5, 16]

    static func checkChunkedX12(_ bytes: [UInt8], expected: CheckReport) {
        let whole = segments { X12SegmentReader(source: MemoryByteSource(bytes)).forEachSegment($0) }
        for (index, chunk) in chunkSizes.enumerated() {
            let source = TrickleByteSource(bytes, seed: bytes.count &+ index)
            let pieces = segments { X12SegmentReader(source: source, chunkSize: chunk).forEachSegment($0) }
            require(pieces.segments == whole.segments, "X12 segments differ when read in \(chunk)-byte chunks")
            require(normalized(pieces.problems) == normalized(whole.problems),
                    "X12 reading problems differ in \(chunk)-byte chunks: \(pieces.problems) vs \(whole.problems)")

            var validator = X12Validator()
            X12Scanner(source: TrickleByteSource(bytes, seed: index), chunkSize: chunk).run(&validator)
            validator.finish()
            let report = InterchangeChecker.report(.x12, version: validator.firstGroupVersion ?? validator.firstVersion,
                                                   summaries: validator.summaries, errors: validator.errors, notes: validator.notes,
                                                   fileFailed: validator.fileFailed)
            require(normalized(report) == normalized(expected), "X12 verdict differs in \(chunk)-byte chunks:\n\(report)\n\(expected)")
        }
    }

    static func checkChunkedEdifact(_ bytes: [UInt8], expected: CheckReport) {
        let whole = segments { EdifactSegmentReader(source: MemoryByteSource(bytes)).forEachSegment($0) }
        for (index, chunk) in chunkSizes.enumerated() {
            let source = TrickleByteSource(bytes, seed: bytes.count &+ index)
            let pieces = segments { EdifactSegmentReader(source: source, chunkSize: chunk).forEachSegment($0) }
            require(pieces.segments == whole.segments, "EDIFACT segments differ when read in \(chunk)-byte chunks")
            require(normalized(pieces.problems) == normalized(whole.problems),
                    "EDIFACT reading problems differ in \(chunk)-byte chunks: \(pieces.problems) vs \(whole.problems)")

            var validator = EdifactValidator()
            EdifactScanner(source: TrickleByteSource(bytes, seed: index), chunkSize: chunk).run(&validator)
            validator.finish()
            let report = InterchangeChecker.report(.edifact, version: validator.firstSyntax, summaries: validator.summaries,
                                                   errors: validator.errors, notes: validator.notes, fileFailed: validator.fileFailed)
            require(normalized(report) == normalized(expected), "EDIFACT verdict differs in \(chunk)-byte chunks:\n\(report)\n\(expected)")
        }
    }

    struct SeenSegment: Equatable {
        var offset: Int
        var terminated: Bool
        var bytes: [UInt8]
        var segment: Segment
    }

    static func segments(_ read: ((RawSegment) -> Void) -> [InterchangeIssue]) -> (segments: [SeenSegment], problems: [InterchangeIssue]) {
        var seen: [SeenSegment] = []
        let problems = read { raw in
            seen.append(SeenSegment(offset: raw.offset, terminated: raw.terminated, bytes: Array(raw.bytes), segment: raw.materialize()))
        }
        return (seen, problems)
    }

    /// Messages may quote a preview of the bytes at hand, which depends on how much was read;
    /// everything else must match.
    static func normalized(_ issues: [InterchangeIssue]) -> [InterchangeIssue] {
        issues.map { issue in
            var copy = issue
            if copy.code == .strayData { copy.message = "" }
            return copy
        }
    }

    static func normalized(_ report: CheckReport) -> CheckReport {
        var copy = report
        copy.errors = normalized(report.errors)
        copy.notes = normalized(report.notes)
        return copy
    }

    // MARK: Support

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("Interchange invariant broken: " + message()) }
    }

    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(600).map { $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
    }
}

/// Hands out the input a few bytes per read (1 to 7, varying), the way a slow pipe or socket would.
struct TrickleByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private var state: UInt64

    init(_ bytes: [UInt8], seed: Int) {
        self.bytes = bytes
        state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let step = Int(state >> 61) + 1
        let count = min(step, buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}
