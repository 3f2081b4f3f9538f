import Foundation
import Interchange
import Procurement
import Sodium
import Storage

/// What processing one inbound interchange came to, ready to store.
struct InterchangeOutcome {
    var verdict: String
    var status: InterchangeStatus
    var contentType: String
    var report: InterchangeReport
    var documents: [(kind: String, number: String, json: String)]
    /// Builds the acknowledgement with control numbers from the store's sequences.
    var acknowledgement: (ControlNumberSource) -> [UInt8]
    /// The envelope was too broken to address an acknowledgement to.
    var unanswerable: Bool
    /// A transient failure (cXML 500): answered, but not stored as the interchange's outcome.
    var transient: Bool = false
}

/// The report kept with an interchange and shown by `GET /v1/interchanges/{id}`.
struct InterchangeReport: Encodable {
    struct SetOutcome: Encodable {
        var interchange: Int
        var group: Int?
        var set: Int
        var type: String
        var controlNumber: String
        /// `accepted` or `rejected`.
        var outcome: String
        var purchaseOrder: String?
        var acknowledgement: String?
        var decision: String?
        var note: String?
        var reason: SetReason?
    }

    struct SetReason: Encodable {
        var code: String
        var message: String
        var segment: String?
        var segmentPosition: Int?
        var element: Int?
    }

    struct DocumentRef: Encodable {
        var id: String
        var kind: String
        var number: String
    }

    var standard: String
    var sender: String
    var controlNumber: String
    /// Why the whole interchange was refused (sender, profile), when it was.
    var problem: String?
    /// The envelope check with the application outcomes merged in (X12, EDIFACT).
    var check: CheckReport?
    /// The cXML Response status.
    var cxmlStatus: Int?
    var sets: [SetOutcome]
    var documents: [DocumentRef] = []
    /// Why no acknowledgement could be addressed (a duplicate gets the same refusal).
    var unanswerable: String?
}

/// One pass over an interchange's documents: check the sender, map and apply each document.
struct InterchangeRun {
    let flow: InterchangeFlow
    let supplier: String
    let profile: StoredPartnerProfile?
    let parsed: ParsedInterchange
    let now: Date
    /// When the interchange was first received (also on replay): the revision a document answers
    /// without naming one is the one last sent to the partner before this.
    let receivedAt: Date

    private var sets: [InterchangeReport.SetOutcome] = []
    private var issues: [InterchangeIssue] = []
    private var documents: [(kind: String, number: String, json: String)] = []
    private var problem: String?

    init(flow: InterchangeFlow, supplier: String, profile: StoredPartnerProfile?, parsed: ParsedInterchange, now: Date,
         receivedAt: Date) {
        self.flow = flow
        self.supplier = supplier
        self.profile = profile
        self.parsed = parsed
        self.now = now
        self.receivedAt = receivedAt
    }

    /// What a document came to, before it is located in its set.
    enum Applied {
        case accepted(purchaseOrder: String?, acknowledgement: String?, decision: String?, note: String,
                      document: (kind: String, number: String, json: String)?)
        /// `segment`/`element` locate the fault; `line` picks the line segment whose first element is that line.
        case rejected(code: String, message: String, segment: String?, element: Int?, line: Int?)

        static func rejected(_ code: String, _ message: String, segment: String? = nil, element: Int? = nil) -> Applied {
            .rejected(code: code, message: message, segment: segment, element: element, line: nil)
        }

        static func rejected(_ error: MapError) -> Applied {
            var element: Int?
            if let text = error.element {
                let digits = text.reversed().prefix { $0.isNumber }
                if !digits.isEmpty, !text.hasPrefix("@") { element = Int(String(digits.reversed())) }
            }
            return .rejected(code: error.code, message: error.message, segment: error.segment.flatMap { $0.contains("/") ? nil : $0 },
                             element: element, line: nil)
        }
    }

