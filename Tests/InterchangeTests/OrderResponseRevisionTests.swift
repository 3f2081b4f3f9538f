import Foundation
import Procurement
import Testing
@testable import Interchange

/// The revision an order response answers when it names none, and the reasons of rejections without text.
struct OrderResponseRevisionTests {
    @Test func x12WithoutReferenceAnswersTheRevisionGiven() throws {
        let set = X12TransactionSet(type: "855", segments: [Segment("BAK", ["00", "RJ", "PO-1001", "20240115"])])
        let response = try X12OrderMaps.orderResponse(set, answering: MapTests.order(revision: 3), revision: 2)
        #expect(response.revision == 2)
        #expect(response.lines.allSatisfy { $0.status == .rejected && $0.reason == "Rejected by the partner (BAK02 RJ)" })
        let named = X12TransactionSet(type: "855", segments: [Segment("BAK", ["00", "AT", "PO-1001", "20240115"]), Segment("REF", ["PP", "3"])])
        #expect(try X12OrderMaps.orderResponse(named, answering: MapTests.order(revision: 3), revision: 2).revision == 3)
        #expect(try X12OrderMaps.orderResponse(set, answering: MapTests.order(revision: 3)).revision == 3)
    }

    @Test func edifactWithoutReferenceAnswersTheRevisionGiven() throws {
        let whole = EdifactMessage(type: "ORDRSP", segments: [Segment("BGM", ["231", "PO-1001", "27"])])
        let response = try EdifactOrderMaps.orderResponse(whole, answering: MapTests.order(revision: 2), revision: 1)
        #expect(response.revision == 1)
        #expect(response.lines.allSatisfy { $0.reason == "Rejected by the partner (BGM 1225 27)" })
        let line = EdifactMessage(type: "ORDRSP", segments: [Segment("BGM", ["231", "PO-1001", "4"]),
                                                             Segment("RFF", [Element(components: ["PP", "2"])]),
                                                             Segment("LIN", ["1", "7", Element(components: ["WIDGET-1", "BP"])])])
        let lineResponse = try EdifactOrderMaps.orderResponse(line, answering: MapTests.order(revision: 2), revision: 1)
        #expect(lineResponse.revision == 2)
        #expect(lineResponse.lines.first?.reason == "Rejected by the partner (LIN 1229 7)")
    }
}
