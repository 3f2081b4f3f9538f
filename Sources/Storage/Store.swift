import Foundation
import Procurement

/// The hub's persistence, behind intention-named operations. Reads see a consistent snapshot;
/// each `write` is one all-or-nothing transaction that is durable when `write` returns.
public protocol Store: Sendable {
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T
    /// A `write` whose body has no effect but on the store's rows and its result (no schema
    /// changes), so the store may run it more than once before it commits: such writes run in
    /// the group commit's transaction with no savepoint each, which costs the writer less.
    func writeRepeatable<T>(_ body: (any StoreWriter) throws -> T) throws -> T
    /// Called after a commit that enqueued outbox messages, with their kinds (empty when not
    /// known, as after a replay): the dispatcher waits on it.
    func onOutboxEnqueued(_ callback: @escaping @Sendable (Set<String>) -> Void)
    /// The order as last committed (with its supplier, when that is held too), from memory,
    /// when the store holds it: a basis for preparing a write that re-checks it, not an answer
    /// to show (it may be one commit behind).
    func committedOrder(number: String) -> CommittedOrder?
    /// The supplier as committed, from memory when held, otherwise read.
    func currentSupplier(id: String) throws -> Supplier?
}

extension Store {
    public func writeRepeatable<T>(_ body: (any StoreWriter) throws -> T) throws -> T { try write(body) }
    public func committedOrder(number: String) -> CommittedOrder? { nil }
    public func currentSupplier(id: String) throws -> Supplier? { try read { try $0.supplier(id: id) } }
}

public protocol StoreReader {
    func supplier(id: String) throws -> Supplier?
    func suppliers() throws -> [Supplier]
    func client(id: String) throws -> ClientRecord?
    func clients() throws -> [ClientRecord]

    func purchaseOrder(number: String, scope: SupplierScope) throws -> OrderRecord?
    func purchaseOrder(number: String, revision: Int, scope: SupplierScope) throws -> PurchaseOrder?
    /// The current revision and status only: cheap enough to re-check inside a write.
    func orderState(number: String, scope: SupplierScope) throws -> (revision: Int, status: OrderStatus)?
    func revisions(of number: String, scope: SupplierScope) throws -> [Int]
    func purchaseOrders(scope: SupplierScope, status: OrderStatus?, after: String?, limit: Int) throws -> Page<OrderSummary>

    func acknowledgement(id: String, scope: SupplierScope) throws -> AcknowledgementRecord?
    func acknowledgements(purchaseOrder: String, scope: SupplierScope) throws -> [AcknowledgementRecord]

    func exception(id: String) throws -> ExceptionRecord?
    func exceptions(_ filter: ExceptionFilter, after: String?, limit: Int) throws -> Page<ExceptionRecord>
    func exceptionComments(exceptionID: String) throws -> [ExceptionComment]
    /// The exception a sweep raised under this key, if any.
    func exception(dedupeKey: String) throws -> ExceptionRecord?
    /// Shipped, received, rejected and invoiced quantities per line of an order; lines nothing
    /// has moved yet are missing.
    func lineProgress(purchaseOrder: String) throws -> [Int: LineProgress]

    func inboxEntry(clientID: String, key: String) throws -> InboxEntry?

    func outboxJob(id: Int64) throws -> OutboxJob?
    func outboxJobs(status: OutboxStatus, after: Int64?, limit: Int) throws -> Page<OutboxJob>
    func outboxCounts() throws -> [OutboxStatus: Int]
    /// The event log after `position`, oldest first; a supplier scope sees only its own events.
    func events(after position: Int64, limit: Int, scope: SupplierScope) throws -> [EventRecord]
    /// True when a claim now would find something: a cheap read, so idle dispatcher workers
    /// need no write to learn there is nothing to do.
    func hasDueJobs(now: Date, kinds: [String]?) throws -> Bool

