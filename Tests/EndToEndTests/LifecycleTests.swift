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
    /// the hub retries, and each document still ends as exactly one effect.
    /// A short outage when the supplier confirms makes sure at least that posting is retried.
    @Test func releaseToPaymentWithAnUnreliableERP() throws {
        let effects = try happyPath(erpFaults: ["--fail-rate", "0.3", "--lose-response-rate", "0.1"], outageAtConfirmation: true)
        let confirmation = effects.first { $0["kind"] as? String == "orderConfirmation" }
        #expect((confirmation?["received"] as? Int ?? 0) >= 2, "\(effects)")
    }

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
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": "2027-01-11"])
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
            "com.supplyline.shipnotice.submitted", "com.supplyline.receipt.posted",
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

    /// One invoice bills a higher price (held, a buyer approves, it is posted), another bills
    /// more than was received (held, a buyer rejects, nothing is posted); the supplier sees both.
    @Test func heldInvoicesAreDecidedByABuyer() throws {
        let l = try Landscape(suppliers: 2, orders: 3, erpArguments: [])
        defer { l.stop() }
        var ordered: [String: [[String: Any]]] = [:]
        for number in ["PO-1001", "PO-1003"] {
            let lines = try #require(try l.released(number, supplier: "S-100")["lines"] as? [[String: Any]])
            ordered[number] = lines
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
            let notice = l.post("/v1/ship-notices", as: "S-100", body: [
                "shipmentId": "ASN-\(number)", "shipDate": "2027-01-08",
                "packages": [["sscc": SSCC.make(number == "PO-1001" ? 11 : 13),
                              "lines": lines.map { ["purchaseOrder": number, "line": $0["line"]!, "quantity": $0["quantity"]!] }]],
            ])
            let noticeID = try #require(notice?.json["id"] as? String, "\(notice?.json ?? [:])")
            try l.effect("inboundDelivery", noticeID)
            #expect(HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": "2027-01-11"])?.status == 201)
        }

        // A higher price on PO-1001: held for priceVariance, approved by the buyer, posted.
        var (pricey, _) = Landscape.invoiceLines("PO-1001", ordered["PO-1001"]!)
        pricey[0]["unitPrice"] = "\(Decimal(string: pricey[0]["unitPrice"] as! String)! * 2)"
        let priceyTotal = pricey.reduce(Decimal(0)) { $0 + Decimal(string: $1["quantity"] as! String)! * Decimal(string: $1["unitPrice"] as! String)! }
        let held = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-P", "invoiceDate": "2027-01-12", "currency": "USD",
                                                               "lines": pricey, "total": "\(priceyTotal)"])
        #expect(held?.status == 201, "\(held?.json ?? [:])")
        #expect(held?.json["status"] as? String == "held")
        #expect((held?.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["priceVariance"])
        let heldID = try #require(held?.json["id"] as? String)

        // More than received on PO-1003: held for quantityVariance.
        var (many, _) = Landscape.invoiceLines("PO-1003", ordered["PO-1003"]!)
        many[0]["quantity"] = "\(Decimal(string: many[0]["quantity"] as! String)! + 1)"
        let manyTotal = many.reduce(Decimal(0)) { $0 + Decimal(string: $1["quantity"] as! String)! * Decimal(string: $1["unitPrice"] as! String)! }
        let over = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-Q", "invoiceDate": "2027-01-12", "currency": "USD",
                                                               "lines": many, "total": "\(manyTotal)"])
        #expect(over?.json["status"] as? String == "held", "\(over?.json ?? [:])")
        #expect((over?.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["quantityVariance"])
        let overID = try #require(over?.json["id"] as? String)

        // Both wait in the buyer's queue; neither reached the ERP.
        let queue = l.get("/v1/exceptions?type=invoiceVariance&status=open", as: "buyer")?.json["items"] as? [[String: Any]] ?? []
        #expect(queue.count == 2)
        func exception(for invoice: String) throws -> String {
            try #require(queue.first { ($0["links"] as? [String: Any])?["invoice"] as? String == invoice }?["id"] as? String)
        }
        #expect(l.get("/v1/exceptions?type=invoiceVariance", as: "S-100")?.status == 403)
        // The ERP never got the held invoices, so it cannot approve them.
        let early = HTTP.send("PUT", "\(l.hubURL)/v1/invoices/\(heldID)/status", key: l.keys["erp"], body: ["status": "approved"])
        #expect(early?.status == 409)
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(heldID)/approve")?.status == 404)
        #expect(try l.deliveredEffects().filter { $0["kind"] as? String == "supplierInvoice" }.isEmpty)

        #expect(l.post("/v1/exceptions/\(try exception(for: heldID))/approve", as: "buyer", body: ["note": "Alloy surcharge agreed."], idempotent: false)?.status == 200)
        #expect(l.post("/v1/exceptions/\(try exception(for: overID))/reject", as: "buyer", body: ["note": "Invoice what was received."], idempotent: false)?.status == 200)
        #expect(l.post("/v1/exceptions/\(try exception(for: overID))/approve", as: "buyer", idempotent: false)?.status == 409)

        try l.effect("supplierInvoice", heldID)
        let approved = l.get("/v1/invoices/\(heldID)", as: "S-100")?.json ?? [:]
        #expect(approved["status"] as? String == "matched")
        #expect(approved["firstPassMatch"] as? Bool == false)
        let rejected = l.get("/v1/invoices/\(overID)", as: "S-100")?.json ?? [:]
        #expect(rejected["status"] as? String == "rejected")
        #expect(rejected["rejection"] as? String == "Invoice what was received.")
        #expect(l.get("/v1/invoices/\(overID)", as: "S-200")?.status == 404)
        #expect(l.get("/v1/exceptions?type=invoiceVariance&status=open", as: "buyer")?.json["items"] as? [Any] == nil
                || (l.get("/v1/exceptions?type=invoiceVariance&status=open", as: "buyer")?.json["items"] as? [Any])?.isEmpty == true)

        // The rejected invoice never reaches the ERP; the approved one arrives once.
        let invoices = try l.deliveredEffects().filter { $0["kind"] as? String == "supplierInvoice" }
        #expect(invoices.map { $0["document"] as? String } == [heldID])
        #expect(invoices.first?["applied"] as? Int == 1)

        // The ERP turns the approved one down after all: the supplier reads the ERP's reason.
        _ = try l.poll("the invoice booked at the ERP") {
            (HTTP.send("GET", "\(l.erpURL)/erp/invoices")?.json["invoices"] as? [[String: Any]])?.first { $0["id"] as? String == heldID }
        }
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(heldID)/reject", body: ["reason": "Surcharge not in the contract."])?.status == 200)
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(heldID)/pay")?.status == 502, "paying a rejected invoice is refused by the hub")
        let turnedDown = l.get("/v1/invoices/\(heldID)", as: "S-100")?.json ?? [:]
        #expect(turnedDown["status"] as? String == "rejected")
        #expect(turnedDown["rejection"] as? String == "Surcharge not in the contract.")

        let types = l.events(as: "S-100").filter { [heldID, overID].contains($0["subject"] as? String ?? "") }.map { $0["type"] as? String ?? "" }
        #expect(types == ["com.supplyline.invoice.submitted", "com.supplyline.invoice.held",
                          "com.supplyline.invoice.submitted", "com.supplyline.invoice.held",
                          "com.supplyline.invoice.matched", "com.supplyline.invoice.rejected",
                          "com.supplyline.invoice.rejected"])
        let approvedException = try exception(for: heldID), rejectedException = try exception(for: overID)
        #expect(queue.first { $0["id"] as? String == approvedException }?["purchaseOrder"] as? String == "PO-1001")
        #expect(queue.first { $0["id"] as? String == rejectedException }?["purchaseOrder"] as? String == "PO-1003")
        let decisions = l.events(as: "admin").filter { [approvedException, rejectedException].contains($0["subject"] as? String ?? "") }
        #expect(decisions.map { "\($0["subject"]!):\($0["type"]!)" } == [
            "\(approvedException):com.supplyline.exception.opened", "\(rejectedException):com.supplyline.exception.opened",
            "\(approvedException):com.supplyline.exception.approved", "\(rejectedException):com.supplyline.exception.rejected",
        ])
        let rejections = l.events(as: "admin").filter { $0["type"] as? String == "com.supplyline.invoice.rejected" }
        #expect(rejections.map { ($0["data"] as? [String: Any])?["by"] as? String } == ["buyer", "erp"])

        // With both invoices rejected, PO-1001 and PO-1003 can be billed again in full.
        let (again, againTotal) = Landscape.invoiceLines("PO-1001", ordered["PO-1001"]!)
        let rebilled = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-P2", "invoiceDate": "2027-01-13", "currency": "USD",
                                                                   "lines": again, "total": "\(againTotal)"])
        #expect(rebilled?.json["status"] as? String == "matched", "\(rebilled?.json ?? [:])")
    }

    /// After confirmation the supplier moves a delivery within its tolerance (applied, one
    /// scheduleChange at the ERP); the ERP cancels an unshipped order (the supplier can no longer
    /// ship it) but cannot cancel a shipped one; a nonconformance on a receipt reaches the ERP once.
    @Test func changesCancellationsAndNonconformances() throws {
        let l = try Landscape(suppliers: 2, orders: 4, erpArguments: [])
        defer { l.stop() }
        var ordered: [String: [[String: Any]]] = [:]
        for (number, supplier) in [("PO-1001", "S-100"), ("PO-1003", "S-100"), ("PO-1002", "S-200")] {
            let lines = try #require(try l.released(number, supplier: supplier)["lines"] as? [[String: Any]])
            ordered[number] = lines
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: supplier,
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
            try l.effect("orderConfirmation", number)
        }

        // A change request one day later on PO-1003 line 1 (Acme Castings allows 3 days).
        let line = ordered["PO-1003"]![0]
        let schedule = (line["schedule"] as? [[String: Any]]) ?? []
        let moved: [[String: Any]] = (schedule.isEmpty ? [["quantity": line["quantity"]!, "date": line["needBy"]!]] : schedule).map {
            ["quantity": $0["quantity"]!, "date": Landscape.day($0["date"] as! String, plus: 1)]
        }
        let change = l.post("/v1/purchase-orders/PO-1003/change-requests", as: "S-100",
                            body: ["revision": 1, "lines": [["line": line["line"]!, "schedule": moved, "reason": "Furnace maintenance"]]])
        #expect(change?.status == 201, "\(change?.json ?? [:])")
        #expect(change?.json["status"] as? String == "applied")
        try l.effect("scheduleChange", "PO-1003")
        #expect(l.post("/v1/purchase-orders/PO-1003/change-requests", as: "S-200",
                       body: ["revision": 1, "lines": [["line": 1, "schedule": moved]]])?.status == 404)

        // PO-1001 shipped and received; the ERP cannot cancel it any more.
        let lines = ordered["PO-1001"]!
        let notice = l.post("/v1/ship-notices", as: "S-100", body: [
            "shipmentId": "ASN-LC-C", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(21), "lines": lines.map { ["purchaseOrder": "PO-1001", "line": $0["line"]!, "quantity": $0["quantity"]!] }]],
        ])
        let noticeID = try #require(notice?.json["id"] as? String, "\(notice?.json ?? [:])")
        try l.effect("inboundDelivery", noticeID)
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": "2027-01-11"])
        let receiptID = try #require(receipt?.json["id"] as? String)
        let refused = HTTP.send("POST", "\(l.hubURL)/v1/purchase-orders/PO-1001/cancel", key: l.keys["erp"],
                                body: ["reason": "Project stopped"], headers: ["Idempotency-Key": UUID().uuidString])
        #expect(refused?.status == 409)
        #expect(refused?.json["code"] as? String == "belowShippedQuantity")
        #expect(l.get("/v1/purchase-orders/PO-1001", as: "S-100")?.json["status"] as? String == "confirmed")

        // PO-1002 (nothing shipped) is cancelled by the reference ERP.
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/purchase-orders/PO-1002/cancel", body: ["reason": "Project stopped"])?.status == 200)
        let cancelled = l.get("/v1/purchase-orders/PO-1002", as: "S-200")?.json ?? [:]
        #expect(cancelled["status"] as? String == "cancelled")
        #expect(cancelled["cancelReason"] as? String == "Project stopped")
        #expect(l.get("/v1/purchase-orders/PO-1002", as: "S-100")?.status == 404)
        let late = l.post("/v1/ship-notices", as: "S-200", body: [
            "shipmentId": "ASN-LC-D", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(22), "lines": [["purchaseOrder": "PO-1002", "line": 1, "quantity": "1"]]]],
        ])
        #expect(late.map { (400..<500).contains($0.status) } == true, "a cancelled order cannot be shipped: \(late?.json ?? [:])")
        let cancelEvents = l.events(as: "S-200").filter { $0["subject"] as? String == "PO-1002" }.map { $0["type"] as? String ?? "" }
        #expect(cancelEvents.last == "com.supplyline.po.cancelled", "\(cancelEvents)")
        #expect(l.events(as: "S-100").allSatisfy { $0["subject"] as? String != "PO-1002" })

        // A nonconformance on PO-1001's receipt: posted once, answered by the supplier.
        let ncr = l.post("/v1/nonconformances", as: "buyer", body: [
            "supplier": "S-100", "goodsReceipt": receiptID, "purchaseOrder": "PO-1001", "line": lines[0]["line"]!,
            "quantityAffected": "1", "severity": "major", "description": "Burrs on the cut edges.",
            "due": ["containment": Landscape.today(plus: 7), "rootCause": Landscape.today(plus: 14), "correctiveAction": Landscape.today(plus: 35)],
        ])
        #expect(ncr?.status == 201, "\(ncr?.json ?? [:])")
        let ncrID = try #require(ncr?.json["id"] as? String)
        try l.effect("nonconformance", ncrID)
        #expect(l.get("/v1/nonconformances/\(ncrID)", as: "S-200")?.status == 404)
        // The short 8D, step by step, to closed; the ERP hears of the raise and of the close.
        for (step, path, answeredStatus) in [("containment", "containment", "containmentAnswered"),
                                             ("rootCause", "root-cause", "rootCauseAnswered"),
                                             ("correctiveAction", "corrective-action", "correctiveActionAnswered")] {
            let answered = l.post("/v1/nonconformances/\(ncrID)/\(path)", as: "S-100", body: ["text": "Answer for \(step)."])
            #expect(answered?.json["status"] as? String == answeredStatus, "\(answered?.json ?? [:])")
            #expect(l.post("/v1/nonconformances/\(ncrID)/\(path)", as: "S-200", body: ["text": "Not mine."])?.status == 404)
            let accepted = l.post("/v1/nonconformances/\(ncrID)/accept", as: "buyer", body: ["step": step], idempotent: false)
            #expect(accepted?.status == 200, "\(accepted?.json ?? [:])")
        }
        let closed = l.post("/v1/nonconformances/\(ncrID)/close", as: "buyer", body: ["note": "Two lots received without burrs."], idempotent: false)
        #expect(closed?.json["status"] as? String == "closed", "\(closed?.json ?? [:])")
        let effects = try l.deliveredEffects()
        for (kind, document, revisions) in [("orderConfirmation", "PO-1001", [1]), ("orderConfirmation", "PO-1002", [1]),
                                            ("orderConfirmation", "PO-1003", [1]), ("scheduleChange", "PO-1003", [1]),
                                            ("inboundDelivery", noticeID, [1]), ("nonconformance", ncrID, [1, 2])] {
            let matching = effects.filter { $0["kind"] as? String == kind && $0["document"] as? String == document }
            #expect(matching.compactMap { $0["revision"] as? Int } == revisions && matching.allSatisfy { $0["applied"] as? Int == 1 },
                    "\(kind) \(document): \(matching)")
        }
        #expect(effects.filter { $0["document"] as? String == "PO-1002" }.count == 1, "the cancellation came from the ERP; nothing is posted back")
        let ncrEvents = l.events(as: "S-100").filter { $0["subject"] as? String == ncrID }.map { $0["type"] as? String ?? "" }
        #expect(ncrEvents.first == "com.supplyline.ncr.raised")
        #expect(ncrEvents.filter { $0 == "com.supplyline.ncr.answered" }.count == 3)
        #expect(ncrEvents.last == "com.supplyline.ncr.closed", "\(ncrEvents)")
        #expect(l.events(as: "S-200").allSatisfy { $0["subject"] as? String != ncrID })
    }

    /// A ship notice corrected before arrival reaches the ERP as a new version, and the dock
    /// receives what the latest version announced; a cancelled notice reaches the ERP as a
    /// cancellation, and the dock has nothing to receive.
    @Test func correctedAndCancelledShipNotices() throws {
        let l = try Landscape(suppliers: 2, orders: 3, erpArguments: [])
        defer { l.stop() }
        var ordered: [String: [[String: Any]]] = [:]
        for number in ["PO-1001", "PO-1003"] {
            let lines = try #require(try l.released(number, supplier: "S-100")["lines"] as? [[String: Any]])
            ordered[number] = lines
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
        }
        let line = ordered["PO-1001"]![0]
        let full = Decimal(string: line["quantity"] as! String)!
        func notice(_ quantity: Decimal) -> [String: Any] {
            ["shipmentId": "ASN-LC-U", "shipDate": "2027-01-08",
             "packages": [["sscc": SSCC.make(31), "lines": [["purchaseOrder": "PO-1001", "line": line["line"]!, "quantity": "\(quantity)"]]]]]
        }
        let first = l.post("/v1/ship-notices", as: "S-100", body: notice(full - 1))
        let id = try #require(first?.json["id"] as? String, "\(first?.json ?? [:])")
        try l.effect("inboundDelivery", id)
        let corrected = HTTP.send("PUT", "\(l.hubURL)/v1/ship-notices/\(id)", key: l.keys["S-100"], body: notice(full))
        #expect(corrected?.status == 200, "\(corrected?.json ?? [:])")
        #expect(corrected?.json["version"] as? Int == 2)
        #expect(HTTP.send("PUT", "\(l.hubURL)/v1/ship-notices/\(id)", key: l.keys["S-200"], body: notice(full))?.status == 404)
        let effects = try l.deliveredEffects().filter { $0["document"] as? String == id }
        #expect(effects.map { "\($0["kind"]!):\($0["revision"]!):\($0["applied"]!)" } == ["inboundDelivery:1:1", "inboundDelivery:2:1"])
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(id)/receive", body: ["receivedDate": "2027-01-11"])
        #expect(receipt?.status == 201)
        #expect((receipt?.json["lines"] as? [[String: Any]])?.first?["received"] as? String == "\(full)")
        #expect(HTTP.send("POST", "\(l.hubURL)/v1/ship-notices/\(id)/cancel", key: l.keys["S-100"],
                          headers: ["Idempotency-Key": UUID().uuidString])?.json["code"] as? String == "shipNoticeReceived")

        // PO-1003 shipped, then the shipment is called off.
        let other = ordered["PO-1003"]![0]
        let second = l.post("/v1/ship-notices", as: "S-100", body: [
            "shipmentId": "ASN-LC-V", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(32), "lines": [["purchaseOrder": "PO-1003", "line": other["line"]!, "quantity": other["quantity"]!]]]],
        ])
        let secondID = try #require(second?.json["id"] as? String, "\(second?.json ?? [:])")
        try l.effect("inboundDelivery", secondID)
        let cancelled = HTTP.send("POST", "\(l.hubURL)/v1/ship-notices/\(secondID)/cancel", key: l.keys["S-100"],
                                  headers: ["Idempotency-Key": UUID().uuidString])
        #expect(cancelled?.json["status"] as? String == "cancelled", "\(cancelled?.json ?? [:])")
        try l.effect("inboundDeliveryCancellation", secondID)
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(secondID)/receive")?.status == 409)
        let types = l.events(as: "S-100").filter { [id, secondID].contains($0["subject"] as? String ?? "") }.map { $0["type"] as? String ?? "" }
        #expect(types == ["com.supplyline.shipnotice.submitted", "com.supplyline.shipnotice.updated",
                          "com.supplyline.shipnotice.submitted", "com.supplyline.shipnotice.cancelled"])
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
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": "2027-01-11"])
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
                          "com.supplyline.po.revised", "com.supplyline.po.acknowledged", "com.supplyline.receipt.posted",
                          "com.supplyline.invoice.submitted", "com.supplyline.invoice.matched"])
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
        try l.crashAndRestartHub()
        #expect((l.get("/v1/outbox", as: "admin")?.json["pending"] as? Int) == 2)
        #expect(HTTP.send("PUT", "\(l.erpURL)/erp/faults", body: ["failRate": 0])?.status == 200)
        try l.effect("inboundDelivery", noticeID)

        #expect(HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": "2027-01-11"])?.status == 201)
        let (invoiceLines, total) = Landscape.invoiceLines("PO-1001", lines)
        let invoice = l.post("/v1/invoices", as: "S-100", body: ["number": "INV-LC-K", "invoiceDate": "2027-01-12", "currency": "USD",
                                                                  "lines": invoiceLines, "total": "\(total)"])
        let invoiceID = try #require(invoice?.json["id"] as? String)
        #expect(invoice?.json["status"] as? String == "matched")
        try l.effect("supplierInvoice", invoiceID)
        #expect(HTTP.send("POST", "\(l.erpURL)/erp/invoices/\(invoiceID)/pay")?.status == 200)
        #expect(l.get("/v1/invoices/\(invoiceID)", as: "S-100")?.json["status"] as? String == "paid")

        let effects = try l.deliveredEffects()
        #expect(effects.map { "\($0["kind"]!):\($0["document"]!):\($0["applied"]!)" }.sorted() == [
            "inboundDelivery:\(noticeID):1", "orderConfirmation:PO-1001:1", "supplierInvoice:\(invoiceID):1",
        ].sorted())
        #expect(effects.filter { $0["kind"] as? String != "supplierInvoice" }.allSatisfy { ($0["received"] as? Int ?? 0) >= 2 })
        #expect(l.get("/v1/outbox", as: "admin")?.json["dead"] as? Int == 0)
    }

    /// Ship notices that cover the confirmed quantity keep the late-shipment timer quiet; only
    /// the order nobody shipped is raised. The hub runs without fast timers while the orders are
    /// confirmed and shipped, then restarts with them.
    @Test func onlyTheUnshippedOrderIsLate() throws {
        let l = try Landscape(suppliers: 1, orders: 3, erpArguments: [])
        defer { l.stop() }
        var deliveries: [String: Int] = [:]
        for number in ["PO-1001", "PO-1002", "PO-1003"] {
            let lines = try #require(try l.released(number, supplier: "S-100")["lines"] as? [[String: Any]])
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
            deliveries[number] = lines.reduce(0) { $0 + max(1, ($1["schedule"] as? [Any])?.count ?? 0) }
            guard number != "PO-1001" else { continue }
            // PO-1002 ships in full; PO-1003 ships all but one unit of its first line.
            let shipped = lines.enumerated().map { i, line -> [String: Any] in
                let quantity = Decimal(string: line["quantity"] as! String)! - (number == "PO-1003" && i == 0 ? 1 : 0)
                return ["purchaseOrder": number, "line": line["line"]!, "quantity": "\(quantity)"]
            }
            let notice = l.post("/v1/ship-notices", as: "S-100", body: [
                "shipmentId": "ASN-\(number)", "shipDate": "2027-01-08", "packages": [["sscc": SSCC.make(number == "PO-1002" ? 61 : 63), "lines": shipped]],
            ])
            #expect(notice?.status == 201, "\(notice?.json ?? [:])")
        }
        #expect((l.get("/v1/exceptions?type=shipNoticeLate", as: "buyer")?.json["items"] as? [Any])?.isEmpty == true)

        try l.crashAndRestartHub(adding: ["--timer-interval-seconds", "1", "--ship-notice-late-days", "365"])
        func late(_ number: String) -> [[String: Any]] {
            (l.get("/v1/exceptions?type=shipNoticeLate&limit=100", as: "buyer")?.json["items"] as? [[String: Any]] ?? [])
                .filter { $0["purchaseOrder"] as? String == number }
        }
        let raised = try l.poll("shipNoticeLate for PO-1001") { late("PO-1001").count >= deliveries["PO-1001"]! ? late("PO-1001") : nil }
        #expect(raised.count == deliveries["PO-1001"]!)
        // PO-1003's first line is one short by its last delivery: that delivery alone is late.
        let short = try l.poll("shipNoticeLate for PO-1003") { late("PO-1003").isEmpty ? nil : late("PO-1003") }
        #expect(short.count == 1)
        #expect((short.first?["links"] as? [String: Any])?["line"] as? String == "1")
        #expect(late("PO-1002").isEmpty)
        let events = l.events(as: "S-100").filter { $0["type"] as? String == "com.supplyline.timer.shipNoticeLate" }
        #expect(events.count == raised.count + 1)
        #expect(events.allSatisfy { ($0["data"] as? [String: Any])?["purchaseOrder"] as? String != "PO-1002" })
    }

    /// A supplier's change outside its tolerance waits for a buyer; while it waits no other is
    /// taken and nothing reaches the ERP; approved, it is posted once and the new dates hold
    /// for the goods that then arrive.
    @Test func aChangeOutsideToleranceWaitsForABuyer() throws {
        let l = try Landscape(suppliers: 1, orders: 1, erpArguments: [])
        defer { l.stop() }
        let lines = try #require(try l.released("PO-1001", supplier: "S-100")["lines"] as? [[String: Any]])
        let ack = l.post("/v1/purchase-orders/PO-1001/acknowledgements", as: "S-100",
                         body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
        #expect(ack?.json["decision"] as? String == "confirmed")
        let line = lines[0]
        let schedule = (line["schedule"] as? [[String: Any]]) ?? [["quantity": line["quantity"]!, "date": line["needBy"]!]]
        let moved: [[String: Any]] = schedule.map { ["quantity": $0["quantity"]!, "date": Landscape.day($0["date"] as! String, plus: 20)] }
        let change = l.post("/v1/purchase-orders/PO-1001/change-requests", as: "S-100",
                            body: ["revision": 1, "lines": [["line": line["line"]!, "schedule": moved, "reason": "Die repair"]]])
        #expect(change?.status == 201, "\(change?.json ?? [:])")
        #expect(change?.json["status"] as? String == "inReview")
        #expect((change?.json["reasons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }.contains("dateOutOfTolerance") == true)
        let second = l.post("/v1/purchase-orders/PO-1001/change-requests", as: "S-100",
                            body: ["revision": 1, "lines": [["line": line["line"]!, "schedule": schedule]]])
        #expect(second?.status == 409)
        #expect(second?.json["code"] as? String == "changeRequestPending")

        let queue = l.get("/v1/exceptions?type=changeRequestOutOfTolerance&status=open", as: "buyer")?.json["items"] as? [[String: Any]] ?? []
        #expect(queue.count == 1)
        #expect(try l.deliveredEffects().filter { $0["kind"] as? String == "scheduleChange" }.isEmpty)
        let exceptionID = try #require(queue.first?["id"] as? String)
        #expect(l.post("/v1/exceptions/\(exceptionID)/approve", as: "buyer", body: ["note": "Agreed with planning."], idempotent: false)?.status == 200)
        try l.effect("scheduleChange", "PO-1001")
        let posted = try l.deliveredEffects().filter { $0["kind"] as? String == "scheduleChange" }
        #expect(posted.count == 1 && posted.first?["applied"] as? Int == 1, "\(posted)")

        // The goods arrive: due by the approved dates.
        let notice = l.post("/v1/ship-notices", as: "S-100", body: [
            "shipmentId": "ASN-LC-CR", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(71), "lines": [["purchaseOrder": "PO-1001", "line": line["line"]!, "quantity": line["quantity"]!]]]],
        ])
        let noticeID = try #require(notice?.json["id"] as? String, "\(notice?.json ?? [:])")
        try l.effect("inboundDelivery", noticeID)
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": "2027-01-11"])
        let receiptID = try #require(receipt?.json["id"] as? String, "\(receipt?.json ?? [:])")
        let data = l.events(as: "S-100").first { $0["subject"] as? String == receiptID }?["data"] as? [String: Any] ?? [:]
        let due = (data["lines"] as? [[String: Any]])?.first?["dueDate"] as? String
        #expect(moved.compactMap { $0["date"] as? String }.contains(due ?? "none"), "due \(due ?? "nil"), approved \(moved)")
    }

    /// A confirmed delivery due inside the late window with nothing shipped raises
    /// `shipNoticeLate` once, however many sweeps follow.
    @Test func aLateShipmentIsRaisedOnce() throws {
        let l = try Landscape(suppliers: 1, orders: 3, erpArguments: [],
                              hubArguments: ["--timer-interval-seconds", "1", "--ship-notice-late-days", "365"])
        defer { l.stop() }
        func confirm(_ number: String) throws -> Int {
            let order = try l.released(number, supplier: "S-100")
            let lines = try #require(order["lines"] as? [[String: Any]])
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
            // One watched delivery per schedule line, or one for the line when it has none.
            return lines.reduce(0) { $0 + max(1, ($1["schedule"] as? [Any])?.count ?? 0) }
        }
        func late(_ number: String) -> [[String: Any]] {
            (l.get("/v1/exceptions?type=shipNoticeLate&limit=100", as: "buyer")?.json["items"] as? [[String: Any]] ?? [])
                .filter { $0["purchaseOrder"] as? String == number }
        }
        func lateEvents(_ number: String) -> [[String: Any]] {
            l.events(as: "admin").filter {
                $0["type"] as? String == "com.supplyline.timer.shipNoticeLate"
                    && ($0["data"] as? [String: Any])?["purchaseOrder"] as? String == number
            }
        }

        let deliveries = try confirm("PO-1001")
        let raised = try l.poll("shipNoticeLate for PO-1001") { late("PO-1001").count >= deliveries ? late("PO-1001") : nil }
        #expect(raised.count == deliveries)
        #expect(raised.allSatisfy { $0["status"] as? String == "open" && $0["supplier"] as? String == "S-100" })
        #expect(lateEvents("PO-1001").count == deliveries)

        // Two later orders confirmed and raised by later sweeps: PO-1001 is not raised again.
        for number in ["PO-1002", "PO-1003"] {
            let count = try confirm(number)
            _ = try l.poll("shipNoticeLate for \(number)") { late(number).count >= count ? true : nil }
        }
        #expect(late("PO-1001").count == deliveries)
        #expect(lateEvents("PO-1001").count == deliveries)

        // The supplier sees the event about its order; the alert closes with a buyer's decision.
        #expect(l.events(as: "S-100").contains { $0["type"] as? String == "com.supplyline.timer.shipNoticeLate" })
        let first = try #require(raised.first?["id"] as? String)
        #expect(l.post("/v1/exceptions/\(first)/approve", as: "buyer", body: ["note": "Carrier booked."], idempotent: false)?.status == 200)
        #expect(late("PO-1001").count == deliveries)
    }
}

