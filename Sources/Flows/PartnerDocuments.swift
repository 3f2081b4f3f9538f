import Connectors
import Foundation
import Interchange
import Procurement
import Sodium
import Storage

/// Outbound partner documents: when an order is released or revised for a supplier whose
/// profile channel is x12, edifact or cxml, the 850/860, ORDERS/ORDCHG or cXML OrderRequest is
/// written with control numbers from the partner's persisted sequences and enqueued in the
/// same transaction as the release.
enum PartnerDocuments {
    /// The outbox kind of partner documents; the dispatcher routes it to a partner transport.
    static let kind = "partnerDocument"

    /// Writes and enqueues the document for `order` when the supplier's channel calls for one.
    static func enqueue(order: PurchaseOrder, previous: PurchaseOrder?, tx: any StoreWriter, now: Date, request: RequestContext) throws {
        guard let stored = try tx.partnerProfile(supplier: order.supplier), stored.profile.channel.isInterchange else { return }
        let profile = stored.profile
        let numbers = StoreControlNumbers(tx: tx, partner: order.supplier)
        let issued = LocalDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        let stamp = Stamp(now)
        let written: (bytes: [UInt8], standard: String, extension: String, controlNumber: String, contentType: String)
        do {
            switch profile.channel {
            case .x12: written = try x12(order, previous: previous, profile: profile, numbers: numbers, stamp: stamp, issued: issued)
            case .edifact: written = try edifact(order, previous: previous, profile: profile, numbers: numbers, stamp: stamp, issued: issued)
            default: written = cxml(order, previous: previous, profile: profile, numbers: numbers, now: now, issued: issued)
            }
        } catch let error as InterchangeWriteError {
            throw ProcurementError(.invalidDocument,
                "Order \(order.number) cannot be written as \(profile.channel.rawValue) for supplier \(order.supplier): \(error.description)")
        }
        try numbers.check()
        let fileName = "\(order.number)-r\(order.revision)-\(written.controlNumber).\(written.extension)"
        let interchangeID = Identifiers.make("ich")
        let delivery = PartnerDelivery(supplier: order.supplier, fileName: fileName, contentType: written.contentType,
                                       controlNumber: written.controlNumber, body: String(decoding: written.bytes, as: UTF8.self),
                                       interchange: interchangeID)
        try tx.enqueue(OutboxMessage(kind: kind, document: "partner:\(order.number)", revision: order.revision,
                                     idempotencyKey: "\(kind):\(order.supplier):\(order.number):\(order.revision)",
                                     payload: JSON.encode(delivery)), now: now)
        let sender = profile.channel == .cxml ? (profile.cxml?.ourIdentity ?? "") : (profile.ourId ?? "")
        let report = JSON.string(["purchaseOrder": order.number, "revision": String(order.revision), "fileName": fileName,
                                  "type": written.extension])
        try tx.insertInterchange(InterchangeRecord(id: interchangeID, supplier: order.supplier, direction: .outbound,
                                                   standard: written.standard, senderID: sender, controlNumber: written.controlNumber,
                                                   dedupeKey: "out|\(order.supplier)|\(written.standard)|\(written.controlNumber)",
                                                   source: "release", clientID: request.principal.clientID, receivedAt: now,
                                                   verdict: nil, status: .queued, reportJSON: report), raw: written.bytes)
    }

    /// Marks the outbound interchange behind a partner document delivered or undeliverable.
    static func recordOutcome(of job: OutboxJob, _ outcome: DeliveryOutcome, tx: any StoreWriter, now: Date) throws {
        guard job.message.kind == kind,
              let delivery = try? JSONDecoder().decode(PartnerDelivery.self, from: Data(job.message.payload)),
              let id = delivery.interchange, var record = try tx.interchange(id: id, scope: .all) else { return }
        switch outcome {
        case .delivered: record.status = .delivered
        case .dead: record.status = .undeliverable
        case .retry: return
        }
        record.updatedAt = now
        try tx.updateInterchange(record)
    }

    struct Stamp {
        let date8: String
        let time4: String
        init(_ now: Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
            func pad(_ n: Int?, _ width: Int) -> String {
                let s = String(n ?? 0)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            date8 = pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2)
            time4 = pad(c.hour, 2) + pad(c.minute, 2)
        }
    }

    private static func byte(_ text: String?) -> UInt8? { text?.utf8.first }

