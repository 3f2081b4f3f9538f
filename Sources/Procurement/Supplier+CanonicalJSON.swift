import Foundation

extension InvoiceTolerances {
    /// Reads stored tolerances in their plain shape; nil for anything else, which
    /// `JSONDecoder` then reads. Missing or null amounts are zero, as there.
    public init?(canonicalJSON bytes: [UInt8]) {
        guard let value = CanonicalJSON.Reader.read(bytes, InvoiceTolerances.read(from:)) else { return nil }
        self = value
    }

    /// The same, reading the text's UTF-8 in place.
    public init?(canonicalJSON text: String) {
        guard let value = CanonicalJSON.Reader.read(text, InvoiceTolerances.read(from:)) else { return nil }
        self = value
    }

    static func read(from r: inout CanonicalJSON.Reader) -> InvoiceTolerances? {
        var values: [Decimal] = [0, 0, 0, 0]
        let ok = r.object(keys: ["pricePercent", "priceAmount", "quantityPercent", "quantityAmount"]) { r, key in
            if r.consumeNull() { return true }
            guard let value = r.decimal() else { return false }
            values[key] = value
            return true
        }
        guard ok else { return nil }
        return InvoiceTolerances(pricePercent: values[0], priceAmount: values[1], quantityPercent: values[2], quantityAmount: values[3])
    }
}
