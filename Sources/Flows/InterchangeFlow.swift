import Foundation
import Interchange
import Procurement
import Sodium
import Storage

/// Inbound interchanges (X12, EDIFACT, cXML) from suppliers, over HTTP or a drop folder.
///
/// For every interchange: keep the raw bytes (durable before anything is applied) → check the
/// envelope → check the sender against the partner profile → map each document and apply it
/// through the same flow as the REST API (order responses through `AcknowledgementFlow`, invoices through `InvoiceFlow`, with
/// an idempotency key derived from sender, control numbers and set) → store the outcome, the
/// report and the acknowledgement in one write. The same interchange (sender + control number)
/// sent again gets the stored acknowledgement back, byte for byte, and changes nothing.
public struct InterchangeFlow: Sendable {
    let context: FlowContext
    let acknowledgements: AcknowledgementFlow
    let invoices: InvoiceFlow
    /// How long a duplicate that arrives while the first copy is being processed waits for its outcome.
    let duplicateWait: TimeInterval
    /// How long a claim on an interchange lasts; a claim older than this (a crash mid-way) is taken over.
    static let claimLease: TimeInterval = 120

    public init(context: FlowContext, duplicateWait: TimeInterval = 5) {
        self.context = context
        acknowledgements = AcknowledgementFlow(context: context)
        invoices = InvoiceFlow(context: context)
        self.duplicateWait = duplicateWait
    }

    public struct Receipt: Sendable {
        public let record: InterchangeRecord
        /// The 997, CONTRL or cXML Response; empty when the envelope was too broken to answer.
        public let acknowledgement: [UInt8]
        public let contentType: String
        /// True when this is the stored answer to an interchange received before.
        public let duplicate: Bool
    }

    /// Receives one interchange from the supplier the principal acts for.
    /// - Parameter source: `http`, or the file name for a drop folder.
    public func receive(_ bytes: [UInt8], source: String = "http", by request: RequestContext) throws -> Receipt {
        try request.require(.supplier, to: "send interchanges")
        let supplier = request.principal.supplierID ?? ""
        let parsed = try ParsedInterchange(bytes)
        let now = context.clock.now()
        let dedupeKey = "\(supplier)|\(parsed.standard)|\(parsed.senderID)|\(parsed.controlNumber)"
        if let existing = try context.store.read({ try $0.interchange(dedupeKey: dedupeKey) }), existing.status != .received {
            return try answered(existing)
        }
        let record = InterchangeRecord(id: Identifiers.make("ich"), supplier: supplier, direction: .inbound,
                                       standard: parsed.standard, senderID: parsed.senderID, controlNumber: parsed.controlNumber,
                                       dedupeKey: dedupeKey, source: source, clientID: request.principal.clientID,
                                       receivedAt: now, status: .received, claimedUntil: now.addingTimeInterval(Self.claimLease))
        // The raw bytes are durable before anything in them is applied, and the record is claimed
        // in the same write, so a concurrent copy of the interchange waits for this outcome. A
        // record left in `received` (a crash mid-way, a transient failure) is processed again when
        // the interchange comes again; every document's effect is idempotent, so it still happens once.
        let start: Start = try context.store.write { tx in
            guard let existing = try tx.interchange(dedupeKey: dedupeKey) else {
                try tx.insertInterchange(record, raw: bytes)
                return .process(record)
            }
            if existing.status != .received { return .answered(existing) }
            return try tx.claimInterchange(id: existing.id, until: now.addingTimeInterval(Self.claimLease), now: now)
                ? .process(existing) : .busy(existing)
        }
        switch start {
        case .answered(let existing): return try answered(existing)
        case .busy(let existing): return try awaitOutcome(existing, parsed: parsed, request: request)
        case .process(let claimed): return try process(claimed, parsed: parsed, request: request, action: "interchange.received")
        }
    }

    private enum Start {
        case process(InterchangeRecord)
        case answered(InterchangeRecord)
        case busy(InterchangeRecord)
    }

