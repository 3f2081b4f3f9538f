import Foundation
import HTTPServer

/// Supplier invoices: the ERP books every `supplierInvoice` posting, and an operator (or a
/// demo script) approves, pays or rejects it here; each decision is reported to the hub with
/// `PUT /v1/invoices/{id}/status` and kept only once the hub accepted it.
extension ReferenceERP {
    func registerInvoiceRoutes(on router: Router) {
        router.get("/erp/invoices") { [self] _ in try .json(200, JSONCoding.encode(["invoices": database.invoices()])) }
        router.post("/erp/invoices/{id}/approve") { [self] in try decideInvoice($0, status: "approved") }
        router.post("/erp/invoices/{id}/pay") { [self] in try decideInvoice($0, status: "paid") }
        router.post("/erp/invoices/{id}/reject") { [self] in try decideInvoice($0, status: "rejected") }
    }

    /// Optional for pay (defaults: today, the invoice total, `PAY-<sequence>`); `reason` is required to reject.
    struct InvoiceDecision: Decodable {
        var paymentDate: String?
        var amount: String?
        var reference: String?
        var reason: String?
    }

    func decideInvoice(_ request: HTTPRequest, status: String) throws -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let booked = try database.invoice(id) else {
            throw Problem.notFound("There is no invoice \(id); invoices arrive as supplierInvoice postings from the hub.")
        }
        let isEmpty = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let decision = isEmpty ? InvoiceDecision() : try Self.decode(InvoiceDecision.self, from: request, what: "invoice decision")
        var body: [String: String] = ["status": status]
        switch status {
        case "paid":
            let today = CivilDate(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
            if let date = decision.paymentDate, CivilDate(date) == nil {
                throw Self.validationProblem([.string("paymentDate must be a date YYYY-MM-DD")])
            }
            body["paymentDate"] = decision.paymentDate ?? today.description
            body["amount"] = decision.amount ?? booked.total
            body["reference"] = decision.reference ?? "PAY-\(booked.sequence)"
        case "rejected":
            guard let reason = decision.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Self.validationProblem([.string("reason is required to reject an invoice")])
            }
            body["reason"] = reason
        default: break
        }
        do {
            try hub.put("/v1/invoices/\(HubClient.escape(id))/status", body: JSONCoding.encode(body))
        } catch let failure as ReleaseFailure {
            var problem = failure.problem
            problem.slug = "hub-status-failed"
            problem.title = "Status Report To Hub Failed"
            throw problem
        }
        try database.setInvoiceStatus(id, status: status, paymentDate: body["paymentDate"], amount: body["amount"],
                                      reference: body["reference"], reason: body["reason"])
        logger.info("invoice \(status)", ["invoice": .string(id), "number": .string(booked.number)])
        return try .json(200, JSONCoding.encode(database.invoice(id)!))
    }
}
