import Foundation
import Procurement

extension EdifactOrderMaps {
    /// Item number type codes (7143) tried for a line's item, preferred first: buyer's part (BP),
    /// supplier's article (SA), vendor's part (VP), buyer's item (IN). Without any of them the LIN item is used.
    static let itemTypes = ["BP", "SA", "VP", "IN"]

    /// A three-letter tag as one number (`BGM` is 0x42474D), 0 for any other length.
    @inline(__always)
    static func tagCode(_ tag: String) -> UInt32 {
        var code: UInt32 = 0
        var count = 0
        for byte in tag.utf8 {
            count += 1
            if count > 3 { return 0 }
            code = code << 8 | UInt32(byte)
        }
        return count == 3 ? code : 0
    }

    enum Tag {
        static let bgm: UInt32 = 0x42_47_4D
        static let rff: UInt32 = 0x52_46_46
        static let nad: UInt32 = 0x4E_41_44
        static let cux: UInt32 = 0x43_55_58
        static let dtm: UInt32 = 0x44_54_4D
        static let lin: UInt32 = 0x4C_49_4E
        static let pia: UInt32 = 0x50_49_41
        static let imd: UInt32 = 0x49_4D_44
        static let qty: UInt32 = 0x51_54_59
        static let pri: UInt32 = 0x50_52_49
        static let scc: UInt32 = 0x53_43_43
        static let uns: UInt32 = 0x55_4E_53
    }

    /// Reads an ORDERS message into a `PurchaseOrder`; see `purchaseOrder(from:defaults:)`.
    public static func purchaseOrder(from message: EdifactMessage) throws(MapError) -> PurchaseOrder {
        try purchaseOrder(from: message, defaults: OrderMapDefaults())
    }

