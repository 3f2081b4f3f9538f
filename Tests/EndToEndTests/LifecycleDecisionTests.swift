import Foundation
import Testing

/// Both executables, through HTTP only: what happens when a document does not go straight
/// through: invoices held for a buyer, changes and cancellations, corrected ship notices and
/// nonconformances, with the ERP's effects, the event log and each supplier's view.
@Suite("End to end: held documents, changes and cancellations", .serialized)
struct LifecycleDecisionTests {
    /// The dock turns part of a delivery away: only what went into stock may be billed, the
    /// ship notice still counts as accurate, and the order line cannot be cut below what came.
    @Test func partOfADeliveryRejectedAtTheDock() throws {
        let l = try Landscape(suppliers: 1, orders: 1, erpArguments: [])
        defer { l.stop() }
        let lines = try #require(try l.released("PO-1001", supplier: "S-100")["lines"] as? [[String: Any]])
        let ack = l.post("/v1/purchase-orders/PO-1001/acknowledgements", as: "S-100",
                         body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
        #expect(ack?.json["decision"] as? String == "confirmed")
        let line = lines[0]
        let quantity = Decimal(string: line["quantity"] as! String)!
        let notice = l.post("/v1/ship-notices", as: "S-100", body: [
            "shipmentId": "ASN-LC-RJ", "shipDate": "2027-01-08",
            "packages": [["sscc": SSCC.make(81), "lines": [["purchaseOrder": "PO-1001", "line": line["line"]!, "quantity": "\(quantity)"]]]],
        ])
        let noticeID = try #require(notice?.json["id"] as? String, "\(notice?.json ?? [:])")
        try l.effect("inboundDelivery", noticeID)
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: [
            "receivedDate": Landscape.today(plus: 0), "lines": [["shipNoticeLine": 1, "received": "\(quantity - 2)", "rejected": "2", "lot": "L-1"]],
        ])
        #expect(receipt?.status == 201, "\(receipt?.json ?? [:])")

        func bill(_ number: String, _ billed: Decimal) -> HTTP.Reply? {
            l.post("/v1/invoices", as: "S-100", body: [
                "number": number, "invoiceDate": "2027-01-12", "currency": "USD", "total": "\(billed * Decimal(string: line["unitPrice"] as! String)!)",
                "lines": [["line": 1, "purchaseOrder": "PO-1001", "poLine": line["line"]!, "quantity": "\(billed)", "unit": line["unit"]!, "unitPrice": line["unitPrice"]!]],
            ])
        }
        let tooMuch = bill("INV-LC-RJ1", quantity)
        #expect(tooMuch?.json["status"] as? String == "held")
        #expect((tooMuch?.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["quantityVariance"])
        let exceptionID = try #require((l.get("/v1/exceptions?type=invoiceVariance&status=open", as: "buyer")?.json["items"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(l.post("/v1/exceptions/\(exceptionID)/reject", as: "buyer", idempotent: false)?.status == 200)
        let rejection = l.get("/v1/invoices/\(tooMuch?.json["id"] as? String ?? "")", as: "S-100")?.json["rejection"] as? String
        #expect(rejection?.isEmpty == false, "without a note the supplier reads the variance reasons")
        #expect(bill("INV-LC-RJ2", quantity - 2)?.json["status"] as? String == "matched")

        let card = l.get("/v1/suppliers/S-100/scorecard?from=\(Landscape.today(plus: -1))&to=2027-12-31", as: "buyer")?.json ?? [:]
        #expect((card["shipNoticeAccuracy"] as? [String: Any])?["hits"] as? Int == 1, "received + rejected = shipped: \(card)")
        #expect((card["firstPassInvoiceMatch"] as? [String: Any])?["count"] as? Int == 2, "\(card)")
        #expect((card["firstPassInvoiceMatch"] as? [String: Any])?["hits"] as? Int == 1, "\(card)")

        // What arrived (taken in or turned away) bounds any cut of the line.
        let cut = HTTP.send("POST", "\(l.hubURL)/v1/purchase-orders/PO-1001/cancel", key: l.keys["erp"], body: ["reason": "Stop"],
                            headers: ["Idempotency-Key": UUID().uuidString])
        #expect(cut?.json["code"] as? String == "belowShippedQuantity")
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
            #expect(HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": Landscape.today(plus: 0)])?.status == 201)
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
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": Landscape.today(plus: 0)])
        let receiptID = try #require(receipt?.json["id"] as? String, "\(receipt?.json ?? [:])")
        let data = l.events(as: "S-100").first { $0["subject"] as? String == receiptID }?["data"] as? [String: Any] ?? [:]
        let due = (data["lines"] as? [[String: Any]])?.first?["dueDate"] as? String
        #expect(moved.compactMap { $0["date"] as? String }.contains(due ?? "none"), "due \(due ?? "nil"), approved \(moved)")
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
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(noticeID)/receive", body: ["receivedDate": Landscape.today(plus: 0)])
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
        let receipt = HTTP.send("POST", "\(l.erpURL)/erp/deliveries/\(id)/receive", body: ["receivedDate": Landscape.today(plus: 0)])
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
        #expect(types == ["com.supplyline.shipnotice.submitted", "com.supplyline.shipnotice.updated", "com.supplyline.shipnotice.received",
                          "com.supplyline.shipnotice.submitted", "com.supplyline.shipnotice.cancelled"])
    }
}
