import Foundation
import Procurement
import Testing

private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
private func q(_ s: String) -> Decimal { Decimal(string: s)! }

private let sscc1 = "006141411234567890"
private let sscc2 = "106141411234567897"

private func order(_ number: String = "PO-1", certificate: Bool = false) -> PurchaseOrder {
    PurchaseOrder(number: number, revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
        OrderLine(line: 1, item: "MAT-1", description: "Bracket", quantity: 100, unit: "EA", unitPrice: 2, needBy: d("2027-01-15"),
                  certificateRequired: certificate),
        OrderLine(line: 2, item: "MAT-2", description: "Bolt", quantity: 1000, unit: "EA", unitPrice: 1, needBy: d("2027-01-20"),
                  schedule: [ScheduleLine(quantity: 500, date: d("2027-01-20")), ScheduleLine(quantity: 500, date: d("2027-02-20"))]),
    ])
}

/// Line 1 confirmed at 100, line 2 at 1000 in two deliveries.
private func confirmed(_ order: PurchaseOrder, rejectLine2: Bool = false) -> [ConfirmedLine] {
    order.lines.map {
        ConfirmedLine(line: $0.line, status: rejectLine2 && $0.line == 2 ? .rejected : .accepted, schedule: $0.schedule,
                      unitPrice: $0.unitPrice, reason: nil)
    }
}

private func state(_ order: PurchaseOrder, status: OrderStatus = .confirmed, shipped: [Int: String] = [:],
                   rejectLine2: Bool = false) -> ShippingOrderState {
    ShippingOrderState(order: order, status: status, confirmed: status == .confirmed ? confirmed(order, rejectLine2: rejectLine2) : nil,
                       progress: shipped.mapValues { LineProgress(shipped: q($0)) })
}

private func notice(_ lines: [ShipmentLine], packages: Int = 1) -> ShipNoticeDocument {
    ShipNoticeDocument(shipmentId: "ASN-1", shipDate: d("2027-01-10"), expectedDelivery: d("2027-01-12"),
                       packages: packages == 1 ? [ShipmentPackage(sscc: sscc1, lines: lines)]
                           : [ShipmentPackage(sscc: sscc1, lines: Array(lines.prefix(1))), ShipmentPackage(sscc: sscc2, lines: Array(lines.dropFirst()))])
}

private func line(_ po: String = "PO-1", _ line: Int = 1, _ quantity: String, schedule: Int? = nil, lots: [ShipmentLot] = []) -> ShipmentLine {
    ShipmentLine(purchaseOrder: po, line: line, scheduleLine: schedule, quantity: q(quantity), lots: lots)
}

struct ToleranceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let percent: String
    let shippedBefore: String?
    let quantities: [String]
    let accepted: Bool
    var testDescription: String { name }
}

@Suite("Deciding on a ship notice")
struct ShipNoticeDeciderTests {
    static let tolerance: [ToleranceCase] = [
        ToleranceCase(name: "no tolerance: exactly the open quantity passes", percent: "0", shippedBefore: nil, quantities: ["100"], accepted: true),
        ToleranceCase(name: "no tolerance: one unit over is refused", percent: "0", shippedBefore: nil, quantities: ["101"], accepted: false),
        ToleranceCase(name: "no tolerance: a fraction over is refused", percent: "0", shippedBefore: nil, quantities: ["100.001"], accepted: false),
        ToleranceCase(name: "10%: exactly at the limit (110) passes", percent: "10", shippedBefore: nil, quantities: ["110"], accepted: true),
        ToleranceCase(name: "10%: one unit over the limit (111) is refused", percent: "10", shippedBefore: nil, quantities: ["111"], accepted: false),
        ToleranceCase(name: "10% after 60 shipped: open 40, limit 44 passes", percent: "10", shippedBefore: "60", quantities: ["44"], accepted: true),
        ToleranceCase(name: "10% after 60 shipped: 45 is refused", percent: "10", shippedBefore: "60", quantities: ["45"], accepted: false),
        ToleranceCase(name: "2.5%: limit 102.5 passes", percent: "2.5", shippedBefore: nil, quantities: ["102.5"], accepted: true),
        ToleranceCase(name: "2.5%: 103 is refused", percent: "2.5", shippedBefore: nil, quantities: ["103"], accepted: false),
        ToleranceCase(name: "lines of two packages add up: 60 + 50 at 10% passes", percent: "10", shippedBefore: nil, quantities: ["60", "50"], accepted: true),
        ToleranceCase(name: "lines of two packages add up: 60 + 51 at 10% is refused", percent: "10", shippedBefore: nil, quantities: ["60", "51"], accepted: false),
        ToleranceCase(name: "nothing open: one unit is refused, whatever the tolerance", percent: "100", shippedBefore: "100", quantities: ["1"], accepted: false),
        ToleranceCase(name: "over-shipped before: nothing more", percent: "10", shippedBefore: "105", quantities: ["1"], accepted: false),
    ]