    mutating func execute() throws -> InterchangeOutcome {
        switch parsed.content {
        case .x12(let result): return try x12(result)
        case .edifact(let result): return try edifact(result)
        case .cxml: return try cxml()
        }
    }

    // MARK: X12

    private mutating func x12(_ result: X12ReadResult) throws -> InterchangeOutcome {
        for (i, interchange) in result.interchanges.enumerated() where i < result.report.interchanges.count {
            let summary = result.report.interchanges[i]
            let refused = senderProblem(channel: .x12, id: interchange.header.senderId.trimmingCharacters(in: .whitespaces),
                                        qualifier: interchange.header.senderQualifier.trimmingCharacters(in: .whitespaces))
            if let refused {
                var issue = InterchangeIssue(code: .init(rawValue: "unknownSender"), level: .interchange, message: refused, standardCode: "006")
                issue.interchange = i + 1
                issue.interchangeControlNumber = summary.controlNumber
                issue.segment = "ISA"
                issue.elementPosition = 6
                issues.append(issue)
            }
            for (g, group) in interchange.groups.enumerated() where g < summary.groups.count {
                let groupSummary = summary.groups[g]
                for (s, set) in group.sets.enumerated() where s < groupSummary.sets.count {
                    let outcome = InterchangeReport.SetOutcome(interchange: i + 1, group: g + 1, set: s + 1, type: set.type,
                                                               controlNumber: set.controlNumber, outcome: "rejected")
                    if let refused {
                        record(outcome, .rejected("unknownSender", refused), segments: nil, groupControl: groupSummary.controlNumber)
                        continue
                    }
                    if summary.verdict == .rejected || groupSummary.verdict == .rejected || groupSummary.sets[s].verdict == .rejected {
                        record(outcome, syntaxRejection(result.report, interchange: i + 1, group: g + 1, set: s + 1), segments: nil,
                               groupControl: groupSummary.controlNumber, alreadyInReport: true)
                        continue
                    }
                    let key = "edi:X12:\(parsed.senderID):\(summary.controlNumber):\(groupSummary.controlNumber ?? ""):\(set.controlNumber)"
                    record(outcome, try applyX12(set, key: key), segments: set.segments, groupControl: groupSummary.controlNumber)
                }
            }
        }
        let merged = ApplicationAcknowledgment.merging(issues, into: result.report)
        let options = acknowledgmentOptions()
        let issues = self.issues
        return finish(check: merged, unanswerable: result.report.interchanges.isEmpty || result.interchanges.isEmpty) { numbers in
            ApplicationAcknowledgment.x12(result, adding: issues, options: options, numbers: numbers)
        }
    }

    private func applyX12(_ set: X12TransactionSet, key: String) throws -> Applied {
        switch set.type {
        case "855", "865":
            let headerTag = set.type == "855" ? "BAK" : "BCA"
            guard let number = set.segments.first(where: { $0.tag == headerTag })?.value(3) else {
                return .rejected("missingHeader", "The \(set.type) has no \(headerTag) segment with the order number (\(headerTag)03).",
                                 segment: headerTag, element: 3)
            }
            return try applyOrderResponse(number: number, key: key, header: (headerTag, 3), revision: ("REF", 2),
                                          lineTag: set.type == "855" ? "PO1" : "POC") { order, sent throws(MapError) in
                try X12OrderMaps.orderResponse(set, answering: order, revision: sent)
            }
        case "856":
            do { return try applyShipNotice(try X12ShipNoticeMap.shipNotice(set), key: key) } catch let error as MapError { return .rejected(error) }
        case "810":
            do { return try applyInvoice(try X12InvoiceMap.invoice(set), key: key) } catch let error as MapError { return .rejected(error) }
        case "997":
            let group = set.segments.first { $0.tag == "AK1" }?.value(2) ?? ""
            let status = set.segments.first { $0.tag == "AK9" }?.value(1) ?? ""
            let json = JSON.string(["acknowledgedGroup": group, "status": status, "standard": "X12"])
            return .accepted(purchaseOrder: nil, acknowledgement: nil, decision: nil,
                             note: "Functional acknowledgement of group \(group) recorded (AK9 \(status)).",
                             document: ("functionalAcknowledgement", group, json))
        default:
            return .rejected(code: "unsupportedDocument",
                             message: "Transaction set \(set.type) is not accepted from suppliers; send 855, 865, 856, 810 or 997.",
                             segment: nil, element: nil, line: nil)
        }
    }

