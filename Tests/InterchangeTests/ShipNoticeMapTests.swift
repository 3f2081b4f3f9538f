import Foundation
import Procurement
import Testing
@testable import Interchange

/// 856 and DESADV in to `ShipNotice`.
struct ShipNoticeMapTests {
    /// One X12 transaction set in a full interchange, with the SE count filled in.
    static func x12(_ type: String, _ body: [String], group: String = "SH") throws -> X12TransactionSet {
        let set = ["ST*\(type)*0001"] + body + ["SE*\(body.count + 2)*0001"]
        let text = Fixtures.isa + "GS*\(group)*SUP*BUYER*20240116*0900*9*X*004010~" + set.joined(separator: "~") + "~GE*1*9~IEA*1*000000101~"
        let read = X12Reader.read(Array(text.utf8))
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        return try #require(read.interchanges.first?.groups.first?.sets.first)
    }

    static func edifact(_ segments: [String], type: String = "DESADV") throws -> EdifactMessage {
        let body = ["UNH+1+\(type):D:96A:UN"] + segments + ["UNT+\(segments.count + 2)+1"]
        let text = "UNB+UNOC:3+SUP:ZZ+BUYER:ZZ+240116:0900+5'" + body.joined(separator: "'") + "'UNZ+1+5'"
        let read = EdifactReader.read(Array(text.utf8))
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        return try #require(read.interchanges.first?.messages.first)
    }

    @Test("856 in: the EdiEngine cross-dock sample maps 13 HLs into 5 packed items on 2 orders")
    func crossdockSample() throws {
        let read = X12Reader.read(try SampleVerdictTests.load("x12/EdiEngine__856.Crossdock.OK.edi"))
        let set = try #require(read.interchanges.first?.groups.first?.sets.first)
        #expect(set.segments.filter { $0.tag == "HL" }.count == 13)
        let notice = try X12ShipNoticeMap.shipNotice(set)
        #expect(notice.id == "000009")
        #expect(notice.supplier == "000009")
        #expect(notice.shipDate == LocalDate(iso: "2009-09-21"))
        #expect(notice.expectedDelivery == LocalDate(iso: "2009-09-25"))
        #expect(notice.carrier == "OVNT")
        #expect(notice.trackingNumber == "0000000008741")
        #expect(notice.packages.count == 5)
        #expect(notice.packages[0].id == "00000715670002152360")
        #expect(notice.lines.map(\.purchaseOrder) == ["POREF00", "POREF00", "POREF00", "POREF00", "POREF01"])
        #expect(notice.lines.map(\.line) == [1, 2, 3, 4, 1])
        #expect(notice.lines.map(\.item) == ["0000000000642", "0000000000831", "0000000000283", "0000000000203", "0000000000642"])
        #expect(notice.lines.allSatisfy { $0.quantity == 12 && $0.unit == "EA" })
    }

    /// S, O1, P1, I1, O2, I2, then P2 whose parent is O1 again, then I3 in P2: a positional reader
    /// would put I3 on order O2.
    static let interleaved = [
        "BSN*00*ASN-77*20240116*0900", "HL*1**S", "DTM*011*20240116", "TD5**2*UPSN", "REF*CN*1Z999",
        "HL*2*1*O", "PRF*PO-1001**2", "HL*3*2*P", "MAN*GM*SSCC-1",
        "HL*4*3*I", "LIN*1*BP*WIDGET-1*PL*1", "SN1**10*EA",
        "HL*5*1*O", "PRF*PO-2002", "HL*6*5*I", "LIN**BP*NUT-4*PL*3", "SN1**5*EA",
        "HL*7*2*P", "MAN*GM*SSCC-2", "HL*8*7*I", "LIN**BP*BOLT-9*PL*2", "SN1**40*EA",
    ]

    @Test("856 in: items follow HL02 parent ids, not segment order")
    func interleavedHierarchy() throws {
        let notice = try X12ShipNoticeMap.shipNotice(try Self.x12("856", Self.interleaved))
        #expect(notice.carrier == "UPSN")
        #expect(notice.trackingNumber == "1Z999")
        #expect(notice.packages.map(\.id) == ["SSCC-1", nil, "SSCC-2"])
        let bolt = try #require(notice.lines.first { $0.item == "BOLT-9" })
        #expect(bolt == ShipNoticeItem(purchaseOrder: "PO-1001", revision: 2, line: 2, item: "BOLT-9", quantity: 40, unit: "EA"))
        #expect(notice.lines.first { $0.item == "NUT-4" }?.purchaseOrder == "PO-2002")
    }

