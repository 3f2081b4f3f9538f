import Foundation
import Procurement
import Testing
@testable import Interchange

/// Cancelled lines and orders in the documents suppliers receive, and whole-order answers that
/// leave cancelled lines out.
@Suite("Maps: cancellations")
struct CancellationMapTests {
    static func cancelling(line: Int? = nil) -> PurchaseOrder {
        var next = MapTests.order(revision: 2)
        for i in next.lines.indices where line == nil || next.lines[i].line == line { next.lines[i].cancelled = true }
        if line == nil { next.cancelReason = "Project stopped" }
        return next
    }

    @Test("860: a cancelled line is POC DI, a cancelled order is BCH 01, a line cancelled before is not repeated")
    func x12() throws {
        let line = X12OrderMaps.purchaseOrderChange(Self.cancelling(line: 2), previous: MapTests.order(), issued: MapTests.day)
        #expect(line.segments[0].value(1) == "04")
        #expect(line.segments.filter { $0.tag == "POC" }.map { "\($0.value(1)!):\($0.value(2)!)" } == ["2:DI"])
        let bytes = try X12Writer().write(MapTests.envelope([line], functionalId: "PC"), numbers: SequentialControlNumbers())
        #expect(checkInterchange(bytes).verdict == .accepted)

        let whole = X12OrderMaps.purchaseOrderChange(Self.cancelling(), previous: MapTests.order(), issued: MapTests.day)
        #expect(whole.segments[0].value(1) == "01")
        #expect(whole.segments.filter { $0.tag == "POC" }.map { $0.value(2) } == ["DI", "DI"])

        var rest = Self.cancelling()
        rest.revision = 3
        let after = X12OrderMaps.purchaseOrderChange(rest, previous: Self.cancelling(line: 2), issued: MapTests.day)
        #expect(after.segments.filter { $0.tag == "POC" }.map { "\($0.value(1)!):\($0.value(2)!)" } == ["1:DI"])
    }

    @Test("ORDCHG: a cancelled line is LIN 1229 2, a cancelled order is BGM 1225 1")
    func edifact() throws {
        let line = EdifactOrderMaps.orderChange(Self.cancelling(line: 1), previous: MapTests.order(), issued: MapTests.day)
        #expect(line.segments[0].value(3) == "4")
        #expect(line.segments.filter { $0.tag == "LIN" }.map { "\($0.value(1)!):\($0.value(2)!)" } == ["1:2"])
        let whole = EdifactOrderMaps.orderChange(Self.cancelling(), previous: MapTests.order(), issued: MapTests.day)
        #expect(whole.segments[0].value(3) == "1")
        #expect(whole.segments.filter { $0.tag == "LIN" }.count == 2)
        let interchange = EdifactInterchange(sender: EdifactParty(id: "BUYER", qualifier: "ZZ"), recipient: EdifactParty(id: "SUP-7", qualifier: "ZZ"),
                                             date: "240115", time: "1200", messages: [line, whole])
        let bytes = try EdifactWriter().write(interchange, numbers: SequentialControlNumbers())
        #expect(EdifactReader.read(bytes).report.verdict == .accepted)
    }

    @Test("cXML: an update leaves cancelled lines out; a cancelled order is type delete")
    func cxml() throws {
        let update = CXMLOrderRequest.document(order: Self.cancelling(line: 2), previous: MapTests.order(), orderDate: MapTests.day,
                                               payloadID: "po-2@hub", timestamp: CXMLTests.now, header: CXMLTests.header)
        let read = try CXMLOrderRequest.read(update)
        #expect(read.type == "update")
        #expect(read.order.lines.map(\.line) == [1])
        let delete = CXMLOrderRequest.document(order: Self.cancelling(), previous: MapTests.order(), orderDate: MapTests.day,
                                               payloadID: "po-3@hub", timestamp: CXMLTests.now, header: CXMLTests.header)
        #expect(try CXMLOrderRequest.read(delete).type == "delete")
    }

    @Test("Whole-order answers (855 BAK AT, ORDRSP BGM 27) leave cancelled lines out")
    func wholeOrderAnswers() throws {
        let order = Self.cancelling(line: 2)
        let set = X12TransactionSet(type: "855", segments: [Segment("BAK", ["00", "AT", "PO-1001", "20240116"])])
        #expect(try X12OrderMaps.orderResponse(set, answering: order).lines.map(\.line) == [1])
        let rejected = EdifactMessage(type: "ORDRSP", segments: [Segment("BGM", ["231", "PO-1001", "27"])])
        #expect(try EdifactOrderMaps.orderResponse(rejected, answering: order).lines.map(\.line) == [1])
    }
}
