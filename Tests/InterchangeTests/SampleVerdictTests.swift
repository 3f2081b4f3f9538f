import Foundation
import Testing
@testable import Interchange

/// Every public sample file gets the verdict its README gives.
struct SampleVerdictTests {
    static let samples: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/interchange-samples")

    static let expected: [(String, Verdict)] = [
        ("x12/node-x12__850.edi", .accepted),
        ("x12/node-x12__855.edi", .accepted),
        ("x12/node-x12__856.edi", .rejected),
        ("x12/EdiEngine__850.OK.edi", .accepted),
        ("x12/EdiEngine__850.Composite.SLN.OK.edi", .accepted),
        ("x12/EdiEngine__850.SyntaxNotes.ERR.edi", .rejected),
        ("x12/EdiEngine__856.Crossdock.OK.edi", .accepted),
        ("x12/EdiEngine__MultipleInterchangesAndGroups.edi", .rejected),
        ("x12/EdiEngine__ControlNumbersMismatch.edi", .rejected),
        ("x12/EdiEngine__WrongGroupsAndTranCount.edi", .rejected),
        ("x12/EDIFACT.NET__X12_810_00204.txt", .accepted),
        ("x12/EDIFACT.NET__X12_810_00204_BOM.txt", .accepted),
        ("x12/EDIFACT.NET__X12_810_00204_NonDefaultSeparators.txt", .accepted),
        ("x12/EDIFACT.NET__X12_810_00204_RepetitionSeparator.txt", .rejected),
        ("x12/EDIFACT.NET__X12_810_00204_MultipleGroups.txt", .rejected),
        ("x12/EDIFACT.NET__X12_810_00204_MultipleInterchanges.txt", .accepted),
        ("x12/EDIFACT.NET__X12_810_00204_InvalidTrailers.txt", .rejected),
        ("x12/EDIFACT.NET__X12_810_00204_SegmentSeparatorIsNewLine.txt", .rejected),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A.txt", .accepted),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_BOM.txt", .accepted),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_NonDefaultSeparators.txt", .accepted),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_MultipleGroups.txt", .rejected),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_MultipleInterchange.txt", .accepted),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_TrailingSeparator.txt", .accepted),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_InvalidTrailers.txt", .rejected),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_LF.txt", .accepted),
        ("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_RepeatingDataElement.txt", .rejected),
        ("edifact/pydifact__order.edi", .rejected),
        ("edifact/pydifact__invoice1.edi", .accepted),
        ("edifact/pydifact__order2.edi", .rejected),
    ]

    static func load(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    @Test("every sample file has a verdict in the table")
    func tableCoversAllSamples() throws {
        var onDisk: Set<String> = []
        for folder in ["x12", "edifact"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: Self.samples.appendingPathComponent(folder).path) {
                onDisk.insert("\(folder)/\(name)")
            }
        }
        #expect(onDisk == Set(Self.expected.map(\.0)))
    }

    @Test("sample verdicts", arguments: expected)
    func verdict(_ name: String, _ verdict: Verdict) throws {
        let report = checkInterchange(try Self.load(name))
        #expect(report.verdict == verdict, "\(name): \(report.errors.map(\.description).joined(separator: " | "))")
    }

    @Test("streaming from the file gives the same report", arguments: expected)
    func streamed(_ name: String, _ verdict: Verdict) throws {
        let fromFile = try checkInterchange(fileAt: Self.samples.appendingPathComponent(name))
        #expect(fromFile == checkInterchange(try Self.load(name)))
    }
}
