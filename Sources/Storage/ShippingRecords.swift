import Foundation
import Procurement

/// Where a ship notice stands.
public enum ShipNoticeStatus: String, Sendable, Codable, CaseIterable {
    /// Accepted and posted to the ERP.
    case accepted
    /// Waiting for a certificate or a buyer: stored and counted as shipped, not yet posted.
    case held
    /// Was held; a buyer approved it or a certificate arrived, and it was posted.
    case released
    /// Was held; a buyer rejected it and its quantities left the ledger.
    case rejected
    /// The supplier withdrew it; its quantities left the ledger.
    case cancelled
    /// A goods receipt references it: it can no longer change.
    case received
}

/// A ship notice as stored: the supplier's document (current version) and where it stands.
public struct ShipNoticeRecord: Sendable, Equatable {
    public let id: String
    public let supplier: String
    public let version: Int
    public let status: ShipNoticeStatus
    public let document: ShipNoticeDocument
    /// True once any version went to the ERP (so a cancellation must follow it there).
    public let posted: Bool
    /// The open exception holding it, while it is held.
    public let exceptionID: String?
    public let clientID: String
    public let createdAt: Date
    public let updatedAt: Date

    public init(id: String, supplier: String, version: Int, status: ShipNoticeStatus, document: ShipNoticeDocument, posted: Bool,
                exceptionID: String?, clientID: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.supplier = supplier
        self.version = version
        self.status = status
        self.document = document
        self.posted = posted
        self.exceptionID = exceptionID
        self.clientID = clientID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func with(version: Int? = nil, status: ShipNoticeStatus? = nil, document: ShipNoticeDocument? = nil, posted: Bool? = nil,
                     exceptionID: String?? = nil, updatedAt: Date) -> ShipNoticeRecord {
        ShipNoticeRecord(id: id, supplier: supplier, version: version ?? self.version, status: status ?? self.status,
                         document: document ?? self.document, posted: posted ?? self.posted,
                         exceptionID: exceptionID ?? self.exceptionID, clientID: clientID, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// One line of a goods receipt as recorded: tied to its order line, with the date it was due.
public struct ReceiptLineRecord: Sendable, Equatable, Codable {
    public let purchaseOrder: String
    public let line: Int
    public let received: Decimal
    public let rejected: Decimal
    public let lot: String?
    /// The ship notice line it takes in, counted from 1.
    public let shipNoticeLine: Int?
    public let shippedQuantity: Decimal?
    /// The confirmed date of the delivery received (else the scheduled date, else need-by).
    public let dueDate: LocalDate

    public init(purchaseOrder: String, line: Int, received: Decimal, rejected: Decimal, lot: String?, shipNoticeLine: Int?,
                shippedQuantity: Decimal?, dueDate: LocalDate) {
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.received = received
        self.rejected = rejected
        self.lot = lot
        self.shipNoticeLine = shipNoticeLine
        self.shippedQuantity = shippedQuantity
        self.dueDate = dueDate
    }

    enum CodingKeys: String, CodingKey { case purchaseOrder, line, received, rejected, lot, shipNoticeLine, shippedQuantity, dueDate }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        purchaseOrder = try c.decode(String.self, forKey: .purchaseOrder)
        line = try c.decode(Int.self, forKey: .line)
        received = try c.decodeDecimal(forKey: .received)
        rejected = try c.decodeDecimal(forKey: .rejected)
        lot = try c.decodeIfPresent(String.self, forKey: .lot)
        shipNoticeLine = try c.decodeIfPresent(Int.self, forKey: .shipNoticeLine)
        shippedQuantity = try c.decodeDecimalIfPresent(forKey: .shippedQuantity)
        dueDate = try c.decode(LocalDate.self, forKey: .dueDate)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(purchaseOrder, forKey: .purchaseOrder)
        try c.encode(line, forKey: .line)
        try c.encodeDecimal(received, forKey: .received)
        try c.encodeDecimal(rejected, forKey: .rejected)
        try c.encodeIfPresent(lot, forKey: .lot)
        try c.encodeIfPresent(shipNoticeLine, forKey: .shipNoticeLine)
        try c.encodeDecimalIfPresent(shippedQuantity, forKey: .shippedQuantity)
        try c.encode(dueDate, forKey: .dueDate)
    }
}

/// A goods receipt the ERP posted.
public struct GoodsReceiptRecord: Sendable, Equatable {
    public let id: String
    public let supplier: String
    public let number: String?
    public let receivedDate: LocalDate
    public let shipNotice: String?
    public let lines: [ReceiptLineRecord]
    public let clientID: String
    public let createdAt: Date

    public init(id: String, supplier: String, number: String?, receivedDate: LocalDate, shipNotice: String?, lines: [ReceiptLineRecord],
                clientID: String, createdAt: Date) {
        self.id = id
        self.supplier = supplier
        self.number = number
        self.receivedDate = receivedDate
        self.shipNotice = shipNotice
        self.lines = lines
        self.clientID = clientID
        self.createdAt = createdAt
    }
}

/// A quality document's metadata; the bytes are read separately.
public struct QualityDocumentRecord: Sendable, Equatable {
    public let id: String
    public let supplier: String
    public let type: QualityDocumentType
    public let purchaseOrder: String?
    public let line: Int?
    public let shipNotice: String?
    public let lot: String?
    public let fileName: String?
    public let contentType: String
    public let size: Int
    /// Lower-case hex SHA-256 of the bytes.
    public let sha256: String
    public let clientID: String
    public let createdAt: Date

    public init(id: String, supplier: String, type: QualityDocumentType, purchaseOrder: String?, line: Int?, shipNotice: String?,
                lot: String?, fileName: String?, contentType: String, size: Int, sha256: String, clientID: String, createdAt: Date) {
        self.id = id
        self.supplier = supplier
        self.type = type
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.shipNotice = shipNotice
        self.lot = lot
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.clientID = clientID
        self.createdAt = createdAt
    }

    /// What the certificate links to, for deciding on held ship notices.
    public var link: CertificateLink { CertificateLink(purchaseOrder: purchaseOrder, line: line, lot: lot, shipNotice: shipNotice) }
}
