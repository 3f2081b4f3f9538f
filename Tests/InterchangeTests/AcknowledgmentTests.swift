import Foundation
import Testing
@testable import Interchange

struct AcknowledgmentTests {
    static let options = AcknowledgmentOptions(date: "20240116", time: "0800")

    static func segments(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "~").map(String.init)
    }

    @Test("997 for a clean 850 accepts the set and the group")
    func accepted() {
        let ack = acknowledge(Array(Fixtures.good850.utf8), options: Self.options, numbers: SequentialControlNumbers(interchange: 5))
        let lines = Self.segments(ack)
        #expect(lines.first?.hasPrefix("ISA*00*          *00*          *ZZ*SUPPLIER       *ZZ*BUYER          *240116*0800*U*00401*000000005*0*P*>") == true)
        #expect(lines.contains("GS*FA*SUPPLIER*BUYER*20240116*0800*1*X*004010"))
        #expect(lines.contains("ST*997*0001"))
        #expect(lines.contains("AK1*PO*7"))
        #expect(lines.contains("AK2*850*0001"))
        #expect(lines.contains("AK5*A"))
        #expect(lines.contains("AK9*A*1*1*1"))
        #expect(!lines.contains { $0.hasPrefix("TA1") })
        #expect(checkInterchange(ack).verdict == .accepted)
    }

    @Test("997 for the syntax-note sample rejects the set with AK3/AK4 details")
    func syntaxNotes() throws {
        let bytes = try SampleVerdictTests.load("x12/EdiEngine__850.SyntaxNotes.ERR.edi")
        let ack = acknowledge(bytes, options: Self.options, numbers: SequentialControlNumbers())
        let lines = Self.segments(ack)
        #expect(lines.contains("AK3*PO1*13**8"))
        #expect(lines.contains("AK4*7**2"))
        #expect(lines.contains("AK3*PO4*30**8"))
        #expect(lines.contains("AK5*R*5"))
        #expect(lines.contains("AK9*R*1*1*0"))
        #expect(checkInterchange(ack).verdict == .accepted)
    }

    @Test("997 reports count and control number errors with AK5 and AK9 codes; TA1 for the interchange")
    func envelopeCodes() throws {
        let bytes = try SampleVerdictTests.load("x12/EdiEngine__ControlNumbersMismatch.edi")
        let lines = Self.segments(acknowledge(bytes, options: Self.options, numbers: SequentialControlNumbers()))
        #expect(lines.contains("AK5*R*3"))
        #expect(lines.contains("AK9*R*1*1*0*4"))
        #expect(lines.contains("TA1*000003438*101127*1719*R*001"))
        #expect(lines.firstIndex { $0.hasPrefix("TA1") } == 1)
    }

    @Test("a partly accepted group gets AK9 P")
    func partial() {
        let bad = Fixtures.set850.replacingOccurrences(of: "0001", with: "0002").replacingOccurrences(of: "SE*5", with: "SE*9")
        let text = Fixtures.isa + "GS*PO*BUYER*SUPPLIER*20240115*1200*7*X*004010~" + Fixtures.set850 + bad + "GE*2*7~IEA*1*000000101~"
        let lines = Self.segments(acknowledge(Array(text.utf8), options: Self.options, numbers: SequentialControlNumbers()))
        #expect(lines.contains("AK5*R*4"))
        #expect(lines.contains("AK9*P*2*2*1"))
    }

    @Test("CONTRL acknowledges a clean ORDERS with UCI and UCM action 7")
    func contrlAccepted() {
        let ack = acknowledge(Array(Fixtures.goodOrders.utf8), options: Self.options, numbers: SequentialControlNumbers(interchange: 3))
        let text = String(decoding: ack, as: UTF8.self)
        #expect(text.hasPrefix("UNA:+.? 'UNB+UNOC:3+SUPPLIER:14+BUYER:14+240116:0800+3'"))
        #expect(text.contains("UNH+1+CONTRL:D:3:UN'"))
        #expect(text.contains("UCI+REF42+BUYER:14+SUPPLIER:14+7'"))
        #expect(text.contains("UCM+1+ORDERS:D:96A:UN+7'"))
        #expect(checkInterchange(ack).verdict == .accepted)
    }

    @Test("CONTRL rejects an interchange whose UNZ count is wrong")
    func contrlInterchange() {
        let text = Fixtures.goodOrders.replacingOccurrences(of: "UNZ+1+REF42", with: "UNZ+2+REF42")
        let ack = String(decoding: acknowledge(Array(text.utf8), options: Self.options, numbers: SequentialControlNumbers()), as: UTF8.self)
        #expect(ack.contains("UCI+REF42+BUYER:14+SUPPLIER:14+4+29+UNZ+1'"))
    }

    @Test("CONTRL lists segment and element errors with UCS and UCD")
    func contrlElements() throws {
        let bytes = try SampleVerdictTests.load("edifact/EDIFACT.NET__Edifact_INVOIC_D00A_RepeatingDataElement.txt")
        let ack = String(decoding: acknowledge(bytes, options: Self.options, numbers: SequentialControlNumbers()), as: UTF8.self)
        #expect(ack.contains("UCI+131+102096559TEST:16:ZZUK+PARTNERID:01:ZZUK+7'") || ack.contains("UCI+131+102096559TEST:16+PARTNERID:01+7'"))
        #expect(ack.contains("UCM+509010117+INVOIC:D:00A:UN+4'"))
        #expect(ack.contains("UCS+9'UCD+16+1:3'"))
    }
}
