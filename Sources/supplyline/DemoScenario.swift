import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What `supplyline demo` does after the reference ERP has released its orders, so the demo
/// opens on a lifecycle in progress: orders confirmed, shipped and received, an invoice matched
/// and one held for a price variance, an order cancelled and a nonconformance raised. Every step
/// goes through the public API of the hub and the reference ERP, as a supplier, a buyer or the
/// ERP would take it, so the demo shows exactly what the product does.
struct DemoScenario {
    let hubURL: String
    let erpURL: String
    let buyerKey: String
    let supplierKeys: [String: String]

    /// What the scenario left behind, for the demo's printout.
    struct Outcome {
        var confirmed: [String] = []
        var shipNotices: [String: String] = [:]
        var goodsReceipts: [String: String] = [:]
        var matchedInvoice = ""
        var heldInvoice = ""
        var heldException = ""
        var cancelled = ""
        var nonconformance = ""
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run() throws -> Outcome {
        var outcome = Outcome()
        // PO-1010 … PO-1013: confirmed by their suppliers.
        var lines: [String: [[String: Any]]] = [:]
        for number in ["PO-1010", "PO-1011", "PO-1012", "PO-1013"] {
            let order = try released(number)
            let supplier = order["supplier"] as? String ?? ""
            let orderLines = order["lines"] as? [[String: Any]] ?? []
            lines[number] = orderLines
            let answer = orderLines.map { ["line": $0["line"] ?? 0, "status": "accepted"] as [String: Any] }
            _ = try expect(201, "POST", "\(hubURL)/v1/purchase-orders/\(number)/acknowledgements", key: supplierKeys[supplier],
                           body: ["revision": order["revision"] ?? 1, "lines": answer], idempotent: true)
            outcome.confirmed.append(number)
        }

        // PO-1010 … PO-1012 shipped; PO-1010 and PO-1011 received at the ERP's dock.
        for (i, number) in ["PO-1010", "PO-1011", "PO-1012"].enumerated() {
            let supplier = supplier(of: number)
            let shipped = (lines[number] ?? []).map { ["purchaseOrder": number, "line": $0["line"] ?? 0, "quantity": $0["quantity"] ?? "0"] as [String: Any] }
            let notice = try expect(201, "POST", "\(hubURL)/v1/ship-notices", key: supplierKeys[supplier], body: [
                "shipmentId": "ASN-DEMO-\(i + 1)", "shipDate": "2027-01-06", "carrier": "DHL Freight",
                "packages": [["sscc": Self.sscc(serial: 1000 + i), "lines": shipped]],
            ], idempotent: true)
            outcome.shipNotices[number] = notice["id"] as? String ?? ""
        }
        for number in ["PO-1010", "PO-1011"] {
            let notice = outcome.shipNotices[number] ?? ""
            try waitFor("the inbound delivery \(notice) at the ERP") {
                let effects = try send("GET", "\(erpURL)/erp/effects").json["effects"] as? [[String: Any]] ?? []
                return effects.contains { $0["kind"] as? String == "inboundDelivery" && $0["document"] as? String == notice && ($0["applied"] as? Int ?? 0) > 0 }
            }
            let receipt = try expect(201, "POST", "\(erpURL)/erp/deliveries/\(notice)/receive", body: ["receivedDate": "2027-01-08"])
            outcome.goodsReceipts[number] = receipt["id"] as? String ?? ""
        }

        // PO-1010 invoiced at the order's prices (matched); PO-1011 at a higher price (held).
        outcome.matchedInvoice = try invoice("PO-1010", lines: lines["PO-1010"] ?? [], number: "INV-DEMO-1", priceFactor: 1)["id"] as? String ?? ""
        outcome.heldInvoice = try invoice("PO-1011", lines: lines["PO-1011"] ?? [], number: "INV-DEMO-2", priceFactor: 1.1)["id"] as? String ?? ""

        let queue = try send("GET", "\(hubURL)/v1/exceptions?type=invoiceVariance&status=open", key: buyerKey).json["items"] as? [[String: Any]] ?? []
        outcome.heldException = queue.first { ($0["links"] as? [String: Any])?["invoice"] as? String == outcome.heldInvoice }?["id"] as? String ?? ""

        // PO-1014 cancelled by the ERP.
        _ = try released("PO-1014")
        _ = try expect(200, "POST", "\(erpURL)/erp/purchase-orders/PO-1014/cancel", body: ["reason": "Project postponed"])
        outcome.cancelled = "PO-1014"

        // A nonconformance on part of what PO-1010 delivered.
        let first = lines["PO-1010"]?.first ?? [:]
        let affected = max(1, (Int(first["quantity"] as? String ?? "") ?? 10) / 10)
        let ncr = try expect(201, "POST", "\(hubURL)/v1/nonconformances", key: buyerKey, body: [
            "supplier": supplier(of: "PO-1010"), "goodsReceipt": outcome.goodsReceipts["PO-1010"] ?? "",
            "purchaseOrder": "PO-1010", "line": first["line"] ?? 1, "quantityAffected": "\(affected)", "severity": "major",
            "description": "Burrs on the cut edges; parts cannot be assembled.",
            "due": ["containment": Self.today(plus: 7), "rootCause": Self.today(plus: 14), "correctiveAction": Self.today(plus: 35)],
        ], idempotent: true)
        outcome.nonconformance = ncr["id"] as? String ?? ""
        return outcome
    }

