import Foundation
import Procurement

/// X12 856 (ship notice/manifest) in to a `ShipNotice`.
public enum X12ShipNoticeMap {
    /// Reads an 856. The HL tree is built from HL01/HL02, not from segment order, so any of the
    /// usual structures (S-O-P-I, S-O-I, S-P-O-I) and interleaved siblings map the same way:
    /// an item (HL03 `I`) takes its order from the nearest `O` ancestor's PRF (PRF01 number,
    /// PRF03 change sequence as revision) or else from its LIN `PO` pair, its package from the
    /// nearest `P`/`T` ancestor (MAN02 as the package id), its line from the LIN `PL` pair, else
    /// LIN01, else its position under the order; quantity and unit come from SN102/SN103.
    /// Ship date is DTM 011 (else BSN03), expected delivery DTM 017/067, carrier TD503 (else TD505),
    /// tracking REF CN/2I/BM, supplier N1 SF/SU (N104, else N102).
    public static func shipNotice(_ set: X12TransactionSet) throws(MapError) -> ShipNotice {
        guard set.type == "856" else {
            throw MapError(code: "unsupportedSet", segment: "ST", element: "ST01", message: "Transaction set \(set.type) is not a ship notice (856).")
        }
        guard let bsn = set.segments.first(where: { $0.tag == "BSN" }) else {
            throw MapError(code: "missingSegment", segment: "BSN", message: "The 856 has no BSN segment.")
        }
        let id = try MapFields.required(bsn, 2, name: "BSN02", what: "shipment identification")

        // Split into HL loops; segments before the first HL belong to the header.
        var loops: [(hl: Segment, segments: [Segment])] = []
        var header: [Segment] = []
        for segment in set.segments {
            if segment.tag == "HL" {
                loops.append((segment, []))
            } else if loops.isEmpty {
                header.append(segment)
            } else {
                loops[loops.count - 1].segments.append(segment)
            }
        }
        guard !loops.isEmpty else { throw MapError(code: "missingSegment", segment: "HL", message: "The 856 has no HL loops.") }
        var entries: [(id: String, parent: String?)] = []
        var levels: [String: String] = [:]
        var content: [String: [Segment]] = [:]
        for loop in loops {
            let hlID = try MapFields.required(loop.hl, 1, name: "HL01", what: "hierarchical id")
            let level = try MapFields.required(loop.hl, 3, name: "HL03", what: "hierarchical level code")
            entries.append((hlID, loop.hl.value(2)))
            levels[hlID] = level
            content[hlID] = loop.segments
        }
        let tree = try Hierarchy(entries, tag: "HL", idElement: "HL01", parentElement: "HL02")

        // Shipment-level facts: from the header and every S loop.
        let shipmentSegments = header + entries.filter { levels[$0.id] == "S" }.flatMap { content[$0.id]! }
        var shipDate: LocalDate?
        var expected: LocalDate?
        for dtm in shipmentSegments where dtm.tag == "DTM" {
            guard let text = dtm.value(2) else { continue }
            switch dtm.value(1) {
            case "011": shipDate = try MapFields.date(text, segment: "DTM", element: "DTM02")
            case "017", "067": expected = try MapFields.date(text, segment: "DTM", element: "DTM02")
            default: break
            }
        }
        if shipDate == nil, let text = bsn.value(3) { shipDate = try MapFields.date(text, segment: "BSN", element: "BSN03") }
        guard let shipDate else {
            throw MapError(code: "missingElement", segment: "DTM", element: "DTM02", message: "The 856 has neither DTM 011 (shipped) nor BSN03.")
        }
        let td5 = shipmentSegments.first { $0.tag == "TD5" }
        let carrier = td5?.value(3) ?? td5?.value(5)
        let refs = shipmentSegments.filter { $0.tag == "REF" }
        let tracking = ["CN", "2I", "BM"].lazy.compactMap { q in refs.first { $0.value(1) == q }?.value(2) }.first
        let parties = shipmentSegments.filter { $0.tag == "N1" }
        let supplier = ["SF", "SU"].lazy.compactMap { q in parties.first { $0.value(1) == q }.flatMap { $0.value(4) ?? $0.value(2) } }.first

        var packages = PackageCollector()
        var positionInOrder: [String: Int] = [:]
        for entry in entries where levels[entry.id] == "I" {
            let segments = content[entry.id]!
            guard let lin = segments.first(where: { $0.tag == "LIN" }) else {
                throw MapError(code: "missingSegment", segment: "LIN", message: "Item HL \(entry.id) has no LIN segment.")
            }
            guard let sn1 = segments.first(where: { $0.tag == "SN1" }) else {
                throw MapError(code: "missingSegment", segment: "SN1", message: "Item HL \(entry.id) has no SN1 segment.")
            }
            let pairs = ProductPairs(lin, from: 2)
            let ancestors = tree.lineage(of: entry.id).dropFirst()
            let orderHL = ancestors.first { levels[$0] == "O" }
            let prf = orderHL.flatMap { content[$0]!.first { $0.tag == "PRF" } }
            guard let purchaseOrder = prf?.value(1) ?? pairs["PO"] else {
                throw MapError(code: "missingOrderReference", segment: "PRF", element: "PRF01",
                               message: "Item HL \(entry.id) has no order: no O-level PRF01 above it and no LIN PO qualifier.")
            }
            var revision: Int?
            if let text = prf?.value(3) {
                revision = try MapFields.positiveInt(text, segment: "PRF", element: "PRF03", what: "change order sequence")
            }
            let orderKey = orderHL ?? purchaseOrder
            positionInOrder[orderKey, default: 0] += 1
            let line: Int
            if let text = pairs["PL"] {
                line = try MapFields.positiveInt(text, segment: "LIN", element: pairs.element(of: "PL"), what: "purchaser's order line")
            } else if let text = lin.value(1) {
                line = try MapFields.positiveInt(text, segment: "LIN", element: "LIN01", what: "line item id")
            } else {
                line = positionInOrder[orderKey]!
            }
            let quantity = try MapFields.quantity(try MapFields.required(sn1, 2, name: "SN102", what: "units shipped"), segment: "SN1", element: "SN102")
            let unit = try MapFields.required(sn1, 3, name: "SN103", what: "unit of measure")
            let item = pairs["BP"] ?? pairs["VP"] ?? pairs.firstItem()
            let packHL = ancestors.first { levels[$0] == "P" || levels[$0] == "T" }
            let marks = packHL.flatMap { content[$0]!.first { $0.tag == "MAN" }?.value(2) }
            packages.add(ShipNoticeItem(purchaseOrder: purchaseOrder, revision: revision, line: line, item: item, quantity: quantity, unit: unit),
                         to: packHL ?? "", id: marks)
        }
        let notice = ShipNotice(id: id, supplier: supplier, shipDate: shipDate, expectedDelivery: expected, carrier: carrier,
                                trackingNumber: tracking, packages: packages.all)
        guard !notice.lines.isEmpty else {
            throw MapError(code: "missingSegment", segment: "HL", element: "HL03", message: "The 856 has no item-level (HL03 I) loops.")
        }
        return try MapFields.validated(notice) { try $0.validate() }
    }
}
