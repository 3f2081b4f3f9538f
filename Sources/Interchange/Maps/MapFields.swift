import Foundation
import Procurement

/// Element reads shared by the inbound maps: each failure names the segment and element at fault.
enum MapFields {
    /// The text of a required element (component 1 unless told).
    static func required(_ segment: Segment, _ position: Int, component: Int = 1, name: String, what: String) throws(MapError) -> String {
        guard let text = segment.value(position, component: component) else {
            throw MapError(code: "missingElement", segment: segment.tag, element: name, message: "\(name) (\(what)) is missing.")
        }
        return text
    }

    /// A decimal element such as a quantity or price (X12 R, EDIFACT n).
    static func decimal(_ text: String, segment: String, element: String, what: String) throws(MapError) -> Decimal {
        guard let value = DecimalText.parse(text) else {
            throw MapError(code: "badNumber", segment: segment, element: element, message: "\(element) (\(what)) \"\(text)\" is not a decimal number.")
        }
        return value
    }

    /// A quantity that must be greater than zero.
    static func quantity(_ text: String, segment: String, element: String) throws(MapError) -> Decimal {
        let value = try decimal(text, segment: segment, element: element, what: "quantity")
        guard value > 0 else {
            throw MapError(code: "badQuantity", segment: segment, element: element, message: "\(element) quantity \(text) must be greater than zero.")
        }
        return value
    }

    /// An X12 N2 amount: digits with two implied decimals (`16000` is 160.00).
    static func impliedCents(_ text: String, segment: String, element: String) throws(MapError) -> Decimal {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let whole = Decimal(string: text) else {
            throw MapError(code: "badNumber", segment: segment, element: element,
                           message: "\(element) \"\(text)\" is not an amount in cents (N2: digits, two implied decimals).")
        }
        return whole / 100
    }

    /// A date as CCYYMMDD, YYMMDD, or CCYYMMDDHHMM[SS] (time dropped).
    static func date(_ text: String, segment: String, element: String) throws(MapError) -> LocalDate {
        let compact = [12, 14].contains(text.utf8.count) ? String(text.prefix(8)) : text
        guard let iso = MapDates.iso(fromCompact: compact), let date = LocalDate(iso: iso) else {
            throw MapError(code: "badDate", segment: segment, element: element, message: "\(element) \"\(text)\" is not a date (CCYYMMDD).")
        }
        return date
    }

    /// A positive whole number such as a line or revision.
    static func positiveInt(_ text: String, segment: String, element: String, what: String) throws(MapError) -> Int {
        guard let value = Int(text), value >= 1 else {
            throw MapError(code: "badNumber", segment: segment, element: element, message: "\(element) (\(what)) \"\(text)\" is not a whole number of 1 or more.")
        }
        return value
    }

    /// `PurchaseOrder.validate()` as a map error, without its cost for the usual valid order:
    /// the same rules are first checked in one pass that builds no text, and only an order that
    /// fails one of them goes through `validate()` for the exact fault.
    static func validatedOrder(_ order: PurchaseOrder) throws(MapError) -> PurchaseOrder {
        if passesOrderRules(order) { return order }
        return try validated(order) { try $0.validate() }
    }

    /// True only when `PurchaseOrder.validate()` finds nothing (it may be false for some valid orders).
    static func passesOrderRules(_ order: PurchaseOrder) -> Bool {
        guard Identifier.isValid(order.number), order.revision >= 1, Identifier.isValid(order.supplier),
              Identifier.isValid(order.plant), order.currency.utf8.count == 3,
              order.currency.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }), !order.lines.isEmpty else { return false }
        var previous = 0
        for line in order.lines {
            // Increasing line numbers cannot repeat; anything else takes the full check.
            guard line.line > previous else { return false }
            previous = line.line
            guard Identifier.isValid(line.item), line.description.utf8.count <= 500, line.quantity > 0,
                  !line.unit.isEmpty, line.unit.utf8.count <= 10, line.unitPrice >= 0, !line.schedule.isEmpty else { return false }
            if line.schedule.count == 1 {
                guard line.schedule[0].quantity == line.quantity, line.quantity > 0 else { return false }
            } else {
                var total = Decimal(0)
                for delivery in line.schedule {
                    guard delivery.quantity > 0 else { return false }
                    total += delivery.quantity
                }
                guard total == line.quantity else { return false }
            }
        }
        return true
    }

    /// Runs the canonical field rules and reports the first fault as a map error.
    static func validated<T>(_ value: T, _ rules: (T) throws -> Void) throws(MapError) -> T {
        do {
            try rules(value)
        } catch let error as ProcurementError {
            let pointer = error.fields.first?.pointer
            throw MapError(code: error.code.rawValue, element: pointer, message: error.message)
        } catch {
            throw MapError(code: "invalidDocument", message: "\(error)")
        }
        return value
    }
}