    // MARK: EDIFACT

    private mutating func edifact(_ result: EdifactReadResult) throws -> InterchangeOutcome {
        for (i, interchange) in result.interchanges.enumerated() where i < result.report.interchanges.count {
            let summary = result.report.interchanges[i]
            let refused = senderProblem(channel: .edifact, id: interchange.sender.id, qualifier: interchange.sender.qualifier)
            if let refused {
                var issue = InterchangeIssue(code: .init(rawValue: "unknownSender"), level: .interchange, message: refused, standardCode: "23")
                issue.interchange = i + 1
                issue.interchangeControlNumber = summary.controlNumber
                issue.segment = "UNB"
                issue.elementPosition = 2
                issues.append(issue)
            }
            var units: [(group: Int?, messages: [EdifactMessage])] = []
            if !interchange.messages.isEmpty { units.append((nil, interchange.messages)) }
            for (g, group) in interchange.groups.enumerated() { units.append((g + 1, group.messages)) }
            for unit in units {
                guard let g = ApplicationAcknowledgment.groupIndex(unit.group, in: summary, standard: .edifact) else { continue }
                let groupSummary = summary.groups[g]
                for (s, message) in unit.messages.enumerated() where s < groupSummary.sets.count {
                    let outcome = InterchangeReport.SetOutcome(interchange: i + 1, group: unit.group, set: s + 1, type: message.type,
                                                               controlNumber: message.reference, outcome: "rejected")
                    if let refused {
                        record(outcome, .rejected("unknownSender", refused), segments: nil, groupControl: groupSummary.controlNumber)
                        continue
                    }
                    if summary.verdict == .rejected || groupSummary.verdict == .rejected || groupSummary.sets[s].verdict == .rejected {
                        record(outcome, syntaxRejection(result.report, interchange: i + 1, group: unit.group, set: s + 1), segments: nil,
                               groupControl: groupSummary.controlNumber, alreadyInReport: true)
                        continue
                    }
                    let key = "edi:EDIFACT:\(parsed.senderID):\(summary.controlNumber):\(groupSummary.controlNumber ?? ""):\(message.reference)"
                    record(outcome, try applyEdifact(message, key: key), segments: message.segments, groupControl: groupSummary.controlNumber)
                }
            }
        }
        let merged = ApplicationAcknowledgment.merging(issues, into: result.report)
        let options = acknowledgmentOptions()
        let issues = self.issues
        return finish(check: merged, unanswerable: result.report.interchanges.isEmpty || result.interchanges.isEmpty) { numbers in
            ApplicationAcknowledgment.contrl(result, adding: issues, options: options, numbers: numbers)
        }
    }

