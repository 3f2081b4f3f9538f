import Foundation
import Testing
@testable import Interchange

/// Given a small interchange that breaks one envelope rule, the check names that rule and where it is.
struct X12EnvelopeTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let text: String
        let code: InterchangeIssue.Code
        let segment: String?
        let element: Int?
        let standardCode: String?
        var description: String { name }
    }

    static let cases: [Case] = {
        let isa = Fixtures.isa
        let gs = "GS*PO*BUYER*SUPPLIER*20240115*1200*7*X*004010~"
        let set = Fixtures.set850
        return [
            Case(name: "SE01 count", text: isa + gs + set.replacingOccurrences(of: "SE*5", with: "SE*6") + "GE*1*7~IEA*1*000000101~",
                 code: .countMismatch, segment: "SE", element: 1, standardCode: "4"),
            Case(name: "SE02 differs from ST02", text: isa + gs + set.replacingOccurrences(of: "SE*5*0001", with: "SE*5*0002") + "GE*1*7~IEA*1*000000101~",
                 code: .controlNumberMismatch, segment: "SE", element: 2, standardCode: "3"),
            Case(name: "GE01 count", text: isa + gs + set + "GE*3*7~IEA*1*000000101~",
                 code: .countMismatch, segment: "GE", element: 1, standardCode: "5"),
            Case(name: "GE02 differs from GS06", text: isa + gs + set + "GE*1*8~IEA*1*000000101~",
                 code: .controlNumberMismatch, segment: "GE", element: 2, standardCode: "4"),
            Case(name: "IEA01 count", text: isa + gs + set + "GE*1*7~IEA*2*000000101~",
                 code: .countMismatch, segment: "IEA", element: 1, standardCode: "021"),
            Case(name: "IEA02 compared as a string", text: isa + gs + set + "GE*1*7~IEA*1*101~",
                 code: .controlNumberMismatch, segment: "IEA", element: 2, standardCode: "001"),
            Case(name: "ISA field too narrow", text: isa.replacingOccurrences(of: "BUYER          ", with: "BUYER") + gs + set + "GE*1*7~IEA*1*000000101~",
                 code: .headerFieldWidth, segment: "ISA", element: 6, standardCode: "006"),
            Case(name: "stray data after IEA", text: isa + gs + set + "GE*1*7~IEA*1*000000101~XX",
                 code: .strayData, segment: nil, element: nil, standardCode: nil),
            Case(name: "missing SE", text: isa + gs + "ST*850*0001~BEG*00*SA*PO-1001**20240115~GE*1*7~IEA*1*000000101~",
                 code: .missingTrailer, segment: "SE", element: nil, standardCode: "2"),
            Case(name: "missing GE", text: isa + gs + set + "IEA*1*000000101~",
                 code: .missingTrailer, segment: "GE", element: nil, standardCode: "3"),
            Case(name: "missing IEA", text: isa + gs + set + "GE*1*7~",
                 code: .missingTrailer, segment: "IEA", element: nil, standardCode: "023"),
            Case(name: "nested ST", text: isa + gs + "ST*850*0001~ST*850*0002~BEG*00*SA*PO-1001**20240115~SE*3*0002~GE*2*7~IEA*1*000000101~",
                 code: .missingTrailer, segment: "SE", element: nil, standardCode: "2"),
            Case(name: "segment between sets", text: isa + gs + set + "REF*PO*1~GE*1*7~IEA*1*000000101~",
                 code: .segmentOutsideEnvelope, segment: "REF", element: nil, standardCode: nil),
            Case(name: "SE without ST", text: isa + gs + set + "SE*2*0009~GE*1*7~IEA*1*000000101~",
                 code: .unexpectedSegment, segment: "SE", element: nil, standardCode: nil),
            Case(name: "syntax note P0607", text: isa + gs + set.replacingOccurrences(of: "*BP*WIDGET-1", with: "*BP") + "GE*1*7~IEA*1*000000101~",
                 code: .syntaxNote, segment: "PO1", element: 7, standardCode: "2"),
            Case(name: "repetition separator before 00402", text: isa.replacingOccurrences(of: "*U*00401", with: "*^*00401") + gs + set + "GE*1*7~IEA*1*000000101~",
                 code: .invalidDelimiters, segment: "ISA", element: 11, standardCode: "016"),
            Case(name: "repetition in a simple element from 00402 on",
                 text: isa.replacingOccurrences(of: "*U*00401", with: "*^*00403") + gs + set.replacingOccurrences(of: "PO-1001", with: "PO^1001") + "GE*1*7~IEA*1*000000101~",
                 code: .illegalRepetition, segment: "BEG", element: 3, standardCode: "12"),
            Case(name: "duplicate ST02 in a group",
                 text: isa + gs + set + set + "GE*2*7~IEA*1*000000101~",
                 code: .duplicateControlNumber, segment: "ST", element: 2, standardCode: "23"),
            Case(name: "bad segment tag", text: isa + gs + set.replacingOccurrences(of: "CTT*1", with: "ctt*1") + "GE*1*7~IEA*1*000000101~",
                 code: .invalidSegmentTag, segment: "ctt", element: nil, standardCode: "1"),
            Case(name: "truncated ISA", text: "ISA*00*          *00*   ",
                 code: .malformedHeader, segment: nil, element: nil, standardCode: "022"),
        ]
    }()

    @Test("the good fixture is accepted")
    func goodFixture() {
        let report = checkInterchange(Fixtures.x12(Fixtures.good850))
        #expect(report.verdict == .accepted, "\(report.errors)")
        #expect(report.standard == .x12)
        #expect(report.version == "004010")
        #expect(report.interchanges.first?.groups.first?.sets.first == SetSummary(type: "850", controlNumber: "0001", segments: 5, version: nil, verdict: .accepted))
    }

    @Test("each broken rule is reported at its place", arguments: cases)
    func brokenRule(_ rule: Case) {
        let report = checkInterchange(Fixtures.x12(rule.text))
        // A bad set next to a good one leaves the group partly accepted.
        #expect(report.verdict != .accepted)
        let match = report.errors.first { $0.code == rule.code }
        #expect(match != nil, "\(rule.name): \(report.errors)")
        #expect(match?.segment == rule.segment)
        #expect(match?.elementPosition == rule.element)
        #expect(match?.standardCode == rule.standardCode)
        #expect(match?.message.hasSuffix(".") == true)
    }

    @Test("errors carry set position, file position and control numbers")
    func location() {
        let text = Fixtures.isa + "GS*PO*BUYER*SUPPLIER*20240115*1200*7*X*004010~"
            + Fixtures.set850.replacingOccurrences(of: "*BP*WIDGET-1", with: "*BP") + "GE*1*7~IEA*1*000000101~"
        let issue = checkInterchange(Fixtures.x12(text)).errors[0]
        #expect(issue.segmentPosition == 3)
        #expect(issue.fileSegmentPosition == 5)
        #expect(issue.interchange == 1 && issue.interchangeControlNumber == "000000101")
        #expect(issue.group == 1 && issue.groupControlNumber == "7")
        #expect(issue.set == 1 && issue.setControlNumber == "0001")
    }

    @Test("CRLF, CR and LF after terminators, BOM and leading blanks are tolerated",
          arguments: ["\r\n", "\n", "\r", ""])
    func lineEnds(_ lineEnd: String) {
        let text = "\u{FEFF}  \r\n" + Fixtures.good850.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "~", with: "~" + lineEnd)
        let report = checkInterchange(Fixtures.x12(text))
        #expect(report.verdict == .accepted, "\(report.errors)")
        #expect(report.interchanges.first?.groups.first?.sets.first?.segments == 5)
    }

    @Test("CRLF as the segment terminator line")
    func newlineTerminatorWithCRLF() {
        let text = Fixtures.good850.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "~", with: "\r\n")
        let report = checkInterchange(Fixtures.x12(text))
        #expect(report.verdict == .accepted, "\(report.errors)")
        let read = X12Reader.read(Fixtures.x12(text))
        #expect(read.interchanges.first?.groups.first?.sets.first?.segments.first?.value(3) == "PO-1001")
    }

    @Test("one bad set among good ones gives acceptedWithErrors")
    func partialGroup() {
        let bad = Fixtures.set850.replacingOccurrences(of: "0001", with: "0002").replacingOccurrences(of: "SE*5", with: "SE*9")
        let text = Fixtures.isa + "GS*PO*BUYER*SUPPLIER*20240115*1200*7*X*004010~" + Fixtures.set850 + bad + "GE*2*7~IEA*1*000000101~"
        let report = checkInterchange(Fixtures.x12(text))
        #expect(report.verdict == .acceptedWithErrors)
        #expect(report.interchanges[0].groups[0].sets.map(\.verdict) == [.accepted, .rejected])
    }

    @Test("garbage is rejected as an unknown format")
    func garbage() {
        let report = checkInterchange(Array("hello, world".utf8))
        #expect(report.verdict == .rejected)
        #expect(report.standard == .unknown)
        #expect(report.errors.first?.code == .unknownFormat)
        #expect(checkInterchange([]).verdict == .rejected)
    }

    @Test("the report encodes to the JSON shape the CLI prints")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(checkInterchange(Fixtures.x12(Fixtures.good850)))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["verdict"] as? String == "accepted")
        #expect(object?["standard"] as? String == "X12")
        let interchanges = object?["interchanges"] as? [[String: Any]]
        let sets = (interchanges?.first?["groups"] as? [[String: Any]])?.first?["sets"] as? [[String: Any]]
        #expect(sets?.first?["type"] as? String == "850")
        #expect(sets?.first?["segments"] as? Int == 5)
    }
}