    @Test("856 in: unknown parent, a cycle, a child before its parent, bad SN1 and missing BSN are refused with their place",
          arguments: [
            (["HL*1**S", "HL*2*9*O", "PRF*PO-1"], "unknownParent", "HL02"),
            (["HL*1**S", "HL*2*3*O", "PRF*PO-1", "HL*3*2*I", "LIN**BP*X", "SN1**1*EA"], "hierarchyCycle", "HL02"),
            (["HL*1**S", "HL*3*2*I", "LIN**BP*X", "SN1**1*EA", "HL*2*1*O", "PRF*PO-1"], "parentAfterChild", "HL02"),
            (["HL*1**S", "HL*1**O"], "duplicateHierarchicalId", "HL01"),
            (["HL*1**S", "HL*2*1*O", "PRF*PO-1", "HL*3*2*I", "LIN**BP*X", "SN1**ten*EA"], "badNumber", "SN102"),
            (["HL*1**S", "HL*2*1*O", "PRF*PO-1", "HL*3*2*I", "LIN**BP*X", "SN1**0*EA"], "badQuantity", "SN102"),
            (["HL*1**S", "HL*2*1*O", "PRF*PO-1", "HL*3*2*I", "LIN**BP*X"], "missingSegment", nil),
            (["HL*1**S", "HL*3*1*I", "LIN**BP*X", "SN1**1*EA"], "missingOrderReference", "PRF01"),
          ] as [([String], String, String?)])
    func hierarchyErrors(body: [String], code: String, element: String?) throws {
        let set = X12TransactionSet(type: "856", segments: ([Segment("BSN", ["00", "ASN-1", "20240116"])] + body.map(Self.segment)))
        let error = try #require(throws: MapError.self) { try X12ShipNoticeMap.shipNotice(set) }
        #expect(error.code == code)
        #expect(error.element == element)
        let noHeader = X12TransactionSet(type: "856", segments: body.map(Self.segment))
        #expect(throws: MapError(code: "missingSegment", segment: "BSN", message: "The 856 has no BSN segment.")) { try X12ShipNoticeMap.shipNotice(noHeader) }
    }

    static func segment(_ text: String) -> Segment {
        let parts = text.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        return Segment(parts[0], parts.dropFirst().map { Element($0) })
    }

    static let desadv = [
        "BGM+351+DN-500+9", "DTM+137:20240115:102", "DTM+11:20240116:102", "DTM+17:20240119:102", "RFF+CN:TRACK-9",
        "NAD+SU+SUP-7::92", "TDT+20++30++DHL:172", "CPS+1", "PAC+1++PX", "GIN+BJ+PALLET-1",
        "CPS+2+1", "PAC+2++CT", "LIN+1++WIDGET-1:BP", "QTY+12:10:EA", "RFF+ON:PO-1001:1:2",
        "CPS+3+1", "GIN+BJ+CARTON-3", "LIN+2++BOLT-9:BP", "QTY+12:60:EA", "RFF+ON:PO-1001:2",
        "CPS+4+2", "LIN+3++NUT-4:BP", "QTY+12:5", "RFF+ON:PO-3003:7", "CNT+2:3",
    ]

    @Test("DESADV in: CPS parents give each item its package; RFF ON gives order, line and version")
    func desadv() throws {
        let notice = try EdifactShipNoticeMap.shipNotice(try Self.edifact(Self.desadv))
        #expect(notice.id == "DN-500")
        #expect(notice.supplier == "SUP-7")
        #expect(notice.shipDate == LocalDate(iso: "2024-01-16"))
        #expect(notice.expectedDelivery == LocalDate(iso: "2024-01-19"))
        #expect(notice.carrier == "DHL")
        #expect(notice.trackingNumber == "TRACK-9")
        #expect(notice.packages.map(\.id) == ["PALLET-1", "CARTON-3", "PALLET-1"])
        #expect(notice.lines[0] == ShipNoticeItem(purchaseOrder: "PO-1001", revision: 2, line: 1, item: "WIDGET-1", quantity: 10, unit: "EA"))
        #expect(notice.lines[2] == ShipNoticeItem(purchaseOrder: "PO-3003", line: 7, item: "NUT-4", quantity: 5, unit: "PCE"))
    }

    @Test("DESADV in: unknown CPS parent, a cycle, a missing QTY, a bad quantity and no order reference are refused",
          arguments: [
            ("CPS+4+2", "CPS+4+9", "unknownParent", "CPS02"),
            ("CPS+1", "CPS+1+4", "hierarchyCycle", "CPS02"),
            ("QTY+12:60:EA", "QTY+21:60:EA", "missingSegment", "C186"),
            ("QTY+12:60:EA", "QTY+12:-6:EA", "badQuantity", "C186"),
            ("RFF+ON:PO-1001:2", "RFF+AAK:DN-1", "missingOrderReference", "C506"),
          ])
    func desadvErrors(replace: String, with replacement: String, code: String, element: String) throws {
        let segments = Self.desadv.map { $0 == replace ? replacement : $0 }
        let message = try Self.edifact(segments)
        let error = try #require(throws: MapError.self) { try EdifactShipNoticeMap.shipNotice(message) }
        #expect(error.code == code)
        #expect(error.element == element)
    }
}