    func partnerProfile(supplier: String) throws -> StoredPartnerProfile?
    func partnerProfiles() throws -> [StoredPartnerProfile]
    func interchange(id: String, scope: SupplierScope) throws -> InterchangeRecord?
    func interchange(dedupeKey: String) throws -> InterchangeRecord?
    /// The bytes exactly as received or sent.
    func interchangeRaw(id: String, scope: SupplierScope) throws -> [UInt8]?
    func interchanges(scope: SupplierScope, direction: InterchangeDirection?, status: InterchangeStatus?,
                      after: Int64?, limit: Int) throws -> Page<InterchangeRecord>
    func receivedDocuments(interchangeID: String) throws -> [ReceivedDocument]
    /// The revision of the latest order document (850/860, ORDERS/ORDCHG, cXML OrderRequest) the
    /// hub wrote for `supplier` about `purchaseOrder` at or before `notAfter`; nil when there is none.
    func latestOutboundOrderRevision(supplier: String, purchaseOrder: String, notAfter: Date) throws -> Int?
    /// The order and revision of the outbound order document with this control number (cXML payloadID).
    func outboundOrderDocument(supplier: String, standard: String, controlNumber: String) throws -> (purchaseOrder: String, revision: Int)?

    func auditEntries(objectType: String?, objectID: String?, after: Int64?, limit: Int) throws -> Page<AuditEntry>
    /// Recomputes the audit chain; returns the sequence of the first entry that does not match.
    func verifyAuditChain() throws -> Int64?

    // MARK: Invoices
    func invoice(id: String, scope: SupplierScope) throws -> InvoiceRecord?
    /// The supplier's invoice with this number, whatever its status.
    func invoice(supplier: String, number: String) throws -> InvoiceRecord?
    /// The supplier's oldest invoice with this fingerprint whose status is not `excludingStatus`.
    func invoice(supplier: String, fingerprint: String, excludingStatus: InvoiceStatus) throws -> InvoiceRecord?
    func invoices(scope: SupplierScope, filter: InvoiceFilter, after: String?, limit: Int) throws -> Page<InvoiceRecord>
    /// Every status the invoice passed through, oldest first.
    func invoiceHistory(invoiceID: String) throws -> [InvoiceStatusEntry]

    // MARK: Quality

    func nonconformance(id: String, scope: SupplierScope) throws -> NonconformanceRecord?
    func nonconformances(_ filter: NonconformanceFilter, scope: SupplierScope, after: String?, limit: Int) throws -> Page<NonconformanceRecord>
    /// Everything that happened to a nonconformance, oldest first.
    func nonconformanceHistory(id: String) throws -> [NonconformanceHistoryEntry]
    /// Open nonconformances with a step that may have become overdue by `today` (an indexed
    /// range over the day each report next needs looking at).
    func nonconformancesDueForOverdueCheck(today: LocalDate, limit: Int) throws -> [NonconformanceRecord]
    /// Orders awaiting acknowledgement whose current revision was released at or before
    /// `releasedAtOrBefore` and has no exception with the key `<keyPrefix><order>:<revision>`.
    func pendingAcknowledgements(releasedAtOrBefore: Date, withoutExceptionKeyPrefix keyPrefix: String, limit: Int) throws -> [PendingAcknowledgement]
    /// Confirmed orders that changed (or were never read) since the ship-notice timer last read them.
    func confirmedOrdersChangedSinceWatched(limit: Int) throws -> [ConfirmedOrderChange]
    /// Watched deliveries due on or before `date` whose order is still confirmed at the watched
    /// revision, by due date, order and line; `after` (the last watch of the previous page)
    /// pages on past deliveries that stay watched.
    func shipmentWatches(dueOnOrBefore date: LocalDate, after: ShipmentWatch?, limit: Int) throws -> [ShipmentWatch]
    /// One supplier's events of the given types at or after `since`, oldest first.
    func supplierEvents(supplier: String, types: [String], since: Date) throws -> [EventRecord]

    // MARK: Shipping

