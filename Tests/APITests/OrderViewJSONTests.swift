import Foundation
import Procurement
@testable import Storage
import Testing
@testable import API

@Suite("Order view JSON")
struct OrderViewJSONTests {
    @Test("the order view is written byte for byte as the encoder writes it")
    func sameBytesAsTheEncoder() {
        let needBy = LocalDate(iso: "2027-01-15")!
        let order = PurchaseOrder(number: "PO-\"1\"", revision: 2, supplier: "S-100", plant: "P/01", currency: "EUR", lines: [
            OrderLine(line: 1, item: "MAT-1", description: "Tab\there é", quantity: 100, unit: "EA", unitPrice: Decimal(string: "2.50")!,
                      needBy: needBy, critical: true, certificateRequired: true,
                      schedule: [ScheduleLine(quantity: 60, date: needBy), ScheduleLine(quantity: 40, date: needBy.adding(days: 3))]),
            OrderLine(line: 2, item: "MAT-2", description: "", quantity: Decimal(string: "0.5")!, unit: "KG", unitPrice: 0, needBy: needBy),
        ])
        let record = OrderRecord(order: order, status: .inReview, createdAt: Date(timeIntervalSince1970: 1_800_000_000.123),
                                 updatedAt: Date(timeIntervalSince1970: 1_800_000_500.5))
        for revisions in [nil, [1, 2]] as [[Int]?] {
            #expect(Views.orderJSON(record, revisions: revisions) == RequestSupport.json(200, Views.Order(record, revisions: revisions)).body)
        }
    }

    @Test("a cancelled order's view carries its cancelled lines and the reason, as the encoder writes them")
    func cancelledOrder() throws {
        let needBy = LocalDate(iso: "2027-01-15")!
        var order = PurchaseOrder(number: "PO-1001", revision: 3, supplier: "S-100", plant: "P01", currency: "USD", lines: [
            OrderLine(line: 1, item: "MAT-1", description: "", quantity: 100, unit: "EA", unitPrice: Decimal(string: "2.50")!, needBy: needBy),
        ])
        order.lines[0].cancelled = true
        order.cancelReason = "Project stopped by the \"customer\""
        let record = OrderRecord(order: order, status: .cancelled, createdAt: Date(timeIntervalSince1970: 1_800_000_000),
                                 updatedAt: Date(timeIntervalSince1970: 1_800_000_500))
        let written = Views.orderJSON(record, revisions: [1, 2, 3])
        #expect(written == RequestSupport.json(200, Views.Order(record, revisions: [1, 2, 3])).body)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
        #expect(json["cancelReason"] as? String == "Project stopped by the \"customer\"")
        #expect((json["lines"] as? [[String: Any]])?.first?["cancelled"] as? Bool == true)
    }
}
