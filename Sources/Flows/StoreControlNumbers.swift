import Interchange
import Storage

/// Interchange's `ControlNumberSource` over the store's per-partner sequences, inside one write
/// transaction: the numbers are taken in the same commit as the document that carries them, so
/// a rolled-back write gives its numbers back and a committed one never sees them again.
final class StoreControlNumbers: ControlNumberSource {
    private let tx: any StoreWriter
    private let partner: String
    /// The first failure, rethrown by `check()`: the protocol's `next` cannot throw.
    private(set) var failure: (any Error)?

    /// - Parameter partner: the supplier whose sequences to use.
    init(tx: any StoreWriter, partner: String) {
        self.tx = tx
        self.partner = partner
    }

    func next(_ kind: ControlNumberKind, sender: String, receiver: String) -> Int {
        do {
            return try tx.nextControlNumber(partner: partner, kind: kind.rawValue)
        } catch {
            if failure == nil { failure = error }
            return 0
        }
    }

    /// Throws the first store error met while numbering, so the transaction rolls back.
    func check() throws {
        if let failure { throw failure }
    }
}
