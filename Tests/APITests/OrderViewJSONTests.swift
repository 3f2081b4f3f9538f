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
}