    private func applyEdifact(_ message: EdifactMessage, key: String) throws -> Applied {
        switch message.type {
        case "ORDRSP":
            let on = message.segments.first { $0.tag == "RFF" && $0.value(1, component: 1) == "ON" }?.value(1, component: 2)
            guard let number = on ?? message.segments.first(where: { $0.tag == "BGM" })?.value(2) else {
                return .rejected("missingHeader", "The ORDRSP names no order (RFF+ON or BGM 1004).", segment: "BGM", element: 2)
            }
            return try applyOrderResponse(number: number, key: key, header: on == nil ? ("BGM", 2) : ("RFF", 1), revision: ("RFF", 1),
                                          lineTag: "LIN") { order, sent throws(MapError) in
                try EdifactOrderMaps.orderResponse(message, answering: order, revision: sent)
            }
        case "DESADV":
            do { return try applyShipNotice(try EdifactShipNoticeMap.shipNotice(message), key: key) } catch let error as MapError { return .rejected(error) }
        case "INVOIC":
            do { return try applyInvoice(try EdifactInvoiceMap.invoice(message), key: key) } catch let error as MapError { return .rejected(error) }
        case "CONTRL":
            let uci = message.segments.first { $0.tag == "UCI" }
            let reference = uci?.value(1) ?? ""
            let json = JSON.string(["acknowledgedInterchange": reference, "action": uci?.value(4) ?? "", "standard": "EDIFACT"])
            return .accepted(purchaseOrder: nil, acknowledgement: nil, decision: nil,
                             note: "CONTRL for interchange \(reference) recorded.", document: ("functionalAcknowledgement", reference, json))
        default:
            return .rejected(code: "unsupportedDocument",
                             message: "Message \(message.type) is not accepted from suppliers; send ORDRSP, DESADV, INVOIC or CONTRL.",
                             segment: nil, element: nil, line: nil)
        }
    }

    // MARK: cXML

    private mutating func cxml() throws -> InterchangeOutcome {
        let responseID = "\(Int(now.timeIntervalSince1970)).\(Sodium.randomToken(bytes: 9))@supplyline"
        let store = flow.context.store
        let supplier = self.supplier
        let inbound = CXMLInbound.receive(parsed.bytes, orders: { id in
            try store.read { try $0.purchaseOrder(number: id, scope: .supplier(supplier)) }?.order
        }, responsePayloadID: responseID, timestamp: now)
        var outcome = InterchangeReport.SetOutcome(interchange: 1, group: nil, set: 1, type: "cXML",
                                                   controlNumber: inbound.payloadID ?? parsed.controlNumber, outcome: "rejected")
        var status = inbound.status
        var text = inbound.text
        func answer(_ code: Int, _ sentence: String) {
            status = code
            text = sentence
        }
        if let header = inbound.header {
            if let refused = cxmlSenderProblem(header) {
                problem = refused
                answer(401, refused)
                outcome.reason = .init(code: "unknownSender", message: refused)
            }
        }
        if outcome.reason == nil, inbound.status != 200 {
            outcome.reason = .init(code: inbound.error?.code ?? "internalError", message: inbound.text,
                                   segment: inbound.error?.segment, element: nil)
        }
        if outcome.reason == nil, let document = inbound.document {
            let applied: Applied
            switch document {
            case .orderResponse(let response, let orderID):
                outcome.type = "ConfirmationRequest"
                // OrderReference/DocumentReference naming one of our OrderRequests says which revision is answered.
                let referenced = try referencedRevision(orderID: orderID)
                applied = try applyOrderResponse(number: orderID, key: "edi:cXML:\(parsed.senderID):\(inbound.payloadID ?? "")",
                                                 header: nil, revision: nil, lineTag: nil) { _, sent in
                    var answered = response
                    answered.revision = referenced ?? sent
                    return answered
                }
            case .shipNotice(let notice):
                outcome.type = "ShipNoticeRequest"
                applied = try applyShipNotice(notice, key: "edi:cXML:\(parsed.senderID):\(inbound.payloadID ?? "")")
            case .invoice(let invoice):
                outcome.type = "InvoiceDetailRequest"
                applied = try applyInvoice(invoice, key: "edi:cXML:\(parsed.senderID):\(inbound.payloadID ?? "")")
            }
            switch applied {
            case .accepted(let order, let ack, let decision, let note, let stored):
                outcome.outcome = "accepted"
                outcome.purchaseOrder = order
                outcome.acknowledgement = ack
                outcome.decision = decision
                outcome.note = note
                if let stored { documents.append(stored) }
                answer(200, note)
            case .rejected(let code, let message, _, _, _):
                outcome.reason = .init(code: code, message: message)
                let conflict = ["staleRevision", "notAwaitingAcknowledgement", "revisionConflict", "idempotencyKeyReused"].contains(code)
                answer(conflict ? 409 : 400, message)
            }
        }
        sets.append(outcome)
        let response = status == inbound.status && text == inbound.text
            ? inbound.response : CXMLResponse.document(status: status, text: text, payloadID: responseID, timestamp: now)
        let accepted = outcome.outcome == "accepted"
        let report = InterchangeReport(standard: "cXML", sender: parsed.senderID, controlNumber: parsed.controlNumber, problem: problem,
                                       check: nil, cxmlStatus: status, sets: sets)
        return InterchangeOutcome(verdict: accepted ? "accepted" : "rejected", status: accepted ? .processed : .rejected,
                                  contentType: "text/xml; charset=utf-8", report: report, documents: documents,
                                  acknowledgement: { _ in response }, unanswerable: false, transient: status == 500)
    }

