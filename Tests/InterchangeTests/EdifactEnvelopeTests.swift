import Foundation
import Testing
@testable import Interchange

struct EdifactEnvelopeTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let text: String
        let code: InterchangeIssue.Code
        let segment: String?
        let element: Int?
        let standardCode: String?
        var description: String { name }
    }

    static let good = Fixtures.goodOrders

    static let cases: [Case] = [
        Case(name: "UNT count", text: good.replacingOccurrences(of: "UNT+7+1", with: "UNT+8+1"),
             code: .countMismatch, segment: "UNT", element: 1, standardCode: "29"),
        Case(name: "UNT reference", text: good.replacingOccurrences(of: "UNT+7+1", with: "UNT+7+2"),
             code: .controlNumberMismatch, segment: "UNT", element: 2, standardCode: "28"),
        Case(name: "UNZ count", text: good.replacingOccurrences(of: "UNZ+1+REF42", with: "UNZ+2+REF42"),
             code: .countMismatch, segment: "UNZ", element: 1, standardCode: "29"),
        Case(name: "UNZ reference", text: good.replacingOccurrences(of: "UNZ+1+REF42", with: "UNZ+1+REF43"),
             code: .controlNumberMismatch, segment: "UNZ", element: 2, standardCode: "28"),
        Case(name: "missing UNZ", text: good.replacingOccurrences(of: "UNZ+1+REF42'", with: ""),
             code: .missingTrailer, segment: "UNZ", element: nil, standardCode: "13"),
        Case(name: "missing UNT", text: good.replacingOccurrences(of: "UNT+7+1'", with: ""),
             code: .missingTrailer, segment: "UNT", element: nil, standardCode: "13"),
        Case(name: "stray data", text: good + "junk",
             code: .strayData, segment: nil, element: nil, standardCode: "33"),
        Case(name: "UNE count and reference",
             text: good.replacingOccurrences(of: "UNH+1", with: "UNG+ORDERS+BUYER+SUPPLIER+240115:1200+G1+UN+D:96A'UNH+1")
                .replacingOccurrences(of: "UNT+7+1'", with: "UNT+7+1'UNE+2+G2'"),
             code: .countMismatch, segment: "UNE", element: 1, standardCode: "29"),
        Case(name: "too many components in a service segment", text: good.replacingOccurrences(of: "UNT+7+1", with: "UNT+7:1+1"),
             code: .tooManyComponents, segment: "UNT", element: 1, standardCode: "16"),
        Case(name: "too many components in COM", text: good.replacingOccurrences(of: "UNS+S", with: "COM+1:2:3'UNS+S")
                .replacingOccurrences(of: "UNT+7", with: "UNT+8"),
             code: .tooManyComponents, segment: "COM", element: 1, standardCode: "16"),
        Case(name: "message outside interchange", text: "UNA:+.? 'UNB+UNOC:3+A+B+240115:1200+1'UNZ+0+1'UNH+1+ORDERS:D:96A:UN'UNT+2+1'",
             code: .strayData, segment: nil, element: nil, standardCode: "33"),
    ]

    @Test("the good fixture is accepted")
    func goodFixture() {
        let report = checkInterchange(Array(Self.good.utf8))
        #expect(report.verdict == .accepted, "\(report.errors)")
        #expect(report.standard == .edifact)
        #expect(report.version == "UNOC:3")
        #expect(report.interchanges.first?.groups.first?.sets.first?.type == "ORDERS")
        #expect(report.interchanges.first?.groups.first?.sets.first?.version == "D:96A:UN")
    }

    @Test("each broken rule is reported at its place", arguments: cases)
    func brokenRule(_ rule: Case) {
        let report = checkInterchange(Array(rule.text.utf8))
        #expect(report.verdict != .accepted)
        let match = report.errors.first { $0.code == rule.code }
        #expect(match != nil, "\(rule.name): \(report.errors)")
        #expect(match?.segment == rule.segment)
        #expect(match?.elementPosition == rule.element)
        #expect(match?.standardCode == rule.standardCode)
    }

    @Test("release characters: a released terminator and separators stay data")
    func release() {
        let text = Self.good.replacingOccurrences(of: "BGM+220+PO-1001+9'", with: "BGM+220+PO?+1001?'A?:B??+9'")
        let read = EdifactReader.read(Array(text.utf8))
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        let bgm = read.interchanges[0].messages[0].segments[0]
        #expect(bgm.value(2) == "PO+1001'A:B?")
        #expect(bgm.elements.count == 3)
    }

    @Test("syntax 4 splits repetitions at *, syntax 3 keeps * as data")
    func repetition() {
        let four = "UNB+UNOC:4+A+B+20240115:1200+1'UNH+1+ORDERS:D:96A:UN'RFF+ON:1*VN:2'UNT+3+1'UNZ+1+1'"
        let read4 = EdifactReader.read(Array(four.utf8))
        #expect(read4.report.verdict == .accepted, "\(read4.report.errors)")
        #expect(read4.interchanges[0].messages[0].segments[0].elements[0].repetitions == [["ON", "1"], ["VN", "2"]])
        let three = four.replacingOccurrences(of: "UNOC:4", with: "UNOC:3")
        let read3 = EdifactReader.read(Array(three.utf8))
        #expect(read3.interchanges.first?.messages.first?.segments.first?.elements[0].repetitions == [["ON", "1*VN", "2"]])
        let una3 = "UNA:+.?*'" + three
        let readUNA = EdifactReader.read(Array(una3.utf8))
        #expect(readUNA.report.verdict == .accepted, "\(readUNA.report.errors)")
        #expect(readUNA.interchanges.first?.messages.first?.segments.first?.elements[0].repetitions.count == 1)
    }

    @Test("CRLF after terminators and a BOM are tolerated", arguments: ["\r\n", "\n", ""])
    func lineEnds(_ lineEnd: String) {
        let text = "\u{FEFF}" + Self.good.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "'", with: "'" + lineEnd)
            .replacingOccurrences(of: "?" + "'" + lineEnd, with: "?'")
        let report = checkInterchange(Array(text.utf8))
        #expect(report.verdict == .accepted, "\(report.errors)")
    }

    @Test("bytes outside the repertoire are a note, not an error")
    func repertoire() {
        let text = Self.good.replacingOccurrences(of: "UNOC:3", with: "UNOA:3").replacingOccurrences(of: "PO-1001", with: "po-1001")
        let report = checkInterchange(Array(text.utf8))
        #expect(report.verdict == .accepted)
        #expect(report.notes.first?.code == .characterRepertoire)
        #expect(report.notes.first?.standardCode == "21")
    }
}
