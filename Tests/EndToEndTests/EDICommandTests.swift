import Foundation
import Testing

/// `supplyline edi check|ack|to-json` as a partner onboarding engineer runs them.
@Suite("supplyline edi commands")
struct EDICommandTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/interchange-samples").standardized

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Executables.hub
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func checkPrintsAVerdictAndExitsZeroWhenAccepted() throws {
        let (status, output) = try run(["edi", "check", Self.samples.appendingPathComponent("x12/node-x12__850.edi").path])
        #expect(status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        #expect(json?["verdict"] as? String == "accepted")
        #expect(json?["standard"] as? String == "X12")
    }

    @Test func checkLocatesErrorsAndExitsOneWhenRejected() throws {
        let (status, output) = try run(["edi", "check", Self.samples.appendingPathComponent("x12/EdiEngine__ControlNumbersMismatch.edi").path])
        #expect(status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        #expect(json?["verdict"] as? String == "rejected")
        let errors = json?["errors"] as? [[String: Any]] ?? []
        let se = errors.first { $0["segment"] as? String == "SE" }
        #expect(se?["elementPosition"] as? Int == 2)
        #expect((se?["message"] as? String)?.contains("ST02") == true)
    }

    @Test func ackAnswersX12With997AndEDIFACTWithCONTRL() throws {
        let x12 = try run(["edi", "ack", Self.samples.appendingPathComponent("x12/EdiEngine__ControlNumbersMismatch.edi").path])
        #expect(x12.status == 0)
        #expect(x12.output.hasPrefix("ISA"))
        #expect(x12.output.contains("ST*997*"))
        #expect(x12.output.contains("AK5*R"))
        let edifact = try run(["edi", "ack", Self.samples.appendingPathComponent("edifact/EDIFACT.NET__Edifact_INVOIC_D00A.txt").path])
        #expect(edifact.status == 0)
        #expect(edifact.output.contains("CONTRL"))
    }

    @Test func toJSONListsTheDocuments() throws {
        let (status, output) = try run(["edi", "to-json", Self.samples.appendingPathComponent("x12/node-x12__855.edi").path])
        #expect(status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let documents = json?["documents"] as? [[String: Any]] ?? []
        #expect(documents.first?["type"] as? String == "855")
    }

    @Test func toJSONGivesShipNoticesAndInvoicesTheirCanonicalForm() throws {
        let asn = try run(["edi", "to-json", Self.samples.appendingPathComponent("x12/EdiEngine__856.Crossdock.OK.edi").path])
        let asnJSON = try JSONSerialization.jsonObject(with: Data(asn.output.utf8)) as? [String: Any]
        let notice = (asnJSON?["documents"] as? [[String: Any]])?.first?["shipNotice"] as? [String: Any]
        #expect(notice != nil)
        #expect(((notice?["packages"] as? [Any])?.count ?? 0) > 0)
        let invoice = try run(["edi", "to-json", Self.samples.appendingPathComponent("edifact/pydifact__invoice1.edi").path])
        let invoiceJSON = try JSONSerialization.jsonObject(with: Data(invoice.output.utf8)) as? [String: Any]
        let value = (invoiceJSON?["documents"] as? [[String: Any]])?.first?["invoice"] as? [String: Any]
        #expect(value?["number"] as? String == "1060113800026")
    }

    @Test func unreadableFilesAndUnknownCommandsAreUsageErrors() throws {
        #expect(try run(["edi", "check", "/nonexistent/file.edi"]).status == 2)
        #expect(try run(["edi", "frobnicate", "/etc/hostname"]).status == 2)
        #expect(try run(["nonsense"]).status == 2)
    }
}