    /// The revision named by OrderReference/DocumentReference@payloadID when it is one of the
    /// OrderRequests the hub sent the partner for `orderID`.
    private func referencedRevision(orderID: String) throws -> Int? {
        guard let request = (try? CXMLEnvelope.parse(parsed.bytes))?.request,
              let payloadID = CXMLConfirmation.documentReference(request) else { return nil }
        let supplier = self.supplier
        guard let sent = try flow.context.store.read({
            try $0.outboundOrderDocument(supplier: supplier, standard: "cXML", controlNumber: payloadID)
        }), sent.purchaseOrder == orderID else { return nil }
        return sent.revision
    }

    private func cxmlSenderProblem(_ header: CXMLHeader) -> String? {
        guard let stored = profile, stored.profile.channel == .cxml, let identity = stored.profile.cxml else {
            return "Supplier \(supplier) has no partner profile for cXML; the hub accepts cXML from it once one is set up."
        }
        let known = header.from.contains {
            $0.domain.caseInsensitiveCompare(identity.partnerDomain) == .orderedSame && $0.identity == identity.partnerIdentity
        }
        guard known else {
            let from = header.from.map(\.description).joined(separator: ", ")
            return "The From credential \(from) is not the one on file for supplier \(supplier)."
        }
        if let hash = stored.sharedSecretHash {
            guard let secret = header.sender.sharedSecret,
                  Sodium.constantTimeEqual(PartnerProfileFlow.hashSecret(secret), hash) else {
                return "The Sender credential's SharedSecret is missing or wrong."
            }
        }
        return nil
    }

    // MARK: Applying documents

    /// Maps and applies an order response through `AcknowledgementFlow`, the REST API's path.
    private func applyOrderResponse(number: String, key: String, header: (String, Int)?, revision: (String, Int)?, lineTag: String?,
                                    map: (PurchaseOrder, Int) throws(MapError) -> OrderResponse) throws -> Applied {
        // Scoped to the sending supplier: another supplier's order is "not found", never applied.
        guard let current = try flow.context.store.read({ try $0.purchaseOrder(number: number, scope: .supplier(supplier)) }) else {
            return .rejected("unknownPurchaseOrder", "There is no purchase order \(number).", segment: header?.0, element: header?.1)
        }
        // A document that names no revision answers the one last sent to the partner before it
        // was received (the current one when the hub never sent the order): an answer to an old
        // revision is refused as stale, never applied to the current one.
        let partner = supplier, receivedAt = self.receivedAt
        let sent = try flow.context.store.read {
            try $0.latestOutboundOrderRevision(supplier: partner, purchaseOrder: number, notAfter: receivedAt)
        } ?? current.order.revision
        let response: OrderResponse
        do {
            response = try map(current.order, sent)
        } catch {
            return .rejected(error)
        }
        do {
            let result = try flow.acknowledgements.acknowledge(number: number, response: response, idempotencyKey: key,
                                                               by: InterchangeFlow.partnerPrincipal(supplier, standard: parsed.standard))
            let record = result.record
            return .accepted(purchaseOrder: number, acknowledgement: record.id, decision: record.decision.rawValue,
                             note: "Applied to \(number) revision \(record.revision) as acknowledgement \(record.id): \(record.decision.rawValue).",
                             document: nil)
        } catch let error as ProcurementError {
            switch error.code {
            case .staleRevision, .unknownRevision:
                return .rejected(code: error.code.rawValue, message: error.message, segment: revision?.0, element: revision?.1, line: nil)
            case .unknownLine:
                let line = response.lines.map(\.line).first { l in !current.order.lines.contains { $0.line == l } }
                return .rejected(code: error.code.rawValue, message: error.message, segment: lineTag, element: 1, line: line)
            default:
                return .rejected(error.code.rawValue, error.message)
            }
        } catch let error as FlowError {
            return .rejected(error.code.rawValue, error.message, segment: header?.0, element: header?.1)
        }
    }