    /// Processes the stored raw bytes of an inbound interchange again (admin), e.g. after its
    /// partner profile was fixed. Documents applied before are not applied twice.
    public func replay(id: String, by request: RequestContext) throws -> Receipt {
        try request.require(.admin, to: "replay interchanges")
        guard let (record, raw) = try context.store.read({ tx -> (InterchangeRecord, [UInt8])? in
            guard let record = try tx.interchange(id: id, scope: .all), let raw = try tx.interchangeRaw(id: id, scope: .all) else { return nil }
            return (record, raw)
        }) else { throw FlowError(.notFound, "There is no interchange \(id).") }
        guard record.direction == .inbound else {
            throw FlowError(.conflict, "Interchange \(id) was sent by the hub; only inbound interchanges can be replayed.")
        }
        let now = context.clock.now()
        guard try context.store.write({ try $0.claimInterchange(id: id, until: now.addingTimeInterval(Self.claimLease), now: now) }) else {
            throw FlowError(.conflict, "Interchange \(id) is being processed; replay it once that is done.")
        }
        return try process(record, parsed: try ParsedInterchange(raw), request: request, action: "interchange.replayed")
    }

    public func interchanges(direction: InterchangeDirection?, status: InterchangeStatus?, after: String?, limit: Int,
                             by request: RequestContext) throws -> Page<InterchangeRecord> {
        try request.require(.admin, .erp, .supplier, to: "list interchanges")
        return try context.store.read {
            try $0.interchanges(scope: request.principal.scope, direction: direction, status: status,
                                after: after.flatMap { Int64($0) }, limit: limit)
        }
    }

    /// One interchange and the documents stored from it; another supplier's is "not found".
    public func interchange(id: String, by request: RequestContext) throws -> (record: InterchangeRecord, documents: [ReceivedDocument]) {
        try request.require(.admin, .erp, .supplier, to: "read interchanges")
        guard let found = try context.store.read({ tx -> (InterchangeRecord, [ReceivedDocument])? in
            guard let record = try tx.interchange(id: id, scope: request.principal.scope) else { return nil }
            return (record, try tx.receivedDocuments(interchangeID: id))
        }) else { throw FlowError(.notFound, "There is no interchange \(id).") }
        return found
    }

    /// The bytes as received (or sent).
    public func raw(id: String, by request: RequestContext) throws -> (record: InterchangeRecord, bytes: [UInt8]) {
        try request.require(.admin, .erp, .supplier, to: "read interchanges")
        guard let found = try context.store.read({ tx -> (InterchangeRecord, [UInt8])? in
            guard let record = try tx.interchange(id: id, scope: request.principal.scope),
                  let raw = try tx.interchangeRaw(id: id, scope: request.principal.scope) else { return nil }
            return (record, raw)
        }) else { throw FlowError(.notFound, "There is no interchange \(id).") }
        return found
    }

    // MARK: Processing

    private func receipt(_ record: InterchangeRecord, duplicate: Bool) -> Receipt {
        Receipt(record: record, acknowledgement: record.acknowledgement ?? [],
                contentType: record.acknowledgementType ?? ParsedInterchange.contentType(standard: record.standard), duplicate: duplicate)
    }

    /// The stored answer to an interchange processed before: its acknowledgement, or the same
    /// `malformedInterchange` refusal when it could not be acknowledged.
    private func answered(_ record: InterchangeRecord) throws -> Receipt {
        if record.acknowledgement?.isEmpty ?? true,
           let report = try? JSONSerialization.jsonObject(with: Data(record.reportJSON.utf8)) as? [String: Any],
           let refusal = report["unanswerable"] as? String {
            throw FlowError(.malformedInterchange, refusal)
        }
        return receipt(record, duplicate: true)
    }

