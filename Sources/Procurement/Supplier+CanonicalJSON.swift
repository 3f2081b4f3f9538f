import Foundation

extension InvoiceTolerances {
    /// Reads stored tolerances in their plain shape; nil for anything else, which
    /// `JSONDecoder` then reads. Missing or null amounts are zero, as there.
    public init?(canonicalJSON bytes: [UInt8]) {
        var values: [Decimal] = [0, 0, 0, 0]
        let ok = CanonicalJSON.Reader.read(bytes) { r -> Bool? in
            r.object(keys: ["pricePercent", "priceAmount", "quantityPercent", "quantityAmount"]) { r, key in
                if r.consumeNull() { return true }
                guard let value = r.decimal() else { return false }
                values[key] = value
                return true
            } ? true : nil
        }
        guard ok == true else { return nil }
        self.init(pricePercent: values[0], priceAmount: values[1], quantityPercent: values[2], quantityAmount: values[3])
    }
}
