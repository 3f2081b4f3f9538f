import Dispatch
import Procurement
import SQLite
import Synchronization

/// An order as the store last committed it: its current revision's document and its status,
/// and its supplier when the store holds that too.
public struct CommittedOrder: Sendable, Equatable {
    public let order: PurchaseOrder
    public let status: OrderStatus
    public let supplier: Supplier?

    public init(order: PurchaseOrder, status: OrderStatus, supplier: Supplier? = nil) {
        self.order = order
        self.status = status
        self.supplier = supplier
    }
}

/// What the store has committed about orders and suppliers, kept in memory so a request can
/// prepare its work without reading the database first.
///
/// Only the writer thread adds orders, and only after the commit that wrote them, in commit
/// order: an order held here is the committed one, or (if a commit is between publishing and
/// a reader looking) one commit behind. Callers treat it as the basis of a plan that the write
/// re-checks, never as the final word. Orders are bounded by the size of their documents, in
/// two generations: when the newer one is full it becomes the older one and the older one is
/// dropped, so the orders released last are the ones kept. Suppliers are also filled from
/// reads, but a read's value is kept only if no supplier commit was published while it ran.
final class CommittedState: Sendable {
    /// One change a committed write made.
    enum Change {
        /// A revision became current (released or revised); `bytes` is its document's size.
        case revision(PurchaseOrder, OrderStatus, bytes: Int)
        /// An order's status changed, its revision did not.
        case status(number: String, OrderStatus)
        case supplier(Supplier)
    }

    /// One order held: a reference, so a generation's table holds a pointer per order and
    /// grows, moves and is dropped without copying documents.
    private final class Held: Sendable {
        let order: PurchaseOrder
        let status: OrderStatus
        let bytes: Int

        init(order: PurchaseOrder, status: OrderStatus, bytes: Int) {
            self.order = order
            self.status = status
            self.bytes = bytes
        }
    }

    private struct State {
        /// Orders published since the last turnover, and their documents' bytes.
        var orders: [String: Held] = [:]
        var orderBytes = 0
        /// The generation before; an order published again moves to `orders`.
        var older: [String: Held] = [:]
        var suppliers: [String: Supplier] = [:]
        /// Moves on with every published supplier change, so a read that started before it
        /// does not put back what the change replaced.
        var supplierGeneration = 0
    }

    private let state = ReadWriteLocked(State())
    /// The most document bytes held, in both generations together.
    let maxOrderBytes: Int

    init(maxOrderBytes: Int = 16 << 20) { self.maxOrderBytes = maxOrderBytes }

    /// The order with its supplier, if held: one look under the lock for both.
    func order(_ number: String) -> CommittedOrder? {
        // Every request looks here, so the lock is held for the lookups alone; the order is
        // copied out after it.
        let found: (held: Held, supplier: Supplier?)? = state.read { state in
            guard let held = state.orders[number] ?? state.older[number] else { return nil }
            return (held, state.suppliers[held.order.supplier])
        }
        guard let found else { return nil }
        return CommittedOrder(order: found.held.order, status: found.held.status, supplier: found.supplier)
    }

    /// The supplier if held, and the generation to pass to `remember` after reading it.
    func supplier(_ id: String) -> (supplier: Supplier?, generation: Int) {
        state.read { ($0.suppliers[id], $0.supplierGeneration) }
    }

    /// Keeps a supplier read from the database, unless a supplier change was published since
    /// `generation` was handed out.
    func remember(_ supplier: Supplier, readAt generation: Int) {
        state.write { state in
            if state.supplierGeneration == generation { state.suppliers[supplier.id] = supplier }
        }
    }

    /// Applies the changes of a commit, in the order they were written. Called by the writer
    /// thread after the commit and before anyone waiting on it is woken.
    func publish(_ changes: [Change]) {
        guard !changes.isEmpty else { return }
        // A generation dropped at turnover is released on another thread: freeing thousands of
        // order documents is work the writer, which every request waits on, need not do.
        var dropped: [String: Held] = [:]
        // One change at a time under the lock, which every request takes to look an order up:
        // a commit of many writes keeps none of them waiting for long. An order is always
        // either as it was or as the commit left it.
        for change in changes {
            state.write { state in
                switch change {
                case .revision(let order, let status, let bytes):
                    Self.hold(Held(order: order, status: status, bytes: bytes), in: &state,
                              limit: maxOrderBytes / 2, dropped: &dropped)
                case .status(let number, let status):
                    // An order not held stays out: only a whole revision puts one in.
                    if let index = state.orders.index(forKey: number) {
                        let held = state.orders.values[index]
                        state.orders.values[index] = Held(order: held.order, status: status, bytes: held.bytes)
                    } else if let held = state.older[number] {
                        Self.hold(Held(order: held.order, status: status, bytes: held.bytes), in: &state,
                                  limit: maxOrderBytes / 2, dropped: &dropped)
                    }
                case .supplier(let supplier):
                    state.suppliers[supplier.id] = supplier
                    state.supplierGeneration &+= 1
                }
            }
        }
        if !dropped.isEmpty {
            let released = dropped
            dropped = [:]
            Self.releaser.async { withExtendedLifetime(released) {} }
        }
    }