    private static func x12(_ order: PurchaseOrder, previous: PurchaseOrder?, profile: PartnerProfile, numbers: StoreControlNumbers,
                            stamp: Stamp, issued: LocalDate) throws -> ([UInt8], String, String, String, String) {
        let set = previous.map { X12OrderMaps.purchaseOrderChange(order, previous: $0, issued: issued) }
            ?? X12OrderMaps.purchaseOrder(order, issued: issued)
        let version = profile.version ?? "004010"
        let isa12 = String(version.prefix(5))
        let ours = profile.ourId ?? "", theirs = profile.partnerId ?? ""
        let header = X12InterchangeHeader(senderQualifier: profile.ourQualifier ?? "ZZ", senderId: ours,
                                          receiverQualifier: profile.partnerQualifier ?? "ZZ", receiverId: theirs,
                                          date: String(stamp.date8.suffix(6)), time: stamp.time4, version: isa12,
                                          acknowledgmentRequested: profile.functionalAcknowledgements)
        let group = X12FunctionalGroup(functionalId: previous == nil ? "PO" : "PC", applicationSender: ours, applicationReceiver: theirs,
                                       date: stamp.date8, time: stamp.time4, version: version, sets: [set])
        var delimiters = Delimiters.x12
        if let d = profile.delimiters {
            delimiters = Delimiters(element: byte(d.element) ?? delimiters.element, component: byte(d.component) ?? delimiters.component,
                                    repetition: byte(d.repetition) ?? delimiters.repetition, terminator: byte(d.segment) ?? delimiters.terminator)
        }
        if (Int(isa12) ?? 0) < 402 { delimiters.repetition = nil }
        let interchange = X12Writer.assigningControlNumbers(X12Interchange(header: header, groups: [group]), from: numbers)
        let bytes = try X12Writer(delimiters: delimiters).write(interchange)
        return (bytes, "X12", set.type, interchange.header.controlNumber, "application/edi-x12")
    }

    private static func edifact(_ order: PurchaseOrder, previous: PurchaseOrder?, profile: PartnerProfile, numbers: StoreControlNumbers,
                                stamp: Stamp, issued: LocalDate) throws -> ([UInt8], String, String, String, String) {
        var message = previous.map { EdifactOrderMaps.orderChange(order, previous: $0, issued: issued) }
            ?? EdifactOrderMaps.orders(order, issued: issued)
        let directory = profile.version ?? "D96A"
        message.version = String(directory.prefix(1))
        message.release = String(directory.dropFirst())
        let interchange = EdifactWriter.assigningControlNumbers(
            EdifactInterchange(sender: EdifactParty(id: profile.ourId ?? "", qualifier: profile.ourQualifier),
                               recipient: EdifactParty(id: profile.partnerId ?? "", qualifier: profile.partnerQualifier),
                               date: String(stamp.date8.suffix(6)), time: stamp.time4, messages: [message]), from: numbers)
        var delimiters = Delimiters.edifact
        if let d = profile.delimiters {
            delimiters = Delimiters(element: byte(d.element) ?? delimiters.element, component: byte(d.component) ?? delimiters.component,
                                    repetition: byte(d.repetition) ?? delimiters.repetition, terminator: byte(d.segment) ?? delimiters.terminator,
                                    release: byte(d.release) ?? delimiters.release)
        }
        let bytes = try EdifactWriter(delimiters: delimiters).write(interchange)
        return (bytes, "EDIFACT", message.type.lowercased(), interchange.controlReference, "application/edifact")
    }

    private static func cxml(_ order: PurchaseOrder, previous: PurchaseOrder?, profile: PartnerProfile, numbers: StoreControlNumbers,
                             now: Date, issued: LocalDate) -> ([UInt8], String, String, String, String) {
        let identity = profile.cxml ?? .init(ourDomain: "NetworkID", ourIdentity: "supplyline", partnerDomain: "NetworkID",
                                             partnerIdentity: order.supplier)
        let number = numbers.next(.interchange, sender: identity.ourIdentity, receiver: identity.partnerIdentity)
        let payloadID = "\(order.number).\(order.revision).\(number)@supplyline"
        let ours = CXMLCredential(domain: identity.ourDomain, identity: identity.ourIdentity)
        let header = CXMLHeader(from: [ours], to: [CXMLCredential(domain: identity.partnerDomain, identity: identity.partnerIdentity)],
                                sender: ours)
        let bytes = CXMLOrderRequest.document(order: order, previous: previous, orderDate: issued, payloadID: payloadID,
                                              timestamp: now, header: header)
        return (bytes, "cXML", "xml", payloadID, "text/xml; charset=utf-8")
    }
}

/// Routes partner documents from the outbox to the transport the supplier's profile names.
public final class PartnerDispatch: Sendable {
    private let store: any Store

    public init(store: any Store) { self.store = store }

    public func deliver(_ job: OutboxJob) -> DeliveryResult {
        guard let delivery = try? JSONDecoder().decode(PartnerDelivery.self, from: Data(job.message.payload)) else {
            return .rejected(reason: "the outbox message is not a partner document")
        }
        let stored: StoredPartnerProfile?
        do {
            stored = try store.read { try $0.partnerProfile(supplier: delivery.supplier) }
        } catch {
            return .retryable(reason: "cannot read the partner profile: \(error)", after: nil)
        }
        let transport = stored?.profile.transport
        if let folder = transport?.dropFolder {
            return DropFolderTransport(folder: URL(fileURLWithPath: folder)).deliver(delivery, idempotencyKey: job.message.idempotencyKey)
        }
        if let text = transport?.url, let url = URL(string: text) {
            return HTTPPartnerTransport(url: url, bearerToken: stored?.bearerToken).deliver(delivery, idempotencyKey: job.message.idempotencyKey)
        }
        return .retryable(reason: "the partner profile of supplier \(delivery.supplier) names no transport (dropFolder or url)", after: nil)
    }
}