    /// Applies a ship notice through `ShipNoticeFlow`, the REST API's path: the same checks,
    /// ledger, ERP posting and certificate hold. Packages are identified by their SSCC
    /// (856 MAN02, DESADV GIN BJ, cXML ShipNoticePortion SSCC).
    private func applyShipNotice(_ notice: ShipNotice, key: String) throws -> Applied {
        let principal = InterchangeFlow.partnerPrincipal(supplier, standard: parsed.standard)
        do {
            let result = try ShipNoticeFlow(context: flow.context).submit(ShipNoticeDocument(notice), idempotencyKey: key, by: principal)
            let record = result.record
            return .accepted(purchaseOrder: notice.purchaseOrders.first, acknowledgement: nil, decision: record.status.rawValue,
                             note: "Applied as ship notice \(record.id): \(record.status.rawValue).",
                             document: ("shipNotice", notice.id, JSON.string(notice)))
        } catch let error as ProcurementError {
            return .rejected(error.code.rawValue, error.message)
        } catch let error as FlowError {
            return .rejected(error.code.rawValue, error.message)
        }
    }

    /// Submits an invoice through `InvoiceFlow`, the REST API's path: the same validation, the
    /// same three-way match, the same outcome (matched and posted, or held for a buyer). The
    /// sender is the supplier of the partner profile; a party the document names is not trusted
    /// over it.
    private func applyInvoice(_ mapped: Invoice, key: String) throws -> Applied {
        var invoice = mapped
        invoice.supplier = nil
        do {
            let result = try flow.invoices.submit(invoice, idempotencyKey: key,
                                                  by: InterchangeFlow.partnerPrincipal(supplier, standard: parsed.standard))
            let record = result.record
            let reasons = record.reasons.isEmpty ? "" : " (" + record.reasons.map(\.code).joined(separator: ", ") + ")"
            return .accepted(purchaseOrder: invoice.purchaseOrders.first, acknowledgement: nil, decision: record.status.rawValue,
                             note: "Invoice \(invoice.number) received as \(record.id): \(record.status.rawValue)\(reasons).",
                             document: ("invoice", invoice.number, JSON.string(invoice)))
        } catch let error as ProcurementError {
            return .rejected(error.code.rawValue, error.message)
        } catch let error as FlowError {
            return .rejected(error.code.rawValue, error.message)
        }
    }

    /// The first order of `numbers` that is not the supplier's.
    private func unknownOrder(_ numbers: [String]) throws -> String? {
        let supplier = self.supplier
        return try flow.context.store.read { tx in
            try numbers.first { try tx.orderState(number: $0, scope: .supplier(supplier)) == nil }
        }
    }

    // MARK: Shared

    private mutating func senderProblem(channel: PartnerProfile.Channel, id: String, qualifier: String?) -> String? {
        let name = channel == .x12 ? "X12" : "EDIFACT"
        guard let stored = profile else {
            return note("Supplier \(supplier) has no partner profile; the hub accepts \(name) from it once one is set up.")
        }
        guard stored.profile.channel == channel else {
            return note("The partner profile of supplier \(supplier) is for the \(stored.profile.channel.rawValue) channel, not \(name).")
        }
        let q = qualifier.map { "\($0):" } ?? ""
        guard id == stored.profile.partnerId,
              stored.profile.partnerQualifier == nil || qualifier == nil || stored.profile.partnerQualifier == qualifier else {
            return note("The interchange sender \(q)\(id) is not the sender on file for supplier \(supplier).")
        }
        return nil
    }