    /// The seeded orders go round-robin over S-100, S-200, S-300, from PO-1001.
    private func supplier(of number: String) -> String {
        let index = (Int(number.dropFirst(3)) ?? 1001) - 1001
        return "S-\((index % supplierKeys.count + 1) * 100)"
    }

    private func invoice(_ order: String, lines: [[String: Any]], number: String, priceFactor: Decimal) throws -> [String: Any] {
        var total = Decimal(0)
        let billed = lines.map { line -> [String: Any] in
            let quantity = Decimal(string: line["quantity"] as? String ?? "0") ?? 0
            var price = (Decimal(string: line["unitPrice"] as? String ?? "0") ?? 0) * priceFactor
            var rounded = Decimal()
            NSDecimalRound(&rounded, &price, 2, .plain)
            total += quantity * rounded
            return ["line": line["line"] ?? 0, "purchaseOrder": order, "poLine": line["line"] ?? 0,
                    "quantity": line["quantity"] ?? "0", "unit": line["unit"] ?? "EA", "unitPrice": "\(rounded)"]
        }
        return try expect(201, "POST", "\(hubURL)/v1/invoices", key: supplierKeys[supplier(of: order)], body: [
            "number": number, "invoiceDate": "2027-01-09", "currency": "USD", "lines": billed, "total": "\(total)",
            "paymentTerms": ["text": "Net 30", "netDays": 30],
        ], idempotent: true)
    }

    /// The order as its supplier sees it, once the ERP has released it.
    private func released(_ number: String) throws -> [String: Any] {
        var order: [String: Any] = [:]
        try waitFor("the release of \(number)") {
            order = try send("GET", "\(hubURL)/v1/purchase-orders/\(number)", key: supplierKeys[supplier(of: number)]).json
            return order["number"] != nil
        }
        return order
    }

    private func waitFor(_ what: String, _ done: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if try done() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "the demo gave up waiting for \(what)")
    }

    // MARK: HTTP

    struct Reply {
        let status: Int
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    // @unchecked Sendable: written once by the completion handler before the semaphore is signalled.
    private final class Box: @unchecked Sendable { var reply: Reply?; var error: Error? }

    private func expect(_ status: Int, _ method: String, _ url: String, key: String? = nil, body: Any? = nil,
                        idempotent: Bool = false) throws -> [String: Any] {
        let reply = try send(method, url, key: key, body: body, idempotent: idempotent)
        guard reply.status == status else {
            throw Failure(description: "\(method) \(url) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return reply.json
    }

    private func send(_ method: String, _ url: String, key: String? = nil, body: Any? = nil, idempotent: Bool = false) throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if idempotent { request.setValue(UUID().uuidString, forHTTPHeaderField: "Idempotency-Key") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let done = DispatchSemaphore(value: 0)
        let box = Box()
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse { box.reply = Reply(status: http.statusCode, body: data ?? Data()) }
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        guard let reply = box.reply else {
            throw Failure(description: "\(method) \(url) failed: \(box.error.map { "\($0)" } ?? "no answer")")
        }
        return reply
    }

    /// Today (UTC) moved by some days, as YYYY-MM-DD: the report's steps fall due from now on.
    static func today(plus days: Int) -> String {
        Date().addingTimeInterval(Double(days) * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// A valid SSCC-18 (GS1 check digit) under the demo's company prefix.
    static func sscc(serial: Int) -> String {
        let body = "00614141" + String(format: "%09d", serial)
        let sum = body.compactMap(\.wholeNumberValue).reversed().enumerated()
            .reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return body + "\((10 - sum % 10) % 10)"
    }
}
