import Foundation

extension PurchaseOrder {
    /// Reads a stored order revision in its plain shape (any key order); nil for anything
    /// else, which `JSONDecoder` then reads. Gives the same value `JSONDecoder` gives,
    /// defaults included (description "", critical, certificateRequired and cancelled false,
    /// one delivery of the whole quantity on the need-by date, no cancelReason).
    public init?(canonicalJSON bytes: [UInt8]) {
        guard let value = CanonicalJSON.Reader.read(bytes, PurchaseOrder.read(from:)) else { return nil }
        self = value
    }

    /// The same, reading the text's UTF-8 in place.
    public init?(canonicalJSON text: String) {
        guard let value = CanonicalJSON.Reader.read(text, PurchaseOrder.read(from:)) else { return nil }
        self = value
    }

    static func read(from r: inout CanonicalJSON.Reader) -> PurchaseOrder? {
        var number: String?, supplier: String?, plant: String?, currency: String?, cancelReason: String?
        var revision: Int?
        var lines: [OrderLine]?
        let ok = r.object(keys: ["number", "revision", "supplier", "plant", "currency", "lines", "cancelReason"]) { r, key in
            switch key {
            case 6:
                if r.consumeNull() { return true }
                cancelReason = r.string()
                return cancelReason != nil
            case 0: number = r.string(); return number != nil
            case 1: revision = r.int(); return revision != nil
            case 2: supplier = r.string(); return supplier != nil
            case 3: plant = r.string(); return plant != nil
            case 4: currency = r.string(); return currency != nil
            default:
                var list: [OrderLine] = []
                guard r.array({ r in
                    guard let line = OrderLine.read(from: &r) else { return false }
                    list.append(line)
                    return true
                }) else { return false }
                lines = list
                return true
            }
        }
        guard ok, let number, let revision, let supplier, let plant, let currency, let lines else { return nil }
        return PurchaseOrder(number: number, revision: revision, supplier: supplier, plant: plant, currency: currency, lines: lines,
                             cancelReason: cancelReason)
    }
}

extension OrderLine {
    static func read(from r: inout CanonicalJSON.Reader) -> OrderLine? {
        var line: Int?
        var item: String?, unit: String?
        var description: String?
        var quantity: Decimal?, unitPrice: Decimal?
        var needBy: LocalDate?
        var critical: Bool?, certificateRequired: Bool?, cancelled: Bool?
        var schedule: [ScheduleLine]?
        let keys: [StaticString] = ["line", "item", "description", "quantity", "unit", "unitPrice", "needBy", "critical",
                                    "certificateRequired", "schedule", "cancelled"]
        let ok = r.object(keys: keys) { r, key in
            switch key {
            case 10:
                if r.consumeNull() { return true }
                cancelled = r.bool()
                return cancelled != nil
            case 0: line = r.int(); return line != nil
            case 1: item = r.string(); return item != nil
            case 2:
                if r.consumeNull() { return true }
                description = r.string()
                return description != nil
            case 3: quantity = r.decimal(); return quantity != nil
            case 4: unit = r.string(); return unit != nil
            case 5: unitPrice = r.decimal(); return unitPrice != nil
            case 6: needBy = r.date(); return needBy != nil
            case 7:
                if r.consumeNull() { return true }
                critical = r.bool()
                return critical != nil
            case 8:
                if r.consumeNull() { return true }
                certificateRequired = r.bool()
                return certificateRequired != nil
            default:
                if r.consumeNull() { return true }
                schedule = ScheduleLine.readArray(from: &r)
                return schedule != nil
            }
        }
        guard ok, let line, let item, let quantity, let unit, let unitPrice, let needBy else { return nil }
        return OrderLine(line: line, item: item, description: description ?? "", quantity: quantity, unit: unit,
                         unitPrice: unitPrice, needBy: needBy, critical: critical ?? false,
                         certificateRequired: certificateRequired ?? false, schedule: schedule, cancelled: cancelled ?? false)
    }
}
