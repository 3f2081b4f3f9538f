/// Deterministic sample suppliers and purchase orders for demos (`POST /erp/seed`).
enum SampleData {
    private static let supplierCatalog: [(name: String, dateDays: Int, quantityPercent: String, pricePercent: String)] = [
        ("Acme Castings", 3, "5", "2"),
        ("Nordic Precision Machining AB", 2, "2", "1"),
        ("Keystone Fasteners Inc.", 5, "10", "3"),
        ("Rheinland Polymer GmbH", 1, "0", "0.5"),
        ("Pacific Wire & Cable Co.", 7, "8", "5"),
        ("Lakeshore Hydraulics LLC", 4, "3", "1.5"),
    ]

    private static let itemCatalog: [(item: String, description: String, unit: String, price: String, lot: Int)] = [
        ("MAT-100", "Bracket", "EA", "2.50", 100),
        ("MAT-110", "Gearbox housing, cast aluminium", "EA", "148.00", 10),
        ("MAT-120", "Hex bolt M8x40 8.8 zinc plated", "EA", "0.12", 1000),
        ("MAT-130", "Steel sheet S235JR 2 mm", "KG", "1.18", 500),
        ("MAT-140", "Copper wire 2.5 mm2 H07V-K", "M", "0.86", 250),
        ("MAT-150", "O-ring NBR 70 32x3", "EA", "0.35", 500),
        ("MAT-160", "Hydraulic hose DN10 2SN", "M", "7.40", 50),
        ("MAT-170", "Deep groove ball bearing 6204-2RS", "EA", "3.95", 200),
        ("MAT-180", "Polyamide granulate PA6 GF30", "KG", "3.20", 250),
        ("MAT-190", "Control board PCB rev C", "EA", "62.50", 20),
        ("MAT-200", "Aluminium extrusion 40x40 profile", "M", "9.75", 60),
        ("MAT-210", "Radial shaft seal 35x52x7", "EA", "1.65", 300),
    ]

    static func suppliers(count: Int) -> [Supplier] {
        (0..<max(0, count)).map { i in
            let entry = supplierCatalog[i % supplierCatalog.count]
            let round = i / supplierCatalog.count
            return Supplier(
                id: "S-\((i + 1) * 100)", name: round == 0 ? entry.name : "\(entry.name) \(round + 1)",
                tolerances: .init(dateDays: entry.dateDays, quantityPercent: entry.quantityPercent,
                                  pricePercent: entry.pricePercent))
        }
    }

    static func orders(count: Int, suppliers: [Supplier]) -> [PurchaseOrder] {
        guard !suppliers.isEmpty else { return [] }
        var random = SplitMix64(seed: 2027)
        let start = CivilDate(year: 2027, month: 1, day: 11)!
        return (0..<max(0, count)).map { i in
            let supplier = suppliers[i % suppliers.count]
            let lineCount = 1 + Int(random.next() % 4)
            var items = Array(itemCatalog.indices)
            items.shuffle(using: &random)
            let lines = (0..<lineCount).map { l -> PurchaseOrderLine in
                let entry = itemCatalog[items[l]]
                let quantity = entry.lot * (1 + Int(random.next() % 5))
                let needBy = start.adding(days: i * 3 + l * 7 + Int(random.next() % 5))
                let critical = random.next() % 4 == 0
                var schedule: [ScheduleLine] = []
                if quantity % 2 == 0 && quantity >= 100 && random.next() % 3 == 0 {
                    schedule = [ScheduleLine(quantity: String(quantity / 2), date: needBy.adding(days: -14).description),
                                ScheduleLine(quantity: String(quantity / 2), date: needBy.description)]
                }
                return PurchaseOrderLine(
                    line: l + 1, item: entry.item, description: entry.description, quantity: String(quantity),
                    unit: entry.unit, unitPrice: entry.price, needBy: needBy.description, critical: critical,
                    schedule: schedule)
            }
            return PurchaseOrder(number: "PO-\(1001 + i)", revision: 1, supplier: supplier.id,
                                 plant: i % 3 == 2 ? "P02" : "P01", currency: "USD", lines: lines)
        }
    }
}