/// Collects packages in first-seen order, keyed by a document-local id.
struct PackageCollector {
    private var order: [String] = []
    private var packages: [String: ShipNoticePackage] = [:]

    mutating func add(_ item: ShipNoticeItem, to key: String, id: String?) {
        if packages[key] == nil {
            order.append(key)
            packages[key] = ShipNoticePackage(id: id, items: [])
        }
        packages[key]!.items.append(item)
    }

    var all: [ShipNoticePackage] { order.map { packages[$0]! } }
}

/// A parent-linked hierarchy (X12 HL, EDIFACT CPS) checked for unknown parents, cycles and
/// parents that come after their children.
struct Hierarchy {
    struct Node {
        var id: String
        var parent: String?
        var position: Int
    }

    private(set) var nodes: [String: Node] = [:]

    /// `tag`/`idElement`/`parentElement` name the places to blame in errors, e.g. `HL`, `HL01`, `HL02`.
    init(_ entries: [(id: String, parent: String?)], tag: String, idElement: String, parentElement: String) throws(MapError) {
        for (position, entry) in entries.enumerated() {
            guard nodes[entry.id] == nil else {
                throw MapError(code: "duplicateHierarchicalId", segment: tag, element: idElement,
                               message: "\(idElement) \"\(entry.id)\" is used by more than one \(tag).")
            }
            nodes[entry.id] = Node(id: entry.id, parent: entry.parent, position: position)
        }
        for entry in entries {
            guard let parent = entry.parent else { continue }
            guard let parentNode = nodes[parent] else {
                throw MapError(code: "unknownParent", segment: tag, element: parentElement,
                               message: "\(tag) \"\(entry.id)\" names parent \"\(parent)\" in \(parentElement), but no \(tag) has that id.")
            }
            var seen: Set<String> = [entry.id]
            var cursor: String? = parent
            while let current = cursor {
                guard seen.insert(current).inserted else {
                    throw MapError(code: "hierarchyCycle", segment: tag, element: parentElement,
                                   message: "\(tag) \"\(entry.id)\" is its own ancestor through \(parentElement) \"\(parent)\".")
                }
                cursor = nodes[current]?.parent
            }
            guard parentNode.position < nodes[entry.id]!.position else {
                throw MapError(code: "parentAfterChild", segment: tag, element: parentElement,
                               message: "\(tag) \"\(entry.id)\" comes before its parent \"\(parent)\"; a parent must come first.")
            }
        }
    }

    /// The ids from `id` up to the root, nearest first (the node itself included).
    func lineage(of id: String) -> [String] {
        var result: [String] = []
        var cursor: String? = id
        while let current = cursor, let node = nodes[current] {
            result.append(current)
            cursor = node.parent
        }
        return result
    }
}

/// X12 product/service id pairs (qualifier, id) such as LIN02/LIN03 or IT106/IT107, in order.
struct ProductPairs {
    private var entries: [(qualifier: String, value: String, position: Int)] = []
    private let tag: String

    init(_ segment: Segment, from start: Int) {
        tag = segment.tag
        var position = start
        while position + 1 <= segment.elements.count {
            if let qualifier = segment.value(position), let value = segment.value(position + 1) {
                entries.append((qualifier, value, position + 1))
            }
            position += 2
        }
    }

    /// The first id with this qualifier.
    subscript(qualifier: String) -> String? { entries.first { $0.qualifier == qualifier }?.value }

    /// The element name of the id with this qualifier, such as `LIN05`.
    func element(of qualifier: String) -> String {
        let position = entries.first { $0.qualifier == qualifier }?.position ?? 0
        return tag + (position < 10 ? "0" : "") + String(position)
    }

    /// The first id that identifies a product rather than an order (`PO`) or order line (`PL`).
    func firstItem() -> String? { entries.first { $0.qualifier != "PO" && $0.qualifier != "PL" }?.value }
}