/// A hub and a reference ERP on loopback, with keys for the ERP, an admin, a buyer and each
/// seeded supplier.
final class Landscape {
    private(set) var hub: Child
    let erp: Child
    private let hubCommand: [String]
    private let dir: URL
    let hubURL: String
    let erpURL: String
    var keys: [String: String] = [:]

    init(suppliers: Int, orders: Int, erpArguments: [String], hubArguments: [String] = []) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-e2e-lc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("hub.db").path
        func key(_ args: [String]) throws -> String {
            try runToCompletion(Executables.hub, ["clients", "add", "--db", db] + args).split(separator: "\n").last.map(String.init) ?? ""
        }
        keys["erp"] = try key(["--role", "erp", "--name", "ERP"])
        keys["admin"] = try key(["--role", "admin", "--name", "Ops"])
        keys["buyer"] = try key(["--role", "buyer", "--name", "Buyer"])
        for i in 1...suppliers {
            keys["S-\(i * 100)"] = try key(["--role", "supplier", "--supplier", "S-\(i * 100)", "--name", "User at S-\(i * 100)"])
        }
        let hubPort = freePort(), erpPort = freePort()
        hubURL = "http://127.0.0.1:\(hubPort)"
        erpURL = "http://127.0.0.1:\(erpPort)"
        hubCommand = ["serve", "--listen", "127.0.0.1:\(hubPort)", "--db", db, "--erp-url", erpURL,
                      "--retry-base-seconds", "0.05", "--retry-max-seconds", "0.5", "--access-log", "false"] + hubArguments
        hub = try Child(Executables.hub, hubCommand, log: dir.appendingPathComponent("hub.log"))
        erp = try Child(Executables.erp, ["serve", "--listen", "127.0.0.1:\(erpPort)", "--db", dir.appendingPathComponent("erp.db").path,
                                          "--hub-url", hubURL, "--hub-key", keys["erp"]!,
                                          "--seed-suppliers", "\(suppliers)", "--seed-orders", "\(orders)"] + erpArguments,
                        log: dir.appendingPathComponent("erp.log"))
        do {
            _ = try hub.waitFor("listening on")
            _ = try erp.waitFor("listening on")
        } catch {
            stop()
            throw error
        }
    }

    /// Kills the hub without warning (SIGKILL) and starts it again on the same database, with
    /// `arguments` added to its command line.
    func crashAndRestartHub(adding arguments: [String] = []) throws {
        hub.kill()
        hub = try Child(Executables.hub, hubCommand + arguments, log: dir.appendingPathComponent("hub-\(UUID().uuidString).log"))
        _ = try hub.waitFor("listening on")
    }

    func stop() {
        hub.kill()
        erp.kill()
    }

    func get(_ path: String, as who: String) -> HTTP.Reply? {
        HTTP.send("GET", hubURL + path, key: keys[who])
    }

    /// A POST to the hub; creating POSTs carry a fresh Idempotency-Key.
    func post(_ path: String, as who: String, body: Any? = nil, idempotent: Bool = true) -> HTTP.Reply? {
        HTTP.send("POST", hubURL + path, key: keys[who], body: body,
                  headers: idempotent ? ["Idempotency-Key": UUID().uuidString] : [:])
    }

    func poll<T>(_ what: String, timeout: TimeInterval = 60, _ body: () -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = body() { return value }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("gave up waiting for \(what)")
    }

    /// The order as its supplier sees it, once the ERP has released it.
    func released(_ number: String, supplier: String) throws -> [String: Any] {
        try poll("the release of \(number)") {
            let order = get("/v1/purchase-orders/\(number)", as: supplier)?.json ?? [:]
            return order["number"] == nil ? nil : order
        }
    }

    /// Waits for the ERP to have applied one posting of this kind for the document.
    func effect(_ kind: String, _ document: String) throws {
        _ = try poll("\(kind) of \(document) at the ERP") {
            (HTTP.send("GET", "\(erpURL)/erp/effects")?.json["effects"] as? [[String: Any]])?
                .first { $0["kind"] as? String == kind && $0["document"] as? String == document && ($0["applied"] as? Int ?? 0) > 0 }
        }
    }

    /// The ERP's effects once the hub's outbox is empty.
    func deliveredEffects() throws -> [[String: Any]] {
        _ = try poll("an empty outbox") { (get("/v1/outbox", as: "admin")?.json["pending"] as? Int) == 0 ? true : nil }
        return HTTP.send("GET", "\(erpURL)/erp/effects")?.json["effects"] as? [[String: Any]] ?? []
    }

    /// The whole event log as this key may read it, oldest first.
    func events(as who: String) -> [[String: Any]] {
        var all: [[String: Any]] = [], after = 0
        while true {
            let page = get("/v1/events?after=\(after)&limit=1000", as: who)?.json ?? [:]
            let items = page["items"] as? [[String: Any]] ?? []
            if items.isEmpty { return all }
            all += items
            after = page["next"] as? Int ?? after
        }
    }

    /// Today (UTC) moved by some days, as YYYY-MM-DD.
    static func today(plus days: Int) -> String {
        Date().addingTimeInterval(Double(days) * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// A calendar date (YYYY-MM-DD) moved by some days.
    static func day(_ date: String, plus days: Int) -> String {
        let format = Date.ISO8601FormatStyle().year().month().day()
        let moved = (try? format.parse(date)).map { $0.addingTimeInterval(Double(days) * 86_400) } ?? Date()
        return moved.formatted(format)
    }

    /// Invoice lines billing every order line in full at its order price, and their total.
    static func invoiceLines(_ number: String, _ lines: [[String: Any]]) -> ([[String: Any]], Decimal) {
        var total = Decimal(0)
        let invoice = lines.map { line -> [String: Any] in
            total += Decimal(string: line["quantity"] as! String)! * Decimal(string: line["unitPrice"] as! String)!
            return ["line": line["line"]!, "purchaseOrder": number, "poLine": line["line"]!, "quantity": line["quantity"]!,
                    "unit": line["unit"]!, "unitPrice": line["unitPrice"]!]
        }
        return (invoice, total)
    }
}

/// Valid SSCC-18 labels for the tests' packages.
enum SSCC {
    static func make(_ serial: Int) -> String {
        let body = "00614141" + String(format: "%09d", serial)
        let digits = body.compactMap { $0.wholeNumberValue }
        let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return body + "\((10 - sum % 10) % 10)"
    }
}
