import Foundation
import Procurement
import Testing
@testable import Interchange

/// The streaming entry points hand out the same sets and reports as the in-memory readers, and
/// the benchmark's generated files check and map cleanly.
struct StreamingReaderTests {
    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: SampleVerdictTests.samples.appendingPathComponent(folder).path)
            .sorted().map { "\(folder)/\($0)" }
    }

    @Test("X12: forEachTransactionSet over a file and over memory equals X12Reader.read on every sample")
    func x12Samples() throws {
        for name in try Self.files("x12") {
            let bytes = try SampleVerdictTests.load(name)
            let read = X12Reader.read(bytes)
            let expected = read.interchanges.flatMap { $0.groups.flatMap(\.sets) }
            var fromFile: [X12TransactionSet] = []
            let fileReport = try X12Reader.forEachTransactionSet(fileAt: SampleVerdictTests.samples.appendingPathComponent(name)) { fromFile.append($0) }
            var fromMemory: [X12TransactionSet] = []
            let memoryReport = try X12Reader.forEachTransactionSet(in: MemoryByteSource(bytes)) { fromMemory.append($0) }
            #expect(fromFile == expected, "\(name)")
            #expect(fromMemory == expected, "\(name)")
            #expect(fileReport == read.report, "\(name)")
            #expect(memoryReport == read.report, "\(name)")
            #expect(!expected.isEmpty || read.report.verdict == .rejected, "\(name)")
        }
    }

    @Test("EDIFACT: forEachMessage over a file and over memory equals EdifactReader.read on every sample")
    func edifactSamples() throws {
        for name in try Self.files("edifact") {
            let bytes = try SampleVerdictTests.load(name)
            let read = EdifactReader.read(bytes)
            let expected = read.interchanges.flatMap { $0.messages + $0.groups.flatMap(\.messages) }
            var fromFile: [EdifactMessage] = []
            let fileReport = try EdifactReader.forEachMessage(fileAt: SampleVerdictTests.samples.appendingPathComponent(name)) { fromFile.append($0) }
            var fromMemory: [EdifactMessage] = []
            let memoryReport = try EdifactReader.forEachMessage(in: MemoryByteSource(bytes)) { fromMemory.append($0) }
            #expect(fromFile == expected, "\(name)")
            #expect(fromMemory == expected, "\(name)")
            #expect(fileReport == read.report, "\(name)")
            #expect(memoryReport == read.report, "\(name)")
            #expect(!expected.isEmpty, "\(name)")
        }
    }

    struct Stop: Error {}

    @Test("a throwing body stops the reading and its error comes back")
    func bodyThrows() throws {
        let set = InboundOrderMapTests.orders().map { X12OrderMaps.purchaseOrder($0, issued: InboundOrderMapTests.day) }
        let bytes = try InboundOrderMapTests.x12Bytes(set + set)
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try X12Reader.forEachTransactionSet(in: MemoryByteSource(bytes)) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)

        let messages = InboundOrderMapTests.orders().map { EdifactOrderMaps.orders($0, issued: InboundOrderMapTests.day) }
        let edifact = try InboundOrderMapTests.edifactBytes(messages)
        var mapped: [PurchaseOrder] = []
        let report = try EdifactReader.forEachMessage(in: MemoryByteSource(edifact)) { mapped.append(try EdifactOrderMaps.purchaseOrder(from: $0)) }
        #expect(report.verdict == .accepted)
        #expect(mapped == InboundOrderMapTests.orders())
        calls = 0
        #expect(throws: Stop.self) {
            _ = try EdifactReader.forEachMessage(in: MemoryByteSource(edifact)) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
    }

    @Test("benchmark files: both passes accept every document and the map pass maps each one", arguments: [Standard.x12, .edifact])
    func benchmarkPasses(standard: Standard) throws {
        let figures = try InterchangeBenchmark.measure(standard, megabytes: 1)
        #expect(figures.map(\.pass) == [.check, .map])
        #expect(figures.allSatisfy { $0.verdict == .accepted && $0.documents > 100 })
        #expect(figures[1].documents == figures[0].documents)
        #expect(figures[1].mapped == figures[1].documents, "\(figures[1].firstMapError ?? "")")
        let lines = InterchangeBenchmark.run(megabytes: 1).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("X12 ") || $0.hasPrefix("EDIFACT ") }.count == 4, "one line per standard and pass")
    }

    @Test("EDIFACT: a repeated segment reads the same each time, and the same bytes under other service characters read by those")
    func repeatedSegments() throws {
        let text = "UNA:+.? '\nUNB+UNOC:3+A:14+B:14+240115:1200+1'\n"
            + "UNH+1+ORDERS:D:96A:UN'FTX+AAI+++a:b?:c'FTX+AAI+++a:b?:c'DTM+2:20240201:102'UNT+5+1'\nUNZ+1+1'\n"
            + "UNA;+.? '\nUNB+UNOC;3+A;14+B;14+240115;1200+2'\n"
            + "UNH+2+ORDERS;D;96A;UN'FTX+AAI+++a:b?:c'DTM+2:20240201:102'UNT+4+2'\nUNZ+1+2'\n"
        var messages: [EdifactMessage] = []
        let report = try EdifactReader.forEachMessage(in: MemoryByteSource(Array(text.utf8))) { messages.append($0) }
        #expect(report.verdict == .accepted)
        try #require(messages.count == 2)
        let first = messages[0].segments, second = messages[1].segments
        #expect(first[0] == first[1])
        #expect(first[0][4]?.components == ["a", "b:c"])
        #expect(first[2][1]?.components == ["2", "20240201", "102"])
        #expect(second[0][4]?.components == ["a:b:c"])
        #expect(second[1][1]?.components == ["2:20240201:102"])
        #expect(messages == EdifactReader.read(Array(text.utf8)).interchanges.flatMap(\.messages))
    }
}