    @Test(arguments: tolerance)
    func overShipmentTolerance(_ c: ToleranceCase) throws {
        let doc = notice(c.quantities.map { line("PO-1", 1, $0) }, packages: c.quantities.count)
        let orders = ["PO-1": state(order(), shipped: c.shippedBefore.map { [1: $0] } ?? [:])]
        if c.accepted {
            let decision = try ShipNoticeDecider.decide(doc, orders: orders, overShipmentPercent: q(c.percent), certificates: [])
            #expect(!decision.held)
            #expect(decision.shippedDelta == [OrderLineKey("PO-1", 1): c.quantities.map(q).reduce(0, +)])
        } else {
            #expect(throws: ProcurementError.self) {
                try ShipNoticeDecider.decide(doc, orders: orders, overShipmentPercent: q(c.percent), certificates: [])
            }
            do { _ = try ShipNoticeDecider.decide(doc, orders: orders, overShipmentPercent: q(c.percent), certificates: []) }
            catch let error as ProcurementError { #expect(error.code == .overShipment) }
        }
    }

    @Test func anUpdateCountsItsOwnEarlierQuantityAsOpen() throws {
        // 80 shipped, all by this notice: the new version may ship up to 100, and moves the ledger by the difference.
        let orders = ["PO-1": state(order(), shipped: [1: "80"])]
        let previous = [OrderLineKey("PO-1", 1): q("80")]
        let up = try ShipNoticeDecider.decide(notice([line("PO-1", 1, "100")]), orders: orders, previous: previous, overShipmentPercent: 0, certificates: [])
        #expect(up.shippedDelta == [OrderLineKey("PO-1", 1): 20])
        let down = try ShipNoticeDecider.decide(notice([line("PO-1", 1, "30")]), orders: orders, previous: previous, overShipmentPercent: 0, certificates: [])
        #expect(down.shippedDelta == [OrderLineKey("PO-1", 1): -50])
        let moved = try ShipNoticeDecider.decide(notice([line("PO-1", 2, "30")]), orders: orders, previous: previous, overShipmentPercent: 0, certificates: [])
        #expect(moved.shippedDelta == [OrderLineKey("PO-1", 1): -80, OrderLineKey("PO-1", 2): 30])
        #expect(throws: ProcurementError.self) {
            try ShipNoticeDecider.decide(notice([line("PO-1", 1, "101")]), orders: orders, previous: previous, overShipmentPercent: 0, certificates: [])
        }
    }

    struct RefusalCase: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [ShipmentLine]
        let orders: [String: ShippingOrderState]
        let code: ProcurementError.Code
        var testDescription: String { name }
    }

    static let refusals: [RefusalCase] = [
        RefusalCase(name: "an order the supplier does not see", lines: [line("PO-9", 1, "1")], orders: ["PO-1": state(order())],
                    code: .unknownPurchaseOrder),
        RefusalCase(name: "a revision that was never released", lines: [ShipmentLine(purchaseOrder: "PO-1", revision: 2, line: 1, quantity: 1)],
                    orders: ["PO-1": state(order())], code: .unknownRevision),
        RefusalCase(name: "a line the order does not have", lines: [line("PO-1", 7, "1")], orders: ["PO-1": state(order())], code: .unknownLine),
        RefusalCase(name: "an order awaiting acknowledgement", lines: [line("PO-1", 1, "1")],
                    orders: ["PO-1": state(order(), status: .awaitingAcknowledgement)], code: .lineNotConfirmed),
        RefusalCase(name: "an order in review", lines: [line("PO-1", 1, "1")], orders: ["PO-1": state(order(), status: .inReview)], code: .lineNotConfirmed),
        RefusalCase(name: "a rejected order", lines: [line("PO-1", 1, "1")], orders: ["PO-1": state(order(), status: .rejected)], code: .lineNotConfirmed),
        RefusalCase(name: "a line the supplier rejected", lines: [line("PO-1", 2, "1")], orders: ["PO-1": state(order(), rejectLine2: true)],
                    code: .lineNotConfirmed),
        RefusalCase(name: "a line the ERP cancelled", lines: [line("PO-1", 2, "1")],
                    orders: ["PO-1": {
                        var cancelled = order()
                        cancelled.lines[1].cancelled = true
                        return state(cancelled)
                    }()], code: .lineCancelled),
        RefusalCase(name: "a delivery the line does not have", lines: [line("PO-1", 2, "1", schedule: 3)], orders: ["PO-1": state(order())],
                    code: .invalidDocument),
        RefusalCase(name: "one good order and one over-shipped: the whole notice is refused",
                    lines: [line("PO-1", 1, "10"), line("PO-2", 1, "111")],
                    orders: ["PO-1": state(order()), "PO-2": state(order("PO-2"))], code: .overShipment),
        RefusalCase(name: "one good order and one unknown: the whole notice is refused",
                    lines: [line("PO-1", 1, "10"), line("PO-2", 1, "1")], orders: ["PO-1": state(order())], code: .unknownPurchaseOrder),
    ]

    @Test(arguments: refusals)
    func refuses(_ c: RefusalCase) {
        do {
            _ = try ShipNoticeDecider.decide(notice(c.lines), orders: c.orders, overShipmentPercent: 10, certificates: [])
            Issue.record("expected \(c.code.rawValue)")
        } catch let error as ProcurementError {
            #expect(error.code == c.code, "\(error.message)")
            #expect(!error.fields.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theSecondDeliveryOfALineCanBeNamed() throws {
        let decision = try ShipNoticeDecider.decide(notice([line("PO-1", 2, "500", schedule: 2)]), orders: ["PO-1": state(order())],
                                                    overShipmentPercent: 0, certificates: [])
        #expect(decision.shippedDelta == [OrderLineKey("PO-1", 2): 500])
    }

    @Test(arguments: [
        ("no certificate", [CertificateLink](), true),
        ("a certificate for the order line", [CertificateLink(purchaseOrder: "PO-1", line: 1)], false),
        ("a certificate for the whole order", [CertificateLink(purchaseOrder: "PO-1")], false),
        ("a certificate for another line", [CertificateLink(purchaseOrder: "PO-1", line: 2)], true),
        ("a certificate for another order", [CertificateLink(purchaseOrder: "PO-2", line: 1)], true),
        ("a certificate for a shipped lot", [CertificateLink(lot: "L-7")], false),
        ("a certificate for another lot", [CertificateLink(lot: "L-8")], true),
        ("a certificate for the notice", [CertificateLink(shipNotice: "asn_1")], false),
        ("a certificate for another notice", [CertificateLink(shipNotice: "asn_2")], true),
        ("a certificate for the lot of another order", [CertificateLink(purchaseOrder: "PO-2", lot: "L-7")], true),
    ])
    func certificateRequiredLinesAreHeldWithoutOne(name: String, certificates: [CertificateLink], held: Bool) throws {
        let doc = notice([line("PO-1", 1, "10", lots: [ShipmentLot(lot: "L-7", quantity: 10)]), line("PO-1", 2, "10")])
        let decision = try ShipNoticeDecider.decide(doc, orders: ["PO-1": state(order(certificate: true))], overShipmentPercent: 0,
                                                    certificates: certificates, noticeID: "asn_1")
        #expect(decision.held == held)
        #expect(decision.missingCertificates == (held ? [OrderLineKey("PO-1", 1)] : []))
        #expect(decision.reasons.map(\.code) == (held ? ["certificateMissing"] : []))
    }

    @Test func documentRules() throws {
        var doc = notice([line("PO-1", 1, "10", lots: [ShipmentLot(lot: "A", quantity: 4), ShipmentLot(lot: "B", quantity: 5)])])
        #expect(throws: ProcurementError.self) { try doc.validate() }
        doc = notice([ShipmentLine(purchaseOrder: "PO-1", line: 1, quantity: 2, serials: ["S1", "S1"])])
        #expect(throws: ProcurementError.self) { try doc.validate() }
        doc = notice([line("PO-1", 1, "0")])
        #expect(throws: ProcurementError.self) { try doc.validate() }
        doc = notice([line("PO-1", 1, "2")])
        doc.expectedDelivery = d("2027-01-01")
        #expect(throws: ProcurementError.self) { try doc.validate() }
        doc = notice([line("PO-1", 1, "2"), line("PO-1", 1, "1")], packages: 2)
        doc.packages[1].sscc = sscc1
        do { try doc.validate(); Issue.record("a label used twice") } catch let e as ProcurementError {
            #expect(e.code == .invalidSSCC)
            #expect(e.fields.map(\.pointer) == ["/packages/1/sscc"])
        }
        doc.packages[1].sscc = "006141411234567891"
        do { try doc.validate(); Issue.record("a bad check digit") } catch let e as ProcurementError { #expect(e.code == .invalidSSCC) }
        doc.packages[1].sscc = sscc2
        try doc.validate()
    }
}

@Suite("Ship notices from EDI")
struct ShipNoticeFromEDITests {
    @Test func packagesKeepTheirSSCCWithoutTheApplicationIdentifier() {
        let notice = ShipNotice(id: "ASN-9", shipDate: d("2027-01-10"), packages: [
            ShipNoticePackage(id: "00006141411234567890", items: [ShipNoticeItem(purchaseOrder: "PO-1", revision: 2, line: 1, quantity: 5, unit: "EA")]),
            ShipNoticePackage(id: "106141411234567897", items: [ShipNoticeItem(purchaseOrder: "PO-1", line: 2, quantity: 1, unit: "EA")]),
            ShipNoticePackage(id: nil, items: [ShipNoticeItem(purchaseOrder: "PO-1", line: 2, quantity: 1, unit: "EA")]),
        ])
        let document = ShipNoticeDocument(notice)
        #expect(document.shipmentId == "ASN-9")
        #expect(document.packages.map(\.sscc) == ["006141411234567890", "106141411234567897", ""])
        #expect(document.lines[0].revision == 2)
        #expect(document.lines[0].unit == "EA")
        #expect(throws: ProcurementError.self) { try document.validate() }
    }
}

@Suite("Goods receipts and quality documents")
struct GoodsReceiptDeciderTests {
    @Test func receiptLinesResolveThroughTheNotice() throws {
        let asn = notice([line("PO-1", 2, "500", schedule: 2), line("PO-1", 1, "10")], packages: 2)
        let receipt = GoodsReceiptDocument(receivedDate: d("2027-01-12"), shipNotice: "asn_1", lines: [
            GoodsReceiptLine(shipNoticeLine: 1, received: 490, rejected: 10),
            GoodsReceiptLine(purchaseOrder: "PO-1", line: 1, received: 12),
        ])
        try receipt.validate()
        let resolved = try GoodsReceiptDecider.resolve(receipt, notice: ("S-1", asn), orders: ["PO-1": order()])
        #expect(resolved.supplier == "S-1")
        #expect(resolved.lines.map(\.line) == [2, 1])
        #expect(resolved.lines[0].shippedQuantity == 500)
        #expect(resolved.lines[0].scheduleLine == 2)
        #expect(resolved.lines[1].shippedQuantity == nil)
        #expect(resolved.lines[1].received == 12, "more than shipped is recorded")
    }

    @Test(arguments: [
        ("an unknown notice", GoodsReceiptDocument(receivedDate: d("2027-01-12"), shipNotice: "asn_9", lines: [GoodsReceiptLine(shipNoticeLine: 1, received: 1)]),
         false, ProcurementError.Code.unknownShipNotice),
        ("an unknown notice line", GoodsReceiptDocument(receivedDate: d("2027-01-12"), shipNotice: "asn_1", lines: [GoodsReceiptLine(shipNoticeLine: 3, received: 1)]),
         true, .unknownShipNotice),
        ("an unknown order", GoodsReceiptDocument(receivedDate: d("2027-01-12"), lines: [GoodsReceiptLine(purchaseOrder: "PO-9", line: 1, received: 1)]),
         false, .orderNotOnFile),
        ("an unknown line", GoodsReceiptDocument(receivedDate: d("2027-01-12"), lines: [GoodsReceiptLine(purchaseOrder: "PO-1", line: 9, received: 1)]),
         false, .unknownLine),
        ("a line that contradicts the notice", GoodsReceiptDocument(receivedDate: d("2027-01-12"), shipNotice: "asn_1",
                                                                    lines: [GoodsReceiptLine(shipNoticeLine: 1, purchaseOrder: "PO-1", line: 2, received: 1)]),
         true, .invalidDocument),
    ])
    func refuses(name: String, receipt: GoodsReceiptDocument, withNotice: Bool, code: ProcurementError.Code) {
        let asn = notice([line("PO-1", 1, "10")])
        do {
            _ = try GoodsReceiptDecider.resolve(receipt, notice: withNotice ? ("S-1", asn) : nil, orders: ["PO-1": order()])
            Issue.record("expected \(code.rawValue)")
        } catch let error as ProcurementError {
            #expect(error.code == code)
        } catch { Issue.record("\(error)") }
    }

    @Test func negativeQuantitiesAreInvalid() {
        let receipt = GoodsReceiptDocument(receivedDate: d("2027-01-12"), lines: [GoodsReceiptLine(purchaseOrder: "PO-1", line: 1, received: -1)])
        #expect(throws: ProcurementError.self) { try receipt.validate() }
        let rejected = GoodsReceiptDocument(receivedDate: d("2027-01-12"), lines: [GoodsReceiptLine(purchaseOrder: "PO-1", line: 1, received: 1, rejected: -1)])
        #expect(throws: ProcurementError.self) { try rejected.validate() }
        let nothing = GoodsReceiptDocument(receivedDate: d("2027-01-12"), lines: [GoodsReceiptLine(purchaseOrder: "PO-1", line: 1, received: 0)])
        #expect(throws: ProcurementError.self) { try nothing.validate() }
        let noLine = GoodsReceiptDocument(receivedDate: d("2027-01-12"), lines: [GoodsReceiptLine(purchaseOrder: "PO-1", received: 1)])
        #expect(throws: ProcurementError.self) { try noLine.validate() }
    }

    @Test func theDeliveryReceivedFollowsWhatWasTakenInBefore() {
        let schedule = [ScheduleLine(quantity: 500, date: d("2027-02-20")), ScheduleLine(quantity: 500, date: d("2027-01-20"))]
        #expect(GoodsReceiptDecider.delivery(schedule: schedule, takenInBefore: 0) == 1)
        #expect(GoodsReceiptDecider.delivery(schedule: schedule, takenInBefore: 499) == 1)
        #expect(GoodsReceiptDecider.delivery(schedule: schedule, takenInBefore: 500) == 2)
        #expect(GoodsReceiptDecider.delivery(schedule: schedule, takenInBefore: 5000) == 2)
    }

    @Test(arguments: [
        ("application/pdf", Array("%PDF-1.7\n".utf8), ContentSniffer.Verdict.accepted("application/pdf")),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], .accepted("image/png")),
        ("image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0], .accepted("image/jpeg")),
        ("text/plain; charset=utf-8", Array("Lot L-7 conforms.\n".utf8), .accepted("text/plain")),
        ("application/xml", Array("\u{FEFF}<?xml version=\"1.0\"?><coa/>".utf8), .accepted("application/xml")),
        ("APPLICATION/PDF", Array("%PDF-1.4".utf8), .accepted("application/pdf")),
        ("application/pdf", Array("Just text".utf8), .mismatch(declared: "application/pdf", detected: "text/plain")),
        ("image/png", [0xFF, 0xD8, 0xFF, 0xE0], .mismatch(declared: "image/png", detected: "image/jpeg")),
        ("text/plain", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00], .mismatch(declared: "text/plain", detected: nil)),
        ("application/xml", Array("not xml".utf8), .mismatch(declared: "application/xml", detected: "text/plain")),
        ("application/zip", [0x50, 0x4B, 0x03, 0x04], .unsupported("application/zip")),
        ("", Array("%PDF-".utf8), .unsupported("")),
    ] as [(String, [UInt8], ContentSniffer.Verdict)])
    func contentTypesAreCheckedAgainstTheBytes(contentType: String, bytes: [UInt8], verdict: ContentSniffer.Verdict) {
        #expect(ContentSniffer.check(contentType: contentType, bytes: bytes) == verdict)
    }
}