    private mutating func note(_ refusal: String) -> String {
        if problem == nil { problem = refusal }
        return refusal
    }

    /// The first syntax error of a set (or its envelope), as a rejection reason.
    private func syntaxRejection(_ report: CheckReport, interchange: Int, group: Int?, set: Int) -> Applied {
        let inSet = report.errors.first { $0.interchange == interchange && $0.group == group && $0.set == set }
        let around = report.errors.first { $0.interchange == interchange && ($0.set == nil || $0.group != group) }
        guard let issue = inSet ?? around else {
            return .rejected("syntaxError", "The envelope around this document is in error.")
        }
        return .rejected(issue.code.rawValue, issue.message, segment: issue.segment, element: issue.elementPosition)
    }

    /// Adds one set's outcome to the report and, for a rejection, an issue for the acknowledgement.
    private mutating func record(_ base: InterchangeReport.SetOutcome, _ applied: Applied, segments: [Segment]?,
                                 groupControl: String?, alreadyInReport: Bool = false) {
        var outcome = base
        switch applied {
        case .accepted(let order, let ack, let decision, let note, let document):
            outcome.outcome = "accepted"
            outcome.purchaseOrder = order
            outcome.acknowledgement = ack
            outcome.decision = decision
            outcome.note = note
            if let document { documents.append(document) }
        case .rejected(let code, let message, let segment, let element, let line):
            var position: Int?
            if let segment, let segments {
                position = ApplicationAcknowledgment.position(of: segment, in: segments) { s in
                    guard let line else { return segment != "REF" || s.value(1) == "PP" }
                    return s.value(1) == String(line)
                }
            }
            outcome.reason = .init(code: code, message: message, segment: position == nil ? nil : segment,
                                   segmentPosition: position, element: position == nil ? nil : element)
            if !alreadyInReport && code != "unknownSender" {
                let x12 = parsed.standard == "X12"
                let located = position != nil
                var issue = InterchangeIssue(code: .init(rawValue: code), level: located ? (element == nil ? .segment : .element) : .set,
                                             message: message,
                                             standardCode: located ? (x12 ? (element == nil ? "8" : "7") : "12")
                                                 : (code == "unsupportedDocument" ? (x12 ? "1" : "17") : nil))
                issue.interchange = base.interchange
                issue.group = base.group
                issue.groupControlNumber = groupControl
                issue.set = base.set
                issue.setControlNumber = base.controlNumber
                if located {
                    issue.segment = segment
                    issue.segmentPosition = position
                    issue.elementPosition = element
                }
                issues.append(issue)
            }
        }
        sets.append(outcome)
    }

    private func acknowledgmentOptions() -> AcknowledgmentOptions {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return AcknowledgmentOptions(date: pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2), time: pad(c.hour, 2) + pad(c.minute, 2))
    }

    private func finish(check: CheckReport, unanswerable: Bool, acknowledgement: @escaping (ControlNumberSource) -> [UInt8]) -> InterchangeOutcome {
        let accepted = sets.filter { $0.outcome == "accepted" }.count
        let status: InterchangeStatus = accepted == 0 ? .rejected : (accepted == sets.count ? .processed : .partiallyProcessed)
        let report = InterchangeReport(standard: parsed.standard, sender: parsed.senderID, controlNumber: parsed.controlNumber,
                                       problem: problem, check: check, cxmlStatus: nil, sets: sets)
        return InterchangeOutcome(verdict: check.verdict.rawValue, status: status,
                                  contentType: ParsedInterchange.contentType(standard: parsed.standard), report: report,
                                  documents: documents, acknowledgement: acknowledgement, unanswerable: unanswerable)
    }
}
