import Foundation
import Testing

/// Both executables, driven through HTTP only, from the ERP's release to the supplier seeing
/// its invoice paid: the hub's answers, the ERP's effects, the event log and what each supplier
/// may see, at every step.
@Suite("End to end: the order-to-invoice lifecycle", .serialized)
struct LifecycleTests {
    @Test func releaseConfirmShipReceiveInvoicePay() throws {
        try happyPath(erpFaults: [])
    }

    /// The same path while the ERP refuses 30% of postings and applies 10% without answering:
    /// the hub retries, and each document still ends as exactly one effect. A one-second outage
    /// when the supplier confirms makes sure at least that posting is retried.
    @Test func releaseToPaymentWithAnUnreliableERP() throws {
        let effects = try happyPath(erpFaults: ["--fail-rate", "0.3", "--lose-response-rate", "0.1"], outageAtConfirmation: true)
        let confirmation = effects.first { $0["kind"] as? String == "orderConfirmation" }
        #expect((confirmation?["received"] as? Int ?? 0) >= 2, "\(effects)")
    }

    /// Release → confirm → ship → receive at the ERP's dock → invoice (matched) → approved and
    /// paid by the ERP; returns this supplier's effects at the ERP.
    @discardableResult
    func happyPath(erpFaults: [String], outageAtConfirmation: Bool = false) throws -> [[String: Any]] {
        let l = try Landscape(suppliers: 2, orders: 2, erpArguments: erpFaults)
        defer { l.stop() }
        let number = "PO-1001"
        let order = try l.released(number, supplier: "S-100")
        let lines = try #require(order["lines"] as? [[String: Any]])
        #expect(l.get("/v1/purchase-orders/\(number)", as: "S-200")?.status == 404)

        // The supplier confirms every line; the ERP gets one orderConfirmation.
        if outageAtConfirmation {
            let outage = HTTP.send("PUT", "\(l.erpURL)/erp/faults", body: ["outageSeconds": 1, "outageMode": "unavailable"])
            #expect(outage?.status == 200)
        }
        let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                         body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
        #expect(ack?.status == 201)
        #expect(ack?.json["decision"] as? String == "confirmed")
        try l.effect("orderConfirmation", number)
        #expect(l.get("/v1/purchase-orders/\(number)", as: "S-100")?.json["status"] as? String == "confirmed")

        // The supplier ships everything in one package; the ERP gets one inboundDelivery.
        let notice = l.post("/v1/ship-notices", as: "S-100", body: [
            "shipmentId": "ASN-LC-1", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(1), "lines": lines.map { ["purchaseOrder": number, "line": $0["line"]!, "quantity": $0["quantity"]!] }]],
        ])
        #expect(notice?.status == 201, "\(notice?.json ?? [:])")
        let noticeID = try #require(notice?.json["id"] as? String)
        try l.effect("inboundDelivery", noticeID)
        #expect(l.get("/v1/ship-notices/\(noticeID)", as: "S-100")?.status == 200)
        // Another supplier cannot ship or invoice this order: it does not exist for it.
        let foreign = l.post("/v1/ship-notices", as: "S-200", body: [
            "shipmentId": "ASN-LC-X", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(2), "lines": [["purchaseOrder": number, "line": 1, "quantity": "1"]]]],
        ])
        #expect(foreign?.status == 404)
        #expect(foreign?.json["code"] as? String == "unknownPurchaseOrder")
        #expect(l.get("/v1/ship-notices/\(noticeID)", as: "S-200")?.status == 404)

        // The ERP's dock receives it; the receipt reaches the hub, and the notice is received.
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": Landscape.today(plus: 0)])
        #expect(receipt?.status == 201, "\(receipt?.json ?? [:])")
        let receiptID = try #require(receipt?.json["id"] as? String)
        #expect(l.get("/v1/ship-notices/\(noticeID)", as: "S-100")?.json["status"] as? String == "received")
        #expect(l.get("/v1/goods-receipts/\(receiptID)", as: "S-100")?.status == 200)
        #expect(l.get("/v1/goods-receipts/\(receiptID)", as: "S-200")?.status == 404)

        // The supplier invoices what was received at the order's prices: matched on first pass.
        let (invoiceLines, total) = Landscape.invoiceLines(number, lines)
        let invoice = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-1", "invoiceDate": "2027-01-12", "currency": "USD",
                                                                  "lines": invoiceLines, "total": "\(total)"])
        #expect(invoice?.status == 201, "\(invoice?.json ?? [:])")
        #expect(invoice?.json["status"] as? String == "matched")
        #expect(invoice?.json["firstPassMatch"] as? Bool == true)
        let invoiceID = try #require(invoice?.json["id"] as? String)
        try l.effect("supplierInvoice", invoiceID)
        let foreignInvoice = l.post("/v1/invoices", as: "S-200", body: ["number": "INV-LC-X", "invoiceDate": "2027-01-12", "currency": "USD",
                                                                         "lines": invoiceLines, "total": "\(total)"])
        #expect(foreignInvoice?.status == 404)
        #expect(foreignInvoice?.json["code"] as? String == "unknownPurchaseOrder")
        // The same invoice number again is a duplicate, and moves nothing.
        let again = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-1", "invoiceDate": "2027-01-12", "currency": "USD",
                                                                "lines": invoiceLines, "total": "\(total)"])
        #expect(again?.status == 409)
        #expect(again?.json["code"] as? String == "duplicateInvoice")
        #expect(l.get("/v1/invoices/\(invoiceID)", as: "S-200")?.status == 404)

        // The ERP approves and pays it; the supplier follows it to paid.
        let booked = try l.poll("the invoice booked at the ERP") {
            (HTTP.send("GET", "\(l.erpURL)/erp/invoices")?.json["invoices"] as? [[String: Any]])?.first { $0["id"] as? String == invoiceID }
        }
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(invoiceID)/approve")?.status == 200)
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(invoiceID)/pay", body: ["paymentDate": "2027-02-11"])?.status == 200)
        let seen = l.get("/v1/invoices/\(invoiceID)", as: "S-100")?.json ?? [:]
        #expect(seen["status"] as? String == "paid")
        #expect((seen["history"] as? [[String: Any]])?.map { $0["status"] as? String } == ["matched", "approved", "paid"])
        #expect(Decimal(string: (seen["payment"] as? [String: Any])?["amount"] as? String ?? "") == total)
        #expect(Decimal(string: booked["total"] as? String ?? "") == total)

        // Exactly one effect per document, nothing else at the ERP for this supplier's order.
        let effects = try l.deliveredEffects()
        let mine = effects.filter { [number, noticeID, invoiceID].contains($0["document"] as? String ?? "") }
        #expect(mine.map { "\($0["kind"]!):\($0["document"]!)" }.sorted()
                == ["inboundDelivery:\(noticeID)", "orderConfirmation:\(number)", "supplierInvoice:\(invoiceID)"].sorted())
        #expect(mine.allSatisfy { $0["applied"] as? Int == 1 }, "\(mine)")

        // The event log tells the story in order; the other supplier reads none of it.
        let subjects: Set = [number, noticeID, receiptID, invoiceID]
        let story = l.events(as: "admin").filter { subjects.contains($0["subject"] as? String ?? "") }
        #expect(story.map { $0["type"] as? String ?? "" } == [
            "com.supplyline.po.released", "com.supplyline.po.acknowledged",
            "com.supplyline.shipnotice.submitted", "com.supplyline.shipnotice.received", "com.supplyline.receipt.posted",
            "com.supplyline.invoice.submitted", "com.supplyline.invoice.matched",
            "com.supplyline.invoice.status", "com.supplyline.invoice.status",
        ])
        #expect(story.suffix(2).map { ($0["data"] as? [String: Any])?["status"] as? String } == ["approved", "paid"])
        #expect(story.allSatisfy { ($0["data"] as? [String: Any])?["supplier"] as? String == "S-100" })
        #expect(l.events(as: "S-100").filter { subjects.contains($0["subject"] as? String ?? "") }.count == story.count)
        let others = l.events(as: "S-200")
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { ($0["data"] as? [String: Any])?["supplier"] as? String == "S-200" })
        #expect(l.get("/v1/outbox", as: "admin")?.json["dead"] as? Int == 0)

        // The receipt event carries each line's due date and shipped quantity, and the
        // scorecard computed from the log agrees with it.
        let posted = try #require(story.first { $0["type"] as? String == "com.supplyline.receipt.posted" }?["data"] as? [String: Any])
        let receiptLines = posted["lines"] as? [[String: Any]] ?? []
        #expect(receiptLines.count == lines.count)
        for (receiptLine, line) in zip(receiptLines, lines) {
            let dates = ((line["schedule"] as? [[String: Any]]) ?? []).compactMap { $0["date"] as? String } + [line["needBy"] as? String ?? ""]
            #expect(dates.contains(receiptLine["dueDate"] as? String ?? "none"), "\(receiptLine) for \(line)")
            #expect(receiptLine["shippedQuantity"] as? String == line["quantity"] as? String)
        }
        let onTime = receiptLines.filter { (posted["receivedDate"] as? String ?? "") <= ($0["dueDate"] as? String ?? "") }.count
        let period = "from=\(Landscape.today(plus: -1))&to=2027-12-31"
        let card = l.get("/v1/suppliers/S-100/scorecard?\(period)", as: "S-100")?.json ?? [:]
        #expect((card["onTimeDelivery"] as? [String: Any])?["count"] as? Int == lines.count, "\(card)")
        #expect((card["onTimeDelivery"] as? [String: Any])?["hits"] as? Int == onTime, "\(card)")
        #expect((card["shipNoticeAccuracy"] as? [String: Any])?["hits"] as? Int == lines.count, "\(card)")
        #expect((card["firstPassInvoiceMatch"] as? [String: Any])?["count"] as? Int == 1, "\(card)")
        #expect((card["firstPassInvoiceMatch"] as? [String: Any])?["percent"] as? String == "100", "\(card)")
        #expect((card["acknowledgementCycleTime"] as? [String: Any])?["count"] as? Int == 1, "\(card)")
        #expect((card["acknowledgementCycleTime"] as? [String: Any])?["unanswered"] as? Int == 0, "\(card)")
        #expect((card["nonconformances"] as? [String: Any])?["count"] as? Int == 0, "\(card)")
        #expect(l.get("/v1/suppliers/S-100/scorecard?\(period)", as: "S-200")?.status == 404)
        return mine
    }

    /// The ERP refuses every posting while the supplier ships and invoices; the hub is killed
    /// and restarted with the postings still pending; once the ERP takes postings again, each
    /// document ends as exactly one effect and the supplier's invoice goes on to paid.
    @Test func pendingPostingsSurviveAHubCrash() throws {
        let l = try Landscape(suppliers: 1, orders: 1, erpArguments: [])
        defer { l.stop() }
        let lines = try #require(try l.released("PO-1001", supplier: "S-100")["lines"] as? [[String: Any]])
        #expect(HTTP.send("PUT", "\(l.erpURL)/erp/faults", body: ["failRate": 1])?.status == 200)
        let ack = l.post("/v1/purchase-orders/PO-1001/acknowledgements", as: "S-100",
                         body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
        #expect(ack?.json["decision"] as? String == "confirmed")
        let notice = l.post("/v1/ship-notices", as: "S-100", body: [
            "shipmentId": "ASN-LC-K", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(51), "lines": lines.map { ["purchaseOrder": "PO-1001", "line": $0["line"]!, "quantity": $0["quantity"]!] }]],
        ])
        let noticeID = try #require(notice?.json["id"] as? String)
        #expect((l.get("/v1/outbox", as: "admin")?.json["pending"] as? Int) == 2)
        // Refused at least once each before the crash.
        _ = try l.poll("refused deliveries") {
            let effects = HTTP.send("GET", "\(l.erpURL)/erp/effects")?.json["effects"] as? [[String: Any]] ?? []
            return effects.count == 2 && effects.allSatisfy { ($0["received"] as? Int ?? 0) >= 1 && $0["applied"] as? Int == 0 } ? true : nil
        }
        // A delivery in flight when the hub dies is tried again as soon as the hub is back.
        try l.crashAndRestartHub()
        #expect((l.get("/v1/outbox", as: "admin")?.json["pending"] as? Int) == 2)
        #expect(HTTP.send("PUT", "\(l.erpURL)/erp/faults", body: ["failRate": 0])?.status == 200)
        try l.effect("inboundDelivery", noticeID)

        #expect(HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": Landscape.today(plus: 0)])?.status == 201)
        let (invoiceLines, total) = Landscape.invoiceLines("PO-1001", lines)
        let invoice = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-K", "invoiceDate": "2027-01-12", "currency": "USD",
                                                                  "lines": invoiceLines, "total": "\(total)"])
        let invoiceID = try #require(invoice?.json["id"] as? String)
        #expect(invoice?.json["status"] as? String == "matched")
        try l.effect("supplierInvoice", invoiceID)
        // While the hub is down the ERP cannot report the payment, and keeps the invoice as it was.
        l.hub.kill()
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(invoiceID)/pay")?.status == 502)
        let booked = (HTTP.send("GET", "\(l.erpURL)/erp/invoices")?.json["invoices"] as? [[String: Any]])?.first { $0["id"] as? String == invoiceID }
        #expect(booked?["status"] as? String == "booked")
        try l.startHub()
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(invoiceID)/pay")?.status == 200)
        #expect(l.get("/v1/invoices/\(invoiceID)", as: "S-100")?.json["status"] as? String == "paid")

        let effects = try l.deliveredEffects()
        #expect(effects.map { "\($0["kind"]!):\($0["document"]!):\($0["applied"]!)" }.sorted() == [
            "inboundDelivery:\(noticeID):1", "orderConfirmation:PO-1001:1", "supplierInvoice:\(invoiceID):1",
        ].sorted())
        #expect(effects.filter { $0["kind"] as? String != "supplierInvoice" }.allSatisfy { ($0["received"] as? Int ?? 0) >= 2 })
        #expect(l.get("/v1/outbox", as: "admin")?.json["dead"] as? Int == 0)
    }

    /// The ERP moves an order's dates after it shipped: the supplier confirms the new revision,
    /// the goods arrive against the new dates, the invoice matches; and every supplier POST sent
    /// twice with the same Idempotency-Key is answered the same and counted once.
    @Test func aRevisionAfterShippingAndRetriedRequests() throws {
        let l = try Landscape(suppliers: 1, orders: 1, erpArguments: [])
        defer { l.stop() }
        let lines = try #require(try l.released("PO-1001", supplier: "S-100")["lines"] as? [[String: Any]])
        func twice(_ path: String, _ body: [String: Any], method: String = "POST") -> [HTTP.Reply?] {
            let key = UUID().uuidString
            return (0..<2).map { _ in HTTP.send(method, l.hubURL + path, key: l.keys["S-100"], body: body, headers: ["Idempotency-Key": key]) }
        }
        let acks = twice("/v1/purchase-orders/PO-1001/acknowledgements",
                         ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
        #expect(acks.map { $0?.status } == [201, 201])
        #expect(acks[0]?.json["id"] as? String == acks[1]?.json["id"] as? String)
        let notices = twice("/v1/ship-notices", [
            "shipmentId": "ASN-LC-R", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(41), "lines": lines.map { ["purchaseOrder": "PO-1001", "line": $0["line"]!, "quantity": $0["quantity"]!] }]],
        ])
        #expect(notices.map { $0?.status } == [201, 201])
        let noticeID = try #require(notices[0]?.json["id"] as? String)
        #expect(notices[1]?.json["id"] as? String == noticeID)
        #expect((l.get("/v1/ship-notices?purchaseOrder=PO-1001", as: "S-100")?.json["items"] as? [Any])?.count == 1)
        try l.effect("inboundDelivery", noticeID)

        // The ERP sends revision 1 again: nothing changes at the hub.
        let before = l.events(as: "admin").count
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/purchase-orders/PO-1001/release")?.status == 200)
        #expect(l.get("/v1/purchase-orders/PO-1001", as: "S-100")?.json["status"] as? String == "confirmed")
        #expect(l.events(as: "admin").count == before)

        // The ERP moves every date a week later: revision 2, to be answered again.
        let revised = HTTP.send("POST", "\(l.erpURL)/erp/purchase-orders/PO-1001/revise")
        #expect(revised?.status == 200, "\(revised?.json ?? [:])")
        let order = try l.poll("revision 2 at the hub") {
            let order = l.get("/v1/purchase-orders/PO-1001", as: "S-100")?.json ?? [:]
            return order["revision"] as? Int == 2 ? order : nil
        }
        #expect(order["status"] as? String == "awaitingAcknowledgement")
        let newLines = try #require(order["lines"] as? [[String: Any]])
        let again = l.post("/v1/purchase-orders/PO-1001/acknowledgements", as: "S-100",
                           body: ["revision": 2, "lines": newLines.map { ["line": $0["line"]!, "status": "accepted"] }])
        #expect(again?.json["decision"] as? String == "confirmed", "\(again?.json ?? [:])")
        try l.effect("orderConfirmation", "PO-1001")

        // The dock receives the notice sent under revision 1; the receipt is due by the new dates.
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": Landscape.today(plus: 0)])
        #expect(receipt?.status == 201, "\(receipt?.json ?? [:])")
        let receiptID = try #require(receipt?.json["id"] as? String)
        let posted = l.events(as: "S-100").first { $0["subject"] as? String == receiptID }?["data"] as? [String: Any] ?? [:]
        for (receiptLine, line) in zip(posted["lines"] as? [[String: Any]] ?? [], newLines) {
            let dates = ((line["schedule"] as? [[String: Any]]) ?? []).compactMap { $0["date"] as? String }
            #expect(dates.contains(receiptLine["dueDate"] as? String ?? "none"), "due by revision 2's dates: \(receiptLine) for \(line)")
        }

        let (invoiceLines, total) = Landscape.invoiceLines("PO-1001", newLines)
        let invoices = twice("/v1/invoices", ["number": "INV-LC-R", "invoiceDate": "2027-01-12", "currency": "USD",
                                              "lines": invoiceLines, "total": "\(total)"])
        #expect(invoices.map { $0?.status } == [201, 201])
        #expect(invoices.map { $0?.json["status"] as? String } == ["matched", "matched"])
        let invoiceID = try #require(invoices[0]?.json["id"] as? String)
        let effects = try l.deliveredEffects()
        #expect(effects.map { "\($0["kind"]!):\($0["document"]!):\($0["revision"]!):\($0["applied"]!)" }.sorted() == [
            "inboundDelivery:\(noticeID):1:1", "orderConfirmation:PO-1001:1:1", "orderConfirmation:PO-1001:2:1",
            "supplierInvoice:\(invoiceID):1:1",
        ].sorted())
        let types = l.events(as: "S-100").map { $0["type"] as? String ?? "" }
        #expect(types == ["com.supplyline.supplier.created",
                          "com.supplyline.po.released", "com.supplyline.po.acknowledged", "com.supplyline.shipnotice.submitted",
                          "com.supplyline.po.revised", "com.supplyline.po.acknowledged", "com.supplyline.shipnotice.received",
                          "com.supplyline.receipt.posted",
                          "com.supplyline.invoice.submitted", "com.supplyline.invoice.matched"])
    }
}