    /// A copy of an interchange that is being processed right now: waits for that outcome and
    /// answers with it; takes the interchange over when the other claim ended without one.
    private func awaitOutcome(_ record: InterchangeRecord, parsed: ParsedInterchange, request: RequestContext) throws -> Receipt {
        let deadline = Date().addingTimeInterval(duplicateWait)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            let now = context.clock.now()
            let next: Start = try context.store.write { tx in
                guard let current = try tx.interchange(id: record.id, scope: .all) else { return .busy(record) }
                if current.status != .received { return .answered(current) }
                return try tx.claimInterchange(id: record.id, until: now.addingTimeInterval(Self.claimLease), now: now)
                    ? .process(current) : .busy(current)
            }
            switch next {
            case .answered(let done): return try answered(done)
            case .process(let claimed): return try process(claimed, parsed: parsed, request: request, action: "interchange.received")
            case .busy: continue
            }
        }
        throw InterchangeInProgress(interchangeID: record.id, retryAfterSeconds: 5)
    }

    private func process(_ record: InterchangeRecord, parsed: ParsedInterchange, request: RequestContext, action: String) throws -> Receipt {
        do {
            return try processClaimed(record, parsed: parsed, request: request, action: action)
        } catch let error as FlowError where error.code == .malformedInterchange {
            throw error
        } catch {
            // Not finalised: the claim ends so that the interchange is processed again when it comes again.
            try? context.store.write { try $0.releaseInterchange(id: record.id) }
            throw error
        }
    }

    private func processClaimed(_ record: InterchangeRecord, parsed: ParsedInterchange, request: RequestContext, action: String) throws -> Receipt {
        let supplier = record.supplier
        let profile = try context.store.read { try $0.partnerProfile(supplier: supplier) }
        let now = context.clock.now()
        var run = InterchangeRun(flow: self, supplier: supplier, profile: profile, parsed: parsed, now: now, receivedAt: record.receivedAt)
        let outcome = try run.execute()
        if outcome.transient {
            // A transient failure (a cXML 500): answered, but left unfinished so a retry with the
            // same payloadID processes the interchange again.
            try context.store.write { try $0.releaseInterchange(id: record.id) }
            var unfinished = record
            unfinished.claimedUntil = nil
            return Receipt(record: unfinished, acknowledgement: outcome.acknowledgement(SequentialControlNumbers(interchange: 1, group: 1, set: 1)),
                           contentType: outcome.contentType, duplicate: false)
        }
        var updated = record
        updated.verdict = outcome.verdict
        updated.status = outcome.status
        updated.updatedAt = now
        updated.acknowledgementType = outcome.contentType
        updated.claimedUntil = nil
        let documents = outcome.documents.map {
            ReceivedDocument(id: Identifiers.make("doc"), interchangeID: record.id, supplier: supplier, kind: $0.kind,
                             number: $0.number, json: $0.json, receivedAt: now)
        }
        let refusal = outcome.unanswerable
            ? "The interchange could not be read far enough to acknowledge it: "
                + (outcome.report.check?.errors.first?.description ?? "no envelope found") + " It is stored as \(record.id)."
            : nil
        let final: InterchangeRecord = try context.store.write { tx in
            var result = updated
            var report = outcome.report
            if let refusal {
                // Nothing to address an acknowledgement to: a duplicate gets the same refusal.
                result.acknowledgement = nil
                report.unanswerable = refusal
            } else {
                // Acknowledgement control numbers come from the partner's sequences in this commit.
                let numbers = StoreControlNumbers(tx: tx, partner: supplier)
                result.acknowledgement = outcome.acknowledgement(numbers)
                try numbers.check()
            }
            report.documents = documents.map { .init(id: $0.id, kind: $0.kind, number: $0.number) }
            result.reportJSON = JSON.string(report)
            try tx.updateInterchange(result)
            try tx.replaceReceivedDocuments(interchangeID: record.id, with: documents)
            let detail = JSON.string(["status": outcome.status.rawValue, "standard": record.standard,
                                      "controlNumber": record.controlNumber, "sender": record.senderID])
            try tx.appendAudit(AuditEvent(actor: request.principal, action: action, objectType: "interchange", objectID: record.id,
                                          detail: detail, requestID: request.requestID), now: now)
            return result
        }
        if let refusal { throw FlowError(.malformedInterchange, refusal) }
        return receipt(final, duplicate: false)
    }

    /// The principal documents from a partner act as: one per supplier, whatever route
    /// (HTTP, drop folder, replay) brought them, so idempotency keys match across routes.
    static func partnerPrincipal(_ supplier: String, standard: String) -> RequestContext {
        RequestContext(principal: Principal(clientID: "partner:\(supplier)", name: "\(standard) channel", role: .supplier,
                                            supplierID: supplier))
    }
}

