import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    func registerInvoiceRoutes() {
        let invoices = InvoiceFlow(context: context)
        router.post("/v1/invoices", authenticated { request, ctx in
            try ctx.require(.supplier, to: "submit invoices")
            let key = try RequestSupport.idempotencyKey(request)
            let invoice = try RequestSupport.decode(Invoice.self, from: request, what: "invoice")
            let result = try invoices.submit(invoice, idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(RequestSupport.json(201, Views.InvoiceView(result.record, history: result.history)),
                                             location: "/v1/invoices/\(result.record.id)", replayed: result.replayed)
        })
        router.get("/v1/invoices", authenticated { request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            var filter = InvoiceFilter(status: try RequestSupport.enumParameter(request, "status", InvoiceStatus.self))
            if let order = request.query["purchaseOrder"], !order.isEmpty { filter.purchaseOrder = order }
            let page = try invoices.invoices(filter, after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map { Views.InvoiceView($0, history: nil) },
                                                           nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/invoices/{id}", authenticated { request, ctx in
            let result = try invoices.invoice(id: request.pathParameters["id"] ?? "", by: ctx)
            return RequestSupport.json(200, Views.InvoiceView(result.record, history: result.history))
        })
        router.put("/v1/invoices/{id}/status", authenticated { request, ctx in
            try ctx.require(.erp, to: "report invoice status")
            let update = try RequestSupport.decode(InvoiceStatusUpdate.self, from: request, what: "status update")
            let outcome = try invoices.updateStatus(id: request.pathParameters["id"] ?? "", update: update, by: ctx)
            return RequestSupport.json(200, Views.InvoiceView(outcome.result.record, history: outcome.result.history))
        })
    }
}

extension Views {
    /// An invoice as clients read it: the document as submitted, the match, where it stands and
    /// (for a single invoice) every status it passed through.
    struct InvoiceView: Encodable {
        struct Step: Encodable {
            let status: String
            let at: String
            /// The role that moved it: supplier, buyer or erp.
            let by: String
            let note: String?
            let payment: InvoicePayment?
        }
        let id: String
        let number: String
        let supplier: String
        let status: String
        let invoiceDate: LocalDate
        let currency: String
        let lines: [InvoiceLine]
        let taxTotal: String?
        let total: String
        let paymentTerms: PaymentTerms?
        let dueDate: LocalDate?
        let purchaseOrders: [String]
        let firstPassMatch: Bool
        let reasons: [Reason]
        let match: [ThreeWayMatch.LineResult]
        let payment: InvoicePayment?
        let rejection: String?
        let history: [Step]?
        let receivedAt: String
        let updatedAt: String

        init(_ r: InvoiceRecord, history: [InvoiceStatusEntry]?) {
            id = r.id
            number = r.invoice.number
            supplier = r.supplier
            status = r.status.rawValue
            invoiceDate = r.invoice.invoiceDate
            currency = r.invoice.currency
            lines = r.invoice.lines
            taxTotal = r.invoice.taxTotal.map { DecimalText.format($0) }
            total = DecimalText.format(r.invoice.total)
            paymentTerms = r.invoice.paymentTerms
            dueDate = r.invoice.dueDate
            purchaseOrders = r.invoice.purchaseOrders
            firstPassMatch = r.firstPassMatch
            reasons = r.reasons
            match = r.matchLines
            payment = r.payment
            rejection = r.rejection
            self.history = history?.map { Step(status: $0.status.rawValue, at: timestamp($0.at), by: $0.role, note: $0.note, payment: $0.payment) }
            receivedAt = timestamp(r.receivedAt)
            updatedAt = timestamp(r.updatedAt)
        }
    }
}
