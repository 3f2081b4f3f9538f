import Foundation
import Testing
@testable import Interchange

struct SegmentReaderTests {
    @Test("X12 segments stream from a raw buffer with tags, elements and components")
    func x12() throws {
        let bytes = try SampleVerdictTests.load("x12/EdiEngine__850.Composite.SLN.OK.edi")
        var tags: [String] = []
        var composite: [String] = []
        let problems = bytes.withUnsafeBytes { buffer in
            X12SegmentReader(source: RawBufferByteSource(buffer), chunkSize: 64).forEachSegment { segment in
                tags.append(segment.tag)
                if segment.tag == "SLN", composite.isEmpty { composite = segment.materialize().elements[4].components }
            }
        }
        #expect(problems.isEmpty)
        #expect(tags.first == "ISA" && tags.last == "IEA")
        #expect(tags.count == 15)
        #expect(composite == ["PC", "11.1", "12.2", "EA", "13.3", "14.4"])
    }

    @Test("EDIFACT segments stream from a file; stray data is returned as a problem")
    func edifact() throws {
        let url = SampleVerdictTests.samples.appendingPathComponent("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_InvalidTrailers.txt")
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var count = 0
        let problems = EdifactSegmentReader(source: FileDescriptorByteSource(fileHandle: handle)).forEachSegment { _ in count += 1 }
        #expect(count == 1 + 41 + 1)
        #expect(problems.map(\.code) == [.strayData])
    }
}