    /// Reads an ORDERS message into a `PurchaseOrder`. BGM C106 is the number; RFF+PP the
    /// revision (1 without it); NAD+SU the supplier; NAD+DP (else ST, else BY) the plant, each
    /// from C082; CUX C504 the currency. Each LIN group is a line: LIN 1082 its number (else its
    /// position); the item from LIN C212 or PIA by type (BP, SA, VP, IN, else LIN's); IMD C273 the
    /// description; QTY+21 quantity and unit (PCE without one); PRI+AAA (else AAB) the price per
    /// C509 basis quantity; DTM+2 the need-by date. Each SCC starts a delivery made of the QTY+21
    /// and DTM+2 after it. A line without its own DTM+2 needs by its earliest delivery, else the
    /// header DTM+2. `defaults` fill in what the message leaves out; anything still missing is a
    /// `MapError` naming segment and element. Decimal marks may be `.` or `,`.
    public static func purchaseOrder(from message: EdifactMessage, defaults: OrderMapDefaults) throws(MapError) -> PurchaseOrder {
        guard message.type == "ORDERS" else {
            throw MapError(code: "unsupportedMessage", segment: "UNH", element: "S009", message: "Message \(message.type) is not an ORDERS.")
        }
        var sawBGM = false
        var number: String?
        var revision: Int?
        var supplier: String?
        var deliveryParty: String?
        var shipTo: String?
        var buyer: String?
        var currency: String?
        var headerNeedBy: LocalDate?
        var lines: [OrderLine] = []
        var open: OrderLineDraft?
        // The first item number of the open line, and its best by `itemTypes` (earliest on a tie).
        var openFirstItem: String?
        var openPreferredItem: String?
        var openPreferredRank = Int.max
        var openPriceIsGross = false
        var scheduleQuantity: Decimal?
        var scheduleDate: LocalDate?
        var inSchedule = false
        var inSummary = false

        func closeDelivery() throws(MapError) {
            guard inSchedule, open != nil else { return }
            guard let quantity = scheduleQuantity else {
                throw MapError(code: "missingSegment", segment: "QTY", element: "C186", message: "A delivery (SCC) of LIN \(open!.line) has no QTY+21.")
            }
            guard let date = scheduleDate else {
                throw MapError(code: "missingSegment", segment: "DTM", element: "C507", message: "A delivery (SCC) of LIN \(open!.line) has no DTM+2.")
            }
            open!.schedule.append(ScheduleLine(quantity: quantity, date: date))
            scheduleQuantity = nil
            scheduleDate = nil
        }

        func addItem(type: String, id: String) {
            if openFirstItem == nil { openFirstItem = id }
            if let rank = itemTypes.firstIndex(of: type), rank < openPreferredRank {
                openPreferredRank = rank
                openPreferredItem = id
            }
        }

        func finish() throws(MapError) {
            try closeDelivery()
            inSchedule = false
            guard var draft = open else { return }
            open = nil
            if let preferred = openPreferredItem {
                draft.item = preferred
            } else if draft.item.isEmpty, let first = openFirstItem {
                draft.item = first
            }
            guard !draft.item.isEmpty else {
                throw MapError(code: "missingElement", segment: "LIN", element: "C212", message: "LIN \(draft.line) has no item number (LIN C212 or PIA).")
            }
            guard draft.quantity > 0 else {
                throw MapError(code: "missingSegment", segment: "QTY", element: "C186", message: "LIN \(draft.line) has no QTY+21 (ordered quantity).")
            }
            lines.append(try draft.finish(headerNeedBy: headerNeedBy, defaults: defaults, priceSegment: "PRI", priceElement: "C509",
                                          dateSegment: "DTM", dateElement: "C507", missingDate: "no DTM+2 in its LIN group or the header, and no SCC delivery"))
        }

        for segment in message.segments {
            switch tagCode(segment.tag) {
            case Tag.bgm:
                sawBGM = true
                number = segment.value(2)
            case Tag.rff where open == nil:
                if segment.value(1) == "PP", let text = segment.value(1, component: 2) {
                    revision = try MapFields.positiveInt(text, segment: "RFF", element: "C506", what: "order revision")
                }
            case Tag.nad where open == nil:
                guard let party = segment.value(1), let id = segment.value(2) else { break }
                if party == "SU", supplier == nil { supplier = id }
                switch party {
                case "DP": if deliveryParty == nil { deliveryParty = id }
                case "ST": if shipTo == nil { shipTo = id }
                case "BY": if buyer == nil { buyer = id }
                default: break
                }
            case Tag.cux where open == nil:
                if currency == nil { currency = segment.value(1, component: 2) }
            case Tag.dtm:
                guard segment.value(1) == "2" else { break }
                let date = try MapText.date(try MapFields.required(segment, 1, component: 2, name: "C507", what: "need-by date"),
                                            segment: "DTM", element: "C507")
                if inSchedule { scheduleDate = date } else if open != nil { open!.needBy = date } else if lines.isEmpty { headerNeedBy = date }
            case Tag.lin where !inSummary:
                try finish()
                var line = lines.count + 1
                if let text = segment.value(1) { line = try MapFields.positiveInt(text, segment: "LIN", element: "1082", what: "line item number") }
                open = OrderLineDraft(line: line, item: segment.value(3) ?? "", quantity: 0, unit: "PCE")
                openFirstItem = nil
                openPreferredItem = nil
                openPreferredRank = .max
                openPriceIsGross = false
                if let type = segment.value(3, component: 2), let id = segment.value(3) { addItem(type: type, id: id) }
            case Tag.pia where open != nil:
                for position in 2...6 {
                    if let id = segment.value(position), let type = segment.value(position, component: 2) { addItem(type: type, id: id) }
                }
            case Tag.imd where open != nil:
                let text: String
                switch (segment.value(3, component: 4), segment.value(3, component: 5)) {
                case let (first?, second?): text = first + " " + second
                case let (first?, nil): text = first
                case let (nil, second?): text = second
                case (nil, nil): text = ""
                }
                if !text.isEmpty {
                    if open!.description.isEmpty {
                        open!.description = text
                    } else {
                        open!.description += " "
                        open!.description += text
                    }
                }
            case Tag.qty where open != nil:
                guard segment.value(1) == "21" else { break }
                let quantity = try MapText.quantity(try MapFields.required(segment, 1, component: 2, name: "C186", what: "quantity"), comma: true,
                                                    segment: "QTY", element: "C186")
                if inSchedule {
                    scheduleQuantity = quantity
                } else {
                    open!.quantity = quantity
                    if let unit = segment.value(1, component: 3) { open!.unit = unit }
                }
            case Tag.pri where open != nil:
                let qualifier = segment.value(1)
                guard qualifier == "AAA" || (qualifier == "AAB" && (open!.unitPrice == nil || openPriceIsGross)) else { break }
                var price = try MapText.decimal(try MapFields.required(segment, 1, component: 2, name: "C509", what: "price"), comma: true,
                                                segment: "PRI", element: "C509", what: "price")
                if let basis = segment.value(1, component: 5) {
                    price /= try MapText.quantity(basis, comma: true, segment: "PRI", element: "C509")
                }
                open!.unitPrice = price
                openPriceIsGross = qualifier == "AAB"
            case Tag.scc where open != nil:
                try closeDelivery()
                inSchedule = true
            case Tag.uns:
                try finish()
                inSummary = true
            default:
                break
            }
        }
        try finish()

        guard sawBGM else { throw MapError(code: "missingSegment", segment: "BGM", message: "The ORDERS has no BGM segment.") }
        guard let number else {
            throw MapError(code: "missingElement", segment: "BGM", element: "C106", message: "BGM C106 (document number) is missing.")
        }
        guard let supplier = supplier ?? defaults.supplier else {
            throw MapError(code: "missingSegment", segment: "NAD", element: "C082", message: "The ORDERS names no supplier: it has no NAD+SU with C082.")
        }
        guard let plant = deliveryParty ?? shipTo ?? buyer ?? defaults.plant else {
            throw MapError(code: "missingSegment", segment: "NAD", element: "C082",
                           message: "The ORDERS names no plant: it has no NAD+DP, NAD+ST or NAD+BY with C082.")
        }
        guard let currency = currency ?? defaults.currency else {
            throw MapError(code: "missingSegment", segment: "CUX", element: "C504", message: "The ORDERS has no CUX (currency).")
        }
        guard !lines.isEmpty else { throw MapError(code: "missingSegment", segment: "LIN", message: "The ORDERS has no LIN lines.") }
        let order = PurchaseOrder(number: number, revision: revision ?? 1, supplier: supplier, plant: plant, currency: currency, lines: lines)
        return try MapFields.validatedOrder(order)
    }
}
