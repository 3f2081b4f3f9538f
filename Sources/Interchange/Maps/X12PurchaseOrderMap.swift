import Foundation
import Procurement

extension X12OrderMaps {
    /// Product id qualifiers tried for a line's item, preferred first: buyer's part, vendor's
    /// part, buyer's item, buyer's catalog, vendor's item. Without any of them the first id is used.
    static let itemQualifiers = ["BP", "VP", "IN", "CB", "VN"]

    /// Reads an 850 into a `PurchaseOrder`; see `purchaseOrder(from:defaults:)`.
    public static func purchaseOrder(from set: X12TransactionSet) throws(MapError) -> PurchaseOrder {
        try purchaseOrder(from: set, defaults: OrderMapDefaults())
    }

    /// Reads an 850 into a `PurchaseOrder`. BEG03 is the number; REF*PP (else a numeric BEG04)
    /// the revision, 1 without either; N1*SU (else N1*SE) N104 the supplier; N1*ST N104 the plant;
    /// CUR02 the currency, USD without CUR. Each PO1 is a line: PO101 its number (else its
    /// position), PO102 quantity, PO103 unit, PO104 unit price, the item from the PO106/PO107
    /// pairs (BP, VP, IN, CB, VN, else the first); PID*F PID05 the description; DTM*002 in the
    /// loop the need-by date; each SCH (SCH01 quantity, SCH06 date) one delivery. A line without
    /// DTM*002 needs by its earliest SCH, else the header DTM*002. `defaults` fill in what the
    /// document leaves out; anything still missing is a `MapError` naming segment and element.
    public static func purchaseOrder(from set: X12TransactionSet, defaults: OrderMapDefaults) throws(MapError) -> PurchaseOrder {
        guard set.type == "850" else {
            throw MapError(code: "unsupportedSet", segment: "ST", element: "ST01", message: "Transaction set \(set.type) is not a purchase order (850).")
        }
        var number: String?
        var sawBEG = false
        var revision: Int?
        var releaseRevision: Int?
        var supplier: String?
        var seller: String?
        var plant: String?
        var sawSupplierParty = false
        var sawPlantParty = false
        var currency: String?
        var headerNeedBy: LocalDate?
        var lines: [OrderLine] = []
        var open: OrderLineDraft?
        var finishedLines = false

        func finish() throws(MapError) {
            guard let draft = open else { return }
            open = nil
            lines.append(try draft.finish(headerNeedBy: headerNeedBy, defaults: defaults, priceSegment: "PO1", priceElement: "PO104",
                                          dateSegment: "DTM", dateElement: "DTM02",
                                          missingDate: "no DTM*002 in its PO1 loop or the header, and no SCH"))
        }

        for segment in set.segments {
            switch segment.tag {
            case "BEG":
                sawBEG = true
                number = segment.value(3)
                if let text = segment.value(4), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text), value >= 1 {
                    releaseRevision = value
                }
            case "REF" where open == nil:
                if segment.value(1) == "PP", let text = segment.value(2) {
                    revision = try MapFields.positiveInt(text, segment: "REF", element: "REF02", what: "order revision")
                }
            case "CUR" where open == nil:
                if currency == nil { currency = segment.value(2) }
            case "N1" where open == nil:
                switch segment.value(1) {
                case "SU":
                    sawSupplierParty = true
                    if supplier == nil { supplier = segment.value(4) }
                case "SE":
                    sawSupplierParty = true
                    if seller == nil { seller = segment.value(4) }
                case "ST":
                    sawPlantParty = true
                    if plant == nil { plant = segment.value(4) }
                default:
                    break
                }
            case "DTM":
                guard segment.value(1) == "002" else { break }
                let date = try MapText.date(try MapFields.required(segment, 2, name: "DTM02", what: "date"), segment: "DTM", element: "DTM02")
                if open != nil { open!.needBy = date } else if lines.isEmpty { headerNeedBy = date }
            case "PO1":
                try finish()
                guard !finishedLines else { break }
                open = try line(segment, position: lines.count + 1)
            case "PID" where open != nil:
                if segment.value(1) == "F", let text = segment.value(5) {
                    open!.description = open!.description.isEmpty ? text : open!.description + " " + text
                }
            case "SCH" where open != nil:
                let quantity = try MapText.quantity(try MapFields.required(segment, 1, name: "SCH01", what: "scheduled quantity"),
                                                    segment: "SCH", element: "SCH01")
                let date = try MapText.date(try MapFields.required(segment, 6, name: "SCH06", what: "delivery date"), segment: "SCH", element: "SCH06")
                open!.schedule.append(ScheduleLine(quantity: quantity, date: date))
            case "CTT":
                try finish()
                finishedLines = true
            default:
                break
            }
        }
        try finish()

        guard sawBEG else { throw MapError(code: "missingSegment", segment: "BEG", message: "The 850 has no BEG segment.") }
        guard let number else {
            throw MapError(code: "missingElement", segment: "BEG", element: "BEG03", message: "BEG03 (purchase order number) is missing.")
        }
        guard let supplier = supplier ?? seller ?? defaults.supplier else {
            throw MapError(code: sawSupplierParty ? "missingElement" : "missingSegment", segment: "N1", element: "N104",
                           message: sawSupplierParty ? "N1*SU (supplier) has no N104 identification code."
                                                     : "The 850 names no supplier: it has no N1*SU or N1*SE with N104.")
        }
        guard let plant = plant ?? defaults.plant else {
            throw MapError(code: sawPlantParty ? "missingElement" : "missingSegment", segment: "N1", element: "N104",
                           message: sawPlantParty ? "N1*ST (ship-to plant) has no N104 identification code."
                                                  : "The 850 names no plant: it has no N1*ST with N104.")
        }
        guard !lines.isEmpty else { throw MapError(code: "missingSegment", segment: "PO1", message: "The 850 has no PO1 lines.") }
        let order = PurchaseOrder(number: number, revision: revision ?? releaseRevision ?? 1, supplier: supplier, plant: plant,
                                  currency: currency ?? defaults.currency ?? "USD", lines: lines)
        return try MapFields.validatedOrder(order)
    }

    private static func line(_ po1: Segment, position: Int) throws(MapError) -> OrderLineDraft {
        var number = position
        if let text = po1.value(1) { number = try MapFields.positiveInt(text, segment: "PO1", element: "PO101", what: "line number") }
        let quantity = try MapText.quantity(try MapFields.required(po1, 2, name: "PO102", what: "quantity ordered"), segment: "PO1", element: "PO102")
        let unit = try MapFields.required(po1, 3, name: "PO103", what: "unit of measure")
        var price: Decimal?
        if let text = po1.value(4) { price = try MapText.decimal(text, segment: "PO1", element: "PO104", what: "unit price") }
        guard let item = item(po1) else {
            throw MapError(code: "missingElement", segment: "PO1", element: "PO107", message: "PO1 line \(number) has no product id (PO106/PO107).")
        }
        return OrderLineDraft(line: number, item: item, quantity: quantity, unit: unit, unitPrice: price)
    }

    /// The product id of a PO1 by qualifier preference; pairs start at PO106.
    private static func item(_ po1: Segment) -> String? {
        let last = po1.elements.count
        for qualifier in itemQualifiers {
            var position = 6
            while position < last {
                if po1.value(position) == qualifier, let id = po1.value(position + 1) { return id }
                position += 2
            }
        }
        var position = 6
        while position < last {
            if po1.value(position) != nil, let id = po1.value(position + 1) { return id }
            position += 2
        }
        return nil
    }
}
