import Foundation
import Procurement

/// EDIFACT DESADV (D.96A and later) in to a `ShipNotice`.
public enum EdifactShipNoticeMap {
    /// Reads a DESADV. BGM C106 is the notice id; DTM 11 the despatch date (else DTM 137), DTM 17
    /// or 132 the expected delivery; TDT C040 the carrier; header RFF CN (else AAS, BM) the tracking
    /// number; NAD SU/SE/CZ the supplier. The packing hierarchy comes from CPS01 (id) and CPS02
    /// (parent), not from order. Items are the LIN groups: LIN01 or RFF ON C506 line number as
    /// the order line, LIN C212 (else PIA) the item, QTY 12 the quantity (unit `PCE` when QTY has
    /// none), RFF ON the order (else the header RFF ON) with its C506 version as the revision. An
    /// item's package is its CPS; the package id is the GIN BJ (SSCC) of that CPS or its nearest
    /// ancestor that has one.
    public static func shipNotice(_ message: EdifactMessage) throws(MapError) -> ShipNotice {
        guard message.type == "DESADV" else {
            throw MapError(code: "unsupportedMessage", segment: "UNH", element: "S009", message: "Message \(message.type) is not a DESADV.")
        }
        guard let bgm = message.segments.first(where: { $0.tag == "BGM" }) else {
            throw MapError(code: "missingSegment", segment: "BGM", message: "The DESADV has no BGM segment.")
        }
        let id = try MapFields.required(bgm, 2, name: "BGM C106", what: "document number")

        var header: [Segment] = []
        var cpsEntries: [(id: String, parent: String?)] = []
        var cpsSegments: [String: [Segment]] = [:]
        var currentCPS: String?
        var looseSegments: [Segment] = []
        var beforeFirstCPS = true
        for segment in message.segments {
            if segment.tag == "UNS" || segment.tag == "CNT" { break }
            if segment.tag == "CPS" {
                let cpsID = try MapFields.required(segment, 1, name: "CPS01", what: "hierarchical id")
                cpsEntries.append((cpsID, segment.value(2)))
                if cpsSegments[cpsID] == nil { cpsSegments[cpsID] = [] }
                currentCPS = cpsID
                beforeFirstCPS = false
                continue
            }
            if let currentCPS {
                cpsSegments[currentCPS]!.append(segment)
            } else if beforeFirstCPS && segment.tag != "LIN" && looseSegments.isEmpty {
                header.append(segment)
            } else {
                looseSegments.append(segment)
            }
        }
        let tree = try Hierarchy(cpsEntries, tag: "CPS", idElement: "CPS01", parentElement: "CPS02")

        var shipDate: LocalDate?
        var documentDate: LocalDate?
        var expected: LocalDate?
        for dtm in header where dtm.tag == "DTM" {
            guard let text = dtm.value(1, component: 2) else { continue }
            switch dtm.value(1) {
            case "11": shipDate = try MapFields.date(text, segment: "DTM", element: "C507")
            case "137": documentDate = try MapFields.date(text, segment: "DTM", element: "C507")
            case "17", "132": expected = try MapFields.date(text, segment: "DTM", element: "C507")
            default: break
            }
        }
        guard let shipDate = shipDate ?? documentDate else {
            throw MapError(code: "missingSegment", segment: "DTM", element: "C507", message: "The DESADV has neither DTM 11 (despatch) nor DTM 137.")
        }
        let refs = header.filter { $0.tag == "RFF" }
        func reference(_ qualifier: String) -> Segment? { refs.first { $0.value(1) == qualifier } }
        let tracking = ["CN", "AAS", "BM"].lazy.compactMap { reference($0)?.value(1, component: 2) }.first
        let headerOrder = reference("ON")
        let carrier = header.first { $0.tag == "TDT" }.flatMap { $0.value(5) ?? $0.value(5, component: 4) }
        let parties = header.filter { $0.tag == "NAD" }
        let supplier = ["SU", "SE", "CZ"].lazy.compactMap { q in parties.first { $0.value(1) == q }?.value(2) }.first

        var packages = PackageCollector()
        func collect(_ segments: [Segment], cps: String?) throws(MapError) {
            var packageID: String?
            if let cps {
                for ancestor in tree.lineage(of: cps) {
                    if let gin = cpsSegments[ancestor]!.first(where: { $0.tag == "GIN" && $0.value(1) == "BJ" }) {
                        packageID = gin.value(2)
                        break
                    }
                }
            }
            var group: [Segment] = []
            func finish() throws(MapError) {
                guard let lin = group.first else { return }
                let item = try item(lin: lin, group: Array(group.dropFirst()), headerOrder: headerOrder)
                packages.add(item, to: cps ?? "", id: packageID)
                group = []
            }
            for segment in segments {
                if segment.tag == "LIN" { try finish() }
                if segment.tag == "LIN" || !group.isEmpty { group.append(segment) }
            }
            try finish()
        }
        try collect(looseSegments, cps: nil)
        for entry in cpsEntries { try collect(cpsSegments[entry.id]!, cps: entry.id) }

        let notice = ShipNotice(id: id, supplier: supplier, shipDate: shipDate, expectedDelivery: expected, carrier: carrier,
                                trackingNumber: tracking, packages: packages.all)
        guard !notice.lines.isEmpty else {
            throw MapError(code: "missingSegment", segment: "LIN", message: "The DESADV has no LIN items.")
        }
        return try MapFields.validated(notice) { try $0.validate() }
    }

    private static func item(lin: Segment, group: [Segment], headerOrder: Segment?) throws(MapError) -> ShipNoticeItem {
        let order = group.first { $0.tag == "RFF" && $0.value(1) == "ON" } ?? headerOrder
        guard let order, let number = order.value(1, component: 2) else {
            throw MapError(code: "missingOrderReference", segment: "RFF", element: "C506",
                           message: "LIN \(lin.value(1) ?? "") has no RFF ON (order number), and the header names none.")
        }
        var line: Int
        if let text = order.value(1, component: 3) {
            line = try MapFields.positiveInt(text, segment: "RFF", element: "C506", what: "order line number")
        } else if let text = lin.value(1) {
            line = try MapFields.positiveInt(text, segment: "LIN", element: "LIN01", what: "line item number")
        } else {
            throw MapError(code: "missingElement", segment: "LIN", element: "LIN01", message: "A LIN has no line number and its RFF ON names none.")
        }
        var revision: Int?
        if let text = order.value(1, component: 4) {
            revision = try MapFields.positiveInt(text, segment: "RFF", element: "C506", what: "order version")
        }
        guard let qty = group.first(where: { $0.tag == "QTY" && $0.value(1) == "12" }) else {
            throw MapError(code: "missingSegment", segment: "QTY", element: "C186", message: "LIN \(line) has no QTY 12 (despatch quantity).")
        }
        let quantity = try MapFields.quantity(try MapFields.required(qty, 1, component: 2, name: "C186", what: "despatch quantity"),
                                              segment: "QTY", element: "C186")
        let item = lin.value(3) ?? group.first { $0.tag == "PIA" }?.value(2)
        return ShipNoticeItem(purchaseOrder: number, revision: revision, line: line, item: item, quantity: quantity,
                              unit: qty.value(1, component: 3) ?? "PCE")
    }
}
