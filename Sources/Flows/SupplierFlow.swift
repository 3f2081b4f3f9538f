import Foundation
import Procurement
import Storage

/// Suppliers and their tolerances, maintained by the ERP or an admin.
public struct SupplierFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    /// Creates or updates a supplier. Returns true when it was new.
    @discardableResult
    public func save(_ supplier: Supplier, by request: RequestContext) throws -> Bool {
        try request.require(.erp, .admin, to: "maintain suppliers")
        try supplier.validate()
        let now = context.clock.now()
        return try context.store.write { tx in
            let existing = try tx.supplier(id: supplier.id)
            if existing == supplier { return false }
            try tx.saveSupplier(supplier, now: now)
            try tx.emit(DomainEvents.supplierSaved(supplier.id, created: existing == nil), now: now)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: existing == nil ? "supplier.created" : "supplier.updated",
                                          objectType: "supplier", objectID: supplier.id, detail: JSON.string(supplier),
                                          requestID: request.requestID), now: now)
            return existing == nil
        }
    }

    /// A supplier key sees only its own supplier.
    public func supplier(id: String, by request: RequestContext) throws -> Supplier {
        if case .supplier(let own) = request.principal.scope, own != id {
            throw FlowError(.notFound, "There is no supplier \(id).")
        }
        guard let supplier = try context.store.read({ try $0.supplier(id: id) }) else {
            throw FlowError(.notFound, "There is no supplier \(id).")
        }
        return supplier
    }

    public func suppliers(by request: RequestContext) throws -> [Supplier] {
        let all = try context.store.read { try $0.suppliers() }
        if case .supplier(let own) = request.principal.scope { return all.filter { $0.id == own } }
        return all
    }
}
