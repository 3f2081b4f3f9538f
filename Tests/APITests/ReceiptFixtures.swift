import Foundation
import Procurement
import Storage

extension TestHub {
    /// Puts a goods receipt on file with a known id, as the ERP's `POST /v1/goods-receipts`
    /// would, for tests about documents that refer to receipts.
    func recordReceipt(_ id: String, supplier: String = "S-100", purchaseOrder: String = "PO-1001", line: Int = 1,
                       received: Decimal = 10) throws {
        let date = LocalDate(iso: "2027-01-15")!
        let record = GoodsReceiptRecord(id: id, supplier: supplier, number: nil, receivedDate: date, shipNotice: nil,
                                        lines: [ReceiptLineRecord(purchaseOrder: purchaseOrder, line: line, received: received, rejected: 0,
                                                                  lot: nil, shipNoticeLine: nil, shippedQuantity: nil, dueDate: date)],
                                        clientID: "erp", createdAt: hub.context.clock.now())
        try hub.store.write { try $0.insertGoodsReceipt(record) }
    }
}