/// A copy of an interchange arrived while the first one is still being processed and its outcome
/// did not come in time: a transient failure, to be retried (the stored answer comes back then).
public struct InterchangeInProgress: Error, CustomStringConvertible, Sendable {
    public let interchangeID: String
    public let retryAfterSeconds: Int

    public var description: String {
        "Interchange \(interchangeID) is being processed; send it again in \(retryAfterSeconds) seconds for its acknowledgement."
    }
}

/// An interchange detected and read, before anything is applied.
struct ParsedInterchange {
    enum Content {
        case x12(X12ReadResult)
        case edifact(EdifactReadResult)
        case cxml
    }

    let bytes: [UInt8]
    let content: Content
    let standard: String
    let senderID: String
    let senderQualifier: String?
    let controlNumber: String

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let fingerprint = "sha256:" + Sodium.hex(Sodium.sha256(bytes))
        switch Self.detect(bytes) {
        case "X12":
            let result = X12Reader.read(bytes)
            content = .x12(result)
            standard = "X12"
            let headers = result.interchanges.map(\.header)
            senderID = headers.first?.senderId.trimmingCharacters(in: .whitespaces) ?? ""
            senderQualifier = headers.first?.senderQualifier.trimmingCharacters(in: .whitespaces)
            let numbers = headers.map(\.controlNumber).filter { !$0.isEmpty }
            controlNumber = numbers.isEmpty ? fingerprint : numbers.joined(separator: "+")
        case "EDIFACT":
            let result = EdifactReader.read(bytes)
            content = .edifact(result)
            standard = "EDIFACT"
            senderID = result.interchanges.first?.sender.id ?? ""
            senderQualifier = result.interchanges.first?.sender.qualifier
            let numbers = result.interchanges.map(\.controlReference).filter { !$0.isEmpty }
            controlNumber = numbers.isEmpty ? fingerprint : numbers.joined(separator: "+")
        case "cXML":
            content = .cxml
            standard = "cXML"
            let envelope = try? CXMLEnvelope.parse(bytes)
            senderID = envelope?.header?.from.first?.identity ?? ""
            senderQualifier = envelope?.header?.from.first?.domain
            controlNumber = envelope?.payloadID ?? fingerprint
        default:
            throw FlowError(.unrecognisedInterchange,
                "The body is not an interchange: X12 starts with ISA, EDIFACT with UNA or UNB, cXML with an XML declaration or <cXML>.")
        }
    }

    /// `X12`, `EDIFACT`, `cXML` or nil, from the first bytes past a BOM and blanks.
    static func detect(_ bytes: [UInt8]) -> String? {
        var head = bytes.prefix(256)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        head = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if head.starts(with: Array("ISA".utf8)) { return "X12" }
        if head.starts(with: Array("UNA".utf8)) || head.starts(with: Array("UNB".utf8)) { return "EDIFACT" }
        if head.first == UInt8(ascii: "<") { return "cXML" }
        return nil
    }

    static func contentType(standard: String) -> String {
        switch standard {
        case "X12": return "application/edi-x12"
        case "EDIFACT": return "application/edifact"
        default: return "text/xml; charset=utf-8"
        }
    }
}
