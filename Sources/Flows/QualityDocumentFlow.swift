import Foundation
import Procurement
import Sodium
import Storage

/// What a quality document is linked to, as the uploader says in the query.
public struct QualityDocumentLinks: Sendable, Equatable {
    public var type: QualityDocumentType
    public var purchaseOrder: String?
    public var line: Int?
    public var shipNotice: String?
    public var lot: String?
    public var fileName: String?

    public init(type: QualityDocumentType, purchaseOrder: String? = nil, line: Int? = nil, shipNotice: String? = nil, lot: String? = nil,
                fileName: String? = nil) {
        self.type = type
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.shipNotice = shipNotice
        self.lot = lot
        self.fileName = fileName
    }

    func validate() throws {
        var errors: [ProcurementError.FieldError] = []
        if let purchaseOrder, !Identifier.isValid(purchaseOrder) { errors.append(.init(pointer: "purchaseOrder", detail: Identifier.rule)) }
        if let line, line < 1 { errors.append(.init(pointer: "line", detail: "must be 1 or more")) }
        if line != nil, purchaseOrder == nil { errors.append(.init(pointer: "line", detail: "needs purchaseOrder")) }
        if let lot, !DocumentNumber.isValid(lot) { errors.append(.init(pointer: "lot", detail: DocumentNumber.rule)) }
        if let fileName, !DocumentNumber.isValid(fileName) { errors.append(.init(pointer: "fileName", detail: DocumentNumber.rule)) }
        if let shipNotice, !DocumentNumber.isValid(shipNotice) { errors.append(.init(pointer: "shipNotice", detail: DocumentNumber.rule)) }
        try ProcurementError.throwIfInvalid(errors, what: "quality document")
    }
}

/// Certificates, PPAP files and other quality documents a supplier uploads: stored with their
/// SHA-256, checked for size and for bytes that match their Content-Type, scoped to the
/// supplier. A certificate releases the supplier's held ship notices it now covers.
public struct QualityDocumentFlow: Sendable {
    /// 10 MiB.
    public static let defaultMaxBytes = 10 << 20

    let context: FlowContext
    let maxBytes: Int

    public init(context: FlowContext, maxBytes: Int = QualityDocumentFlow.defaultMaxBytes) {
        self.context = context
        self.maxBytes = maxBytes
    }

    public struct Result: Sendable {
        public let record: QualityDocumentRecord
        public let replayed: Bool
        /// Held ship notices this upload released.
        public let released: [String]
    }

    public func upload(_ bytes: [UInt8], contentType: String, links: QualityDocumentLinks, idempotencyKey: String,
                       by request: RequestContext) throws -> Result {
        try request.require(.supplier, to: "upload quality documents")
        if bytes.count > maxBytes {
            throw ProcurementError(.documentTooLarge, "The document is \(bytes.count) bytes; the hub stores documents of at most \(maxBytes) bytes.")
        }
        if bytes.isEmpty { throw ProcurementError(.invalidDocument, "The document is empty; send the file as the request body.") }
        let media: String
        switch ContentSniffer.check(contentType: contentType, bytes: bytes) {
        case .accepted(let m): media = m
        case .unsupported(let m):
            throw ProcurementError(.unsupportedContentType,
                "Content-Type \(m.isEmpty ? "(none)" : m) is not stored; send one of \(ContentSniffer.supported.joined(separator: ", ")).")
        case .mismatch(let declared, let detected):
            throw ProcurementError(.contentTypeMismatch,
                "The body is not \(declared): its bytes look like \(detected ?? "no supported type"). Send the Content-Type of the file.")
        }
        try links.validate()
        let sha = Sodium.hex(Sodium.sha256(bytes))
        let parts = [links.type.rawValue, links.purchaseOrder ?? "", links.line.map(String.init) ?? "", links.shipNotice ?? "",
                     links.lot ?? "", links.fileName ?? "", media, sha]
        let command = IdempotentCommand(operation: "qualityDocument.upload", key: idempotencyKey, parts: parts)
        let scope = request.principal.scope
        let outcome = try command.run(context, by: request, body: { tx, now -> (value: (QualityDocumentRecord, [String]), ref: String, status: Int) in
            if let number = links.purchaseOrder {
                guard let order = try tx.purchaseOrder(number: number, scope: scope) else {
                    throw ProcurementError(.unknownPurchaseOrder, "There is no purchase order \(number).",
                                           fields: [.init(pointer: "purchaseOrder", detail: "no such purchase order")])
                }
                if let line = links.line, order.order.line(line) == nil {
                    throw ProcurementError(.unknownLine, "\(number) has no line \(line).", fields: [.init(pointer: "line", detail: "no such line")])
                }
            }
            if let notice = links.shipNotice, try tx.shipNotice(id: notice, scope: scope) == nil {
                throw FlowError(.notFound, "There is no ship notice \(notice).")
            }
            let record = QualityDocumentRecord(id: Identifiers.make("qd"), supplier: request.principal.supplierID ?? "", type: links.type,
                                               purchaseOrder: links.purchaseOrder, line: links.line, shipNotice: links.shipNotice, lot: links.lot,
                                               fileName: links.fileName, contentType: media, size: bytes.count, sha256: sha,
                                               clientID: request.principal.clientID, createdAt: now)
            try tx.insertQualityDocument(record, content: bytes)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "qualityDocument.uploaded", objectType: "qualityDocument",
                                          objectID: record.id, detail: JSON.string(["type": links.type.rawValue, "sha256": sha]),
                                          requestID: request.requestID), now: now)
            try tx.emit(DomainEvents.qualityDocumentUploaded(record), now: now)
            try tx.enqueue(ERPPostings.qualityDocument(record), now: now)
            var released: [String] = []
            if links.type.isCertificate {
                released = try ShipNoticeFlow.releaseCovered(supplier: record.supplier, tx: tx, actor: request.principal,
                                                             requestID: request.requestID, certificate: record.id, now: now)
            }
            return ((record, released), record.id, 201)
        }, replay: { tx, ref in
            guard let record = try tx.qualityDocument(id: ref, scope: scope) else { throw FlowError(.notFound, "There is no quality document \(ref).") }
            return (record, [])
        })
        return Result(record: outcome.value.0, replayed: outcome.replayed, released: outcome.value.1)
    }

    public func document(id: String, by request: RequestContext) throws -> QualityDocumentRecord {
        guard let record = try context.store.read({ try $0.qualityDocument(id: id, scope: request.principal.scope) }) else {
            throw FlowError(.notFound, "There is no quality document \(id).")
        }
        return record
    }

    public func content(id: String, by request: RequestContext) throws -> (QualityDocumentRecord, [UInt8]) {
        try context.store.read { tx in
            guard let record = try tx.qualityDocument(id: id, scope: request.principal.scope),
                  let bytes = try tx.qualityDocumentContent(id: id, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no quality document \(id).")
            }
            return (record, bytes)
        }
    }

    public func documents(purchaseOrder: String?, shipNotice: String?, after: String?, limit: Int,
                          by request: RequestContext) throws -> Page<QualityDocumentRecord> {
        try context.store.read {
            try $0.qualityDocuments(scope: request.principal.scope, purchaseOrder: purchaseOrder, shipNotice: shipNotice, after: after, limit: limit)
        }
    }
}