    func shipNotice(id: String, scope: SupplierScope) throws -> ShipNoticeRecord?
    func shipNotice(supplier: String, shipmentId: String) throws -> ShipNoticeRecord?
    /// Newest last; `after` is the cursor of the previous page.
    func shipNotices(scope: SupplierScope, purchaseOrder: String?, status: ShipNoticeStatus?, after: String?, limit: Int) throws -> Page<ShipNoticeRecord>
    func heldShipNotices(supplier: String) throws -> [ShipNoticeRecord]
    func goodsReceipt(id: String, scope: SupplierScope) throws -> GoodsReceiptRecord?
    func goodsReceipts(scope: SupplierScope, shipNotice: String?, after: String?, limit: Int) throws -> Page<GoodsReceiptRecord>
    func qualityDocument(id: String, scope: SupplierScope) throws -> QualityDocumentRecord?
    func qualityDocumentContent(id: String, scope: SupplierScope) throws -> [UInt8]?
    func qualityDocuments(scope: SupplierScope, purchaseOrder: String?, shipNotice: String?, after: String?, limit: Int) throws -> Page<QualityDocumentRecord>
    /// The links of a supplier's certificates of conformance and analysis.
    func certificateLinks(supplier: String) throws -> [CertificateLink]

    // MARK: order changes

    func changeRequest(id: String, scope: SupplierScope) throws -> ChangeRequestRecord?
    /// An order's change requests, oldest first (the order they were applied in).
    func changeRequests(purchaseOrder: String, scope: SupplierScope) throws -> [ChangeRequestRecord]
    // MARK: bulk release

    /// A bulk release with the answers it got.
    func releaseBatch(id: String) throws -> ReleaseBatchRecord?
}

public protocol StoreWriter: StoreReader {
    func saveSupplier(_ supplier: Supplier, now: Date) throws
    func insertClient(_ client: ClientRecord) throws
    func revokeClient(id: String, now: Date) throws -> Bool

    /// Stores a released revision and makes it current with the given status.
    func saveRevision(_ order: PurchaseOrder, status: OrderStatus, now: Date) throws
    func setOrderStatus(number: String, status: OrderStatus, now: Date) throws

    func insertAcknowledgement(_ prepared: PreparedAcknowledgement) throws
    /// Inserts an exception; false (and nothing written) when one with the same `dedupeKey` exists.
    @discardableResult
    func insertException(_ record: ExceptionRecord) throws -> Bool
    func resolveException(id: String, status: ExceptionStatus, by: String, note: String?, now: Date) throws
    /// Sets or clears the owner.
    func assignException(id: String, owner: String?) throws
    func insertExceptionComment(_ comment: ExceptionComment) throws
    /// Marks the open exceptions of these kinds on an order as superseded; returns their ids.
    func supersedeOpenExceptions(purchaseOrder: String, kinds: [String], now: Date) throws -> [String]
    /// Adds `delta` to a line's shipped, received, rejected and invoiced quantities.
    func addLineProgress(purchaseOrder: String, line: Int, _ delta: LineProgress) throws

    func insertInboxEntry(_ entry: InboxEntry) throws
    /// Records the entry unless the client already used its key; false when it had (nothing is
    /// written then). One lookup serves as both the check and the insert.
    func insertInboxEntryIfNew(_ entry: InboxEntry) throws -> Bool

    func enqueue(_ message: OutboxMessage, now: Date) throws
    /// Leases up to `limit` due pending jobs (the oldest per document) until `leaseUntil`.
    func claimDueJobs(now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxJob]
    /// As `claimDueJobs(now:leaseUntil:limit:)`, only messages of the given kinds (all when nil).
    func claimDueJobs(now: Date, leaseUntil: Date, limit: Int, kinds: [String]?) throws -> [OutboxJob]
    func recordDelivery(jobID: Int64, outcome: DeliveryOutcome, now: Date) throws
    /// Ends every lease on a pending message, so it can be claimed at once; returns how many.
    /// For a dispatcher starting on a store no other dispatcher uses: the leases it finds were
    /// taken by a run that stopped before recording the outcome.
    func releaseLeases() throws -> Int
    /// Puts a dead letter back in the queue with a fresh retry budget.
    func replayDeadLetter(id: Int64, now: Date) throws -> Bool