    private static let releaser = DispatchQueue(label: "supplyline.committed-state.release", qos: .utility)

    private static func hold(_ held: Held, in state: inout State, limit: Int,
                             dropped: inout [String: Held]) {
        let number = held.order.number
        if let previous = state.orders.removeValue(forKey: number) { state.orderBytes -= previous.bytes }
        state.older[number] = nil
        guard held.bytes <= limit / 8 else { return }
        if state.orderBytes + held.bytes > limit {
            dropped = state.older
            state.older = state.orders
            state.orders = Dictionary(minimumCapacity: state.older.count)
            state.orderBytes = 0
        }
        state.orders[number] = held
        state.orderBytes += held.bytes
    }

    /// Forgets everything (another process wrote to the database).
    func reset() {
        state.write { state in
            state.orders.removeAll()
            state.older.removeAll()
            state.orderBytes = 0
            state.suppliers.removeAll()
            state.supplierGeneration &+= 1
        }
    }
}

/// What the writer thread keeps between writes. Used on that thread only.
// @unchecked Sendable: only the writer thread touches it.
final class WriterMemory: WriterHooks, @unchecked Sendable {
    /// What is committed; with `pending` and a write's own changes, what the writer's
    /// transaction sees (the writer publishes each commit before it begins the next).
    let committed: CommittedState
    /// The newest audit hash written, so appending an entry need not read the log's last row.
    var auditHash: String?
    /// The changes of the writes in the current group commit that have succeeded so far:
    /// published after the commit, dropped if it rolls back.
    var pending: [CommittedState.Change] = []
    /// `PRAGMA data_version` when last looked at: it changes when another connection (another
    /// process, such as an administration command) commits to the database.
    private var dataVersion: Int64?

    /// Called with the write lock held, so nobody else can write until the commit: true when
    /// anything but this connection has written since the last look, and what is remembered
    /// may be out of date.
    private func changedElsewhere(_ connection: Connection) -> Bool {
        let version = (try? connection.scalar("PRAGMA data_version"))?.int64
        defer { dataVersion = version }
        return version == nil || version != dataVersion
    }

    init(committed: CommittedState) { self.committed = committed }

    /// A transaction has begun: if another process wrote since the last one, nothing
    /// remembered can be trusted.
    func transactionBegan(_ connection: Connection) {
        guard changedElsewhere(connection) else { return }
        auditHash = nil
        committed.reset()
    }

    /// The transaction committed: what its writes changed is now committed.
    func transactionCommitted() {
        committed.publish(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The whole transaction rolled back.
    func transactionRolledBack() {
        auditHash = nil
        pending.removeAll()
    }

    func mark() -> Int { pending.count }

    /// The writes since `mark` rolled back: their changes are forgotten, and the audit chain's
    /// end is read again.
    func rewind(to mark: Int) {
        auditHash = nil
        if mark < pending.count { pending.removeSubrange(mark...) }
    }

    /// An order's current revision, status and supplier as the writer's transaction sees them,
    /// from the write's own changes, then the batch's, then what is committed; nil when the
    /// memory does not hold the order (the caller reads it).
    func order(_ number: String, changes: [CommittedState.Change]) -> (revision: Int, status: OrderStatus, supplier: String)? {
        var status: OrderStatus?
        /// The revision, if `list` has one for the order; the newest status change on the way.
        func newest(in list: [CommittedState.Change]) -> (revision: Int, status: OrderStatus, supplier: String)? {
            for change in list.reversed() {
                switch change {
                case .revision(let order, let revisionStatus, _) where order.number == number:
                    return (order.revision, status ?? revisionStatus, order.supplier)
                case .status(let changed, let newStatus) where changed == number:
                    if status == nil { status = newStatus }
                default:
                    continue
                }
            }
            return nil
        }
        if let found = newest(in: changes) ?? newest(in: pending) { return found }
        guard let held = committed.order(number) else { return nil }
        return (held.order.revision, status ?? held.status, held.order.supplier)
    }
}
