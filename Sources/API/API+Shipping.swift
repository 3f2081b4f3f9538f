import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    func registerShippingRoutes() {
        let notices = ShipNoticeFlow(context: context)
        let receipts = GoodsReceiptFlow(context: context)
        let documents = QualityDocumentFlow(context: context, maxBytes: maxDocumentBytes)

        router.post("/v1/ship-notices", authenticated { request, ctx in
            try ctx.require(.supplier, to: "submit ship notices")
            let key = try RequestSupport.idempotencyKey(request)
            let document = try RequestSupport.decode(ShipNoticeDocument.self, from: request, what: "ship notice")
            let result = try notices.submit(document, idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(RequestSupport.json(201, Views.ShipNoticeView(result.record)),
                                             location: "/v1/ship-notices/\(result.record.id)", replayed: result.replayed)
        })
        router.get("/v1/ship-notices", authenticated { request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let status = try RequestSupport.enumParameter(request, "status", ShipNoticeStatus.self)
            let page = try notices.notices(purchaseOrder: request.query["purchaseOrder"], status: status, after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map(Views.ShipNoticeView.init), nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/ship-notices/{id}", authenticated { request, ctx in
            RequestSupport.json(200, Views.ShipNoticeView(try notices.notice(id: request.pathParameters["id"] ?? "", by: ctx)))
        })
        router.put("/v1/ship-notices/{id}", authenticated { request, ctx in
            try ctx.require(.supplier, to: "update ship notices")
            let document = try RequestSupport.decode(ShipNoticeDocument.self, from: request, what: "ship notice")
            return RequestSupport.json(200, Views.ShipNoticeView(try notices.update(id: request.pathParameters["id"] ?? "", document: document, by: ctx)))
        })
        router.post("/v1/ship-notices/{id}/cancel", authenticated { request, ctx in
            RequestSupport.json(200, Views.ShipNoticeView(try notices.cancel(id: request.pathParameters["id"] ?? "", by: ctx)))
        })

        router.post("/v1/goods-receipts", authenticated { request, ctx in
            try ctx.require(.erp, to: "post goods receipts")
            let key = try RequestSupport.idempotencyKey(request)
            let document = try RequestSupport.decode(GoodsReceiptDocument.self, from: request, what: "goods receipt")
            let result = try receipts.post(document, idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(RequestSupport.json(201, Views.GoodsReceiptView(result.record)),
                                             location: "/v1/goods-receipts/\(result.record.id)", replayed: result.replayed)
        })
        router.get("/v1/goods-receipts", authenticated { request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let page = try receipts.receipts(shipNotice: request.query["shipNotice"], after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map(Views.GoodsReceiptView.init), nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/goods-receipts/{id}", authenticated { request, ctx in
            RequestSupport.json(200, Views.GoodsReceiptView(try receipts.receipt(id: request.pathParameters["id"] ?? "", by: ctx)))
        })

        router.post("/v1/quality-documents", authenticated { request, ctx in
            try ctx.require(.supplier, to: "upload quality documents")
            let key = try RequestSupport.idempotencyKey(request)
            guard let typeText = request.query["type"] else {
                throw APIError.badRequest("invalid-parameter", "Invalid parameter",
                    "type is required: one of \(QualityDocumentType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let type = QualityDocumentType(rawValue: typeText) else {
                throw APIError.badRequest("invalid-parameter", "Invalid parameter",
                    "type must be one of \(QualityDocumentType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            var line: Int?
            if let text = request.query["line"] {
                guard let n = Int(text) else { throw APIError.badRequest("invalid-parameter", "Invalid parameter", "line must be a whole number.") }
                line = n
            }
            func text(_ name: String) -> String? { request.query[name].flatMap { $0.isEmpty ? nil : $0 } }
            let links = QualityDocumentLinks(type: type, purchaseOrder: text("purchaseOrder"), line: line, shipNotice: text("shipNotice"),
                                             lot: text("lot"), fileName: text("fileName"))
            let result = try documents.upload(request.body, contentType: request.headers["Content-Type"] ?? "", links: links,
                                              idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(RequestSupport.json(201, Views.QualityDocumentView(result.record)),
                                             location: "/v1/quality-documents/\(result.record.id)", replayed: result.replayed)
        })
        router.get("/v1/quality-documents", authenticated { request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let page = try documents.documents(purchaseOrder: request.query["purchaseOrder"], shipNotice: request.query["shipNotice"],
                                               after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map(Views.QualityDocumentView.init), nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/quality-documents/{id}", authenticated { request, ctx in
            RequestSupport.json(200, Views.QualityDocumentView(try documents.document(id: request.pathParameters["id"] ?? "", by: ctx)))
        })
        router.get("/v1/quality-documents/{id}/content", authenticated { request, ctx in
            let (record, bytes) = try documents.content(id: request.pathParameters["id"] ?? "", by: ctx)
            let etag = "\"\(record.sha256)\""
            var response = HTTPResponse(status: 200, body: bytes)
            if let match = request.headers["If-None-Match"], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                response = HTTPResponse(status: 304)
            }
            response.headers.set("Content-Type", record.contentType)
            response.headers.set("ETag", etag)
            response.headers.set("Cache-Control", "private, no-cache")
            if let name = record.fileName {
                response.headers.set("Content-Disposition", "attachment; filename=\"\(name.replacingOccurrences(of: "\"", with: ""))\"")
            }
            return response
        })
    }
}

extension Views {
    struct ShipNoticeView: Encodable {
        struct Line: Encodable {
            let number: Int
            let purchaseOrder: String
            let line: Int
            let scheduleLine: Int
            let quantity: String
        }
        let id: String
        let supplier: String
        let shipmentId: String
        let version: Int
        let status: String
        let shipDate: LocalDate
        let expectedDelivery: LocalDate?
        let carrier: String?
        let trackingNumber: String?
        let packages: [ShipmentPackage]
        let lines: [Line]
        let exception: String?
        let createdAt: String
        let updatedAt: String

        init(_ r: ShipNoticeRecord) {
            id = r.id
            supplier = r.supplier
            shipmentId = r.document.shipmentId
            version = r.version
            status = r.status.rawValue
            shipDate = r.document.shipDate
            expectedDelivery = r.document.expectedDelivery
            carrier = r.document.carrier
            trackingNumber = r.document.trackingNumber
            packages = r.document.packages
            lines = r.document.lines.enumerated().map {
                Line(number: $0.offset + 1, purchaseOrder: $0.element.purchaseOrder, line: $0.element.line,
                     scheduleLine: $0.element.delivery, quantity: DecimalText.format($0.element.quantity))
            }
            exception = r.exceptionID
            createdAt = timestamp(r.createdAt)
            updatedAt = timestamp(r.updatedAt)
        }
    }

    struct GoodsReceiptView: Encodable {
        let id: String
        let supplier: String
        let number: String?
        let receivedDate: LocalDate
        let shipNotice: String?
        let lines: [ReceiptLineRecord]
        let createdAt: String

        init(_ r: GoodsReceiptRecord) {
            id = r.id
            supplier = r.supplier
            number = r.number
            receivedDate = r.receivedDate
            shipNotice = r.shipNotice
            lines = r.lines
            createdAt = timestamp(r.createdAt)
        }
    }

    struct QualityDocumentView: Encodable {
        let id: String
        let supplier: String
        let type: String
        let purchaseOrder: String?
        let line: Int?
        let shipNotice: String?
        let lot: String?
        let fileName: String?
        let contentType: String
        let size: Int
        let sha256: String
        let content: String
        let createdAt: String

        init(_ r: QualityDocumentRecord) {
            id = r.id
            supplier = r.supplier
            type = r.type.rawValue
            purchaseOrder = r.purchaseOrder
            line = r.line
            shipNotice = r.shipNotice
            lot = r.lot
            fileName = r.fileName
            contentType = r.contentType
            size = r.size
            sha256 = r.sha256
            content = "/v1/quality-documents/\(r.id)/content"
            createdAt = timestamp(r.createdAt)
        }
    }
}

extension API {
    /// The 413 answer for a quality document over the hub's limit, the same whether the upload
    /// flow measures it or the HTTP server stops reading the body (pass it to the server's
    /// `bodyLimitProblems` for the upload path).
    public static func documentTooLarge(maxBytes: Int) -> Problem {
        ProcurementError(.documentTooLarge, "The document is larger than the hub stores: documents of at most \(maxBytes) bytes.").problem
    }
}