    func appendAudit(_ event: AuditEvent, now: Date) throws
    /// Appends to the event log, in the same transaction as the change it reports.
    func appendEvent(_ event: NewEvent, id: String, now: Date) throws

    func savePartnerProfile(_ stored: StoredPartnerProfile) throws
    /// The next number of a per-partner sequence (interchange, group, set), never handed out
    /// before: the counter moves in the calling transaction and wraps after 999,999,999.
    func nextControlNumber(partner: String, kind: String) throws -> Int
    func insertInterchange(_ record: InterchangeRecord, raw: [UInt8]) throws
    /// Stores the outcome: verdict, status, report and acknowledgement.
    func updateInterchange(_ record: InterchangeRecord) throws
    func replaceReceivedDocuments(interchangeID: String, with documents: [ReceivedDocument]) throws
    /// Marks an inbound interchange as being processed until `until`, unless another claim on it
    /// is still running at `now`; true when this call holds the claim.
    func claimInterchange(id: String, until: Date, now: Date) throws -> Bool
    /// Ends the claim on an interchange without storing an outcome.
    func releaseInterchange(id: String) throws

    // MARK: Invoices
    /// Stores a new invoice; a second invoice with the same supplier and number violates a unique key.
    func insertInvoice(_ record: InvoiceRecord) throws
    /// Moves the status; a payment or rejection reason given is kept, nil leaves the stored one.
    func updateInvoiceStatus(id: String, status: InvoiceStatus, payment: InvoicePayment?, rejection: String?, now: Date) throws
    func appendInvoiceHistory(_ entry: InvoiceStatusEntry) throws

    // MARK: Quality

    func insertNonconformance(_ record: NonconformanceRecord) throws
    func updateNonconformance(_ nonconformance: Nonconformance, now: Date) throws
    func appendNonconformanceHistory(_ entry: NonconformanceHistoryEntry) throws
    /// Replaces what the ship-notice timer watches of an order with `deliveries`, and remembers
    /// the revision and change time it read them at.
    func replaceShipmentWatches(purchaseOrder: String, revision: Int, supplier: String, orderUpdatedAt: Date,
                                deliveries: [DueQuantity]) throws
    func removeShipmentWatch(purchaseOrder: String, line: Int, dueDate: LocalDate) throws
    /// Drops watched deliveries due on or before `date` whose order moved on (new revision or no
    /// longer confirmed); returns how many.
    @discardableResult
    func removeStaleShipmentWatches(dueOnOrBefore date: LocalDate) throws -> Int
    /// Marks the open exceptions of these kinds on an order as superseded with `note`; returns their ids.
    func supersedeOpenExceptions(purchaseOrder: String, kinds: [String], note: String, now: Date) throws -> [String]

    // MARK: Shipping

    func insertShipNotice(_ record: ShipNoticeRecord) throws
    /// Stores a notice's new version, status, posting flag and exception.
    func updateShipNotice(_ record: ShipNoticeRecord) throws
    func insertGoodsReceipt(_ record: GoodsReceiptRecord) throws
    func insertQualityDocument(_ record: QualityDocumentRecord, content: [UInt8]) throws

    // MARK: order changes

    func insertChangeRequest(_ record: ChangeRequestRecord) throws
    /// Records a buyer's (or the hub's) decision on a change request.
    func decideChangeRequest(id: String, status: ChangeRequestStatus, by: String, now: Date) throws
    /// Marks the order's change requests still in review as superseded; returns their ids.
    func supersedeChangeRequests(purchaseOrder: String, now: Date) throws -> [String]
    // MARK: bulk release

    func insertReleaseBatch(_ record: ReleaseBatchRecord) throws
    /// Runs `body` as a unit inside the transaction: if it throws, what it wrote is undone and
    /// the rest of the transaction goes on (one order of a batch that is refused).
    func attempt<T>(_ body: () throws -> T) throws -> T
}
