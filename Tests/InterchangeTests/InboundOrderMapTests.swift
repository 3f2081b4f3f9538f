import Foundation
import Procurement
import Testing
@testable import Interchange

/// 850 and ORDERS in to a `PurchaseOrder`: round trips with the outbound maps, the public
/// samples, and the errors that name segment and element.
struct InboundOrderMapTests {
    static let day = LocalDate(iso: "2024-01-15")!

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// Needs-by that are neither the first nor the last delivery, a line without description,
    /// prices with many decimals, a revision above 1.
    static func orders() -> [PurchaseOrder] {
        var wide = MapTests.order(revision: 3)
        wide.currency = "USD"
        wide.lines.append(OrderLine(line: 7, item: "NUT_4.M8", description: "", quantity: Decimal(string: "12.125")!, unit: "KG",
                                    unitPrice: Decimal(string: "0.00375")!, needBy: date("2024-04-10"),
                                    schedule: [ScheduleLine(quantity: Decimal(string: "2.125")!, date: date("2024-03-01")),
                                               ScheduleLine(quantity: 4, date: date("2024-05-01")),
                                               ScheduleLine(quantity: 6, date: date("2024-06-01"))]))
        return [MapTests.order(), wide]
    }

    static func x12Bytes(_ sets: [X12TransactionSet]) throws -> [UInt8] {
        try X12Writer().write(MapTests.envelope(sets, functionalId: "PO"), numbers: SequentialControlNumbers())
    }

    static func edifactBytes(_ messages: [EdifactMessage]) throws -> [UInt8] {
        try EdifactWriter().write(EdifactInterchange(sender: EdifactParty(id: "BUYER", qualifier: "ZZ"), recipient: EdifactParty(id: "SUP-7", qualifier: "ZZ"),
                                                     date: "240115", time: "1200", messages: messages), numbers: SequentialControlNumbers())
    }

    /// The X12 text of one 850 set body inside a clean envelope.
    static func x12(_ body: String) -> [UInt8] {
        let segments = body.split(separator: "~").count + 2
        return Array((Fixtures.isa + "GS*PO*BUYER*SUPPLIER*20240115*1200*7*X*004010~ST*850*0001~" + body
            + "~SE*\(segments)*0001~GE*1*7~IEA*1*000000101~").utf8)
    }

    static func edifact(_ body: String) -> [UInt8] {
        let segments = body.split(separator: "'").count + 2
        return Array(("UNB+UNOC:3+BUYER:ZZ+SUP-7:ZZ+240115:1200+9'UNH+1+ORDERS:D:96A:UN'" + body + "'UNT+\(segments)+1'UNZ+1+9'").utf8)
    }

    static func only850(_ bytes: [UInt8]) throws -> X12TransactionSet {
        let read = X12Reader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        return try #require(read.interchanges.first?.groups.first?.sets.first)
    }

    static func onlyOrders(_ bytes: [UInt8]) throws -> EdifactMessage {
        let read = EdifactReader.read(bytes)
        return try #require(read.interchanges.first?.messages.first)
    }

    static func mapError(_ work: () throws(MapError) -> PurchaseOrder) -> MapError? {
        do {
            _ = try work()
            return nil
        } catch {
            return error
        }
    }

    // MARK: Round trips

    @Test("850 round trip: write a purchase order, read it back, map it in: equal", arguments: orders())
    func x12RoundTrip(order: PurchaseOrder) throws {
        let bytes = try Self.x12Bytes([X12OrderMaps.purchaseOrder(order, issued: Self.day)])
        let set = try Self.only850(bytes)
        #expect(try X12OrderMaps.purchaseOrder(from: set) == order)
    }

    @Test("ORDERS round trip: write a purchase order, read it back, map it in: equal", arguments: orders())
    func edifactRoundTrip(order: PurchaseOrder) throws {
        var order = order
        order.lines[0].description = "Widget 'A' + bolt? 50% : grade"
        let bytes = try Self.edifactBytes([EdifactOrderMaps.orders(order, issued: Self.day)])
        let read = EdifactReader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        #expect(try EdifactOrderMaps.purchaseOrder(from: read.interchanges[0].messages[0]) == order)
    }

    @Test("ORDCHG is not an ORDERS and the 860 is not an 850")
    func otherDocuments() {
        let change = EdifactOrderMaps.orderChange(MapTests.order(revision: 2), previous: MapTests.order(), issued: Self.day)
        #expect(Self.mapError { () throws(MapError) in try EdifactOrderMaps.purchaseOrder(from: change) }?.location == "UNH S009")
        let set = X12OrderMaps.purchaseOrderChange(MapTests.order(revision: 2), previous: MapTests.order(), issued: Self.day)
        #expect(Self.mapError { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set) }?.location == "ST01")
    }

    // MARK: Field rules

    @Test("850: REF*PP over BEG04, SU over SE, BP/VP/IN over CB, header DTM*002 and earliest SCH as need-by, PID*F joined")
    func x12FieldRules() throws {
        let set = try Self.only850(Self.x12("""
        BEG*00*SA*PO-9*4*20240115~REF*PP*5~DTM*002*20240301~N1*SE*SELLER*92*SE-1~N1*SU*SUPPLIER*92*SU-1~N1*ST*PLANT*92*P1~\
        PO1*1*4*EA*1.5*PE*CB*CAT-1*VP*VEND-1*BP*BUY-1~PID*F****RED~PID*F****WIDGET~\
        PO1**2*BX*3*PE*CB*CAT-2~SCH*1*BX***002*20240410~SCH*1*BX***002*20240405~CTT*2
        """))
        let order = try X12OrderMaps.purchaseOrder(from: set)
        #expect(order.number == "PO-9" && order.revision == 5 && order.supplier == "SU-1" && order.plant == "P1" && order.currency == "USD")
        #expect(order.lines[0] == OrderLine(line: 1, item: "BUY-1", description: "RED WIDGET", quantity: 4, unit: "EA", unitPrice: 1.5,
                                            needBy: Self.date("2024-03-01")))
        #expect(order.lines[1].line == 2 && order.lines[1].item == "CAT-2" && order.lines[1].needBy == Self.date("2024-04-05"))
        #expect(order.lines[1].schedule.map(\.date) == [Self.date("2024-04-10"), Self.date("2024-04-05")])

        let release = try Self.only850(Self.x12("BEG*00*SA*PO-9*4*20240115~CUR*BY*CAD~N1*SE*S*92*SE-1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*IN*I-1~DTM*002*20240301~CTT*1"))
        let second = try X12OrderMaps.purchaseOrder(from: release)
        #expect(second.revision == 4 && second.supplier == "SE-1" && second.currency == "CAD" && second.lines[0].needBy == Self.date("2024-03-01"))
    }

    @Test("ORDERS: PIA BP over the LIN item, PRI basis, DP over BY, comma decimals, header DTM+2")
    func edifactFieldRules() throws {
        let message = try Self.onlyOrders(Self.edifact("""
        BGM+220+PO-5+9'DTM+2:20240301:102'NAD+BY+BUYER::92'NAD+DP+DOCK-3::92'NAD+SU+SU-1::92'CUX+2:EUR:9'\
        LIN+1++4012345000016:EN'PIA+1+EAN-ALT:SRV+BUY-7:BP'IMD+F++:::Blue:bolt'QTY+21:2,5:KGM'PRI+AAB:10'PRI+AAA:12,50:::10'UNS+S
        """))
        let order = try EdifactOrderMaps.purchaseOrder(from: message)
        #expect(order.plant == "DOCK-3" && order.supplier == "SU-1" && order.currency == "EUR" && order.revision == 1)
        #expect(order.lines == [OrderLine(line: 1, item: "BUY-7", description: "Blue bolt", quantity: 2.5, unit: "KGM",
                                          unitPrice: 1.25, needBy: Self.date("2024-03-01"))])
    }

    // MARK: Errors

    @Test("850: a missing or bad required element is a MapError naming segment and element", arguments: [
        ("BEG*00*SA**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~DTM*002*20240301", "BEG03"),
        ("BEG*00*SA*PO-1**20240115~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~DTM*002*20240301", "N104"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*SUPPLIER~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~DTM*002*20240301", "N104"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~PO1*1*1*EA*1*PE*BP*A~DTM*002*20240301", "N104"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1**EA*1*PE*BP*A~DTM*002*20240301", "PO102"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1**1*PE*BP*A~DTM*002*20240301", "PO103"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA**PE*BP*A~DTM*002*20240301", "PO104"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1.2.3*PE*BP*A~DTM*002*20240301", "PO104"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1", "PO107"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*x*1*EA*1*PE*BP*A", "PO101"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A", "DTM02"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~DTM*002*20241341", "DTM02"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~SCH*1*EA", "SCH06"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~SCH*0*EA***002*20240301", "SCH01"),
        ("BEG*00*SA*PO-1**20240115~REF*PP*first~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*A~DTM*002*20240301", "REF02"),
        ("REF*DP*1", "BEG"),
        ("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~CTT*0", "PO1"),
    ])
    func x12Errors(body: String, location: String) throws {
        let set = try #require(X12Reader.read(Self.x12(body)).interchanges.first?.groups.first?.sets.first)
        let error = Self.mapError { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set) }
        #expect(error?.location == location, "\(String(describing: error))")
    }

    @Test("ORDERS: a missing or bad required element is a MapError naming segment and element", arguments: [
        ("BGM+220++9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "BGM C106"),
        ("BGM+220+PO-1+9'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "NAD C082"),
        ("BGM+220+PO-1+9'NAD+SU+S1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "NAD C082"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "CUX C504"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "LIN C212"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'PRI+AAA:1'DTM+2:20240301:102", "QTY C186"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21'PRI+AAA:1'DTM+2:20240301:102", "QTY C186"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:-1'PRI+AAA:1'DTM+2:20240301:102", "QTY C186"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'DTM+2:20240301:102", "PRI C509"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:x'DTM+2:20240301:102", "PRI C509"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1", "DTM C507"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'SCC+1'QTY+21:1", "DTM C507"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'SCC+1'DTM+2:20240301:102", "QTY C186"),
        ("BGM+220+PO-1+9'RFF+PP:0'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+1++A:BP'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "RFF C506"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'LIN+first++A:BP'QTY+21:1'PRI+AAA:1'DTM+2:20240301:102", "LIN 1082"),
        ("DTM+137:20240115:102", "BGM"),
        ("BGM+220+PO-1+9'NAD+SU+S1'NAD+BY+P1'CUX+2:EUR'UNS+S", "LIN"),
    ])
    func edifactErrors(body: String, location: String) throws {
        let message = try Self.onlyOrders(Self.edifact(body))
        let error = Self.mapError { () throws(MapError) in try EdifactOrderMaps.purchaseOrder(from: message) }
        #expect(error?.location == location, "\(String(describing: error))")
    }

    @Test("canonical rules still apply: an item that is not an identifier names its field")
    func canonicalRules() throws {
        let set = try Self.only850(Self.x12("BEG*00*SA*PO-1**20240115~N1*SU*S*92*S1~N1*ST*P*92*P1~PO1*1*1*EA*1*PE*BP*NOT AN ID~DTM*002*20240301"))
        let error = Self.mapError { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set) }
        #expect(error?.element == "/lines/0/item")
    }

    // MARK: Samples

    static let sampleLines = [
        ("065322-117", "SMALL WIDGET", 120, "9.25"), ("066850-116", "MEDIUM WIDGET", 220, "13.79"),
        ("060733-110", "LARGE WIDGET", 126, "10.99"), ("065308-116", "NANO WIDGET", 76, "4.35"),
        ("065374-118", "BLUE WIDGET", 72, "7.5"), ("067504-118", "ORANGE WIDGET", 696, "9.55"),
    ]

    @Test("node-x12 and EdiEngine 850 samples: no supplier party, so N104 fails until the envelope receiver is the default",
          arguments: ["x12/node-x12__850.edi", "x12/EdiEngine__850.OK.edi"])
    func x12Samples(name: String) throws {
        let read = X12Reader.read(try SampleVerdictTests.load(name))
        let group = try #require(read.interchanges.first?.groups.first)
        let set = try #require(group.sets.first)
        #expect(Self.mapError { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set) }?.location == "N104")
        let order = try X12OrderMaps.purchaseOrder(from: set, defaults: OrderMapDefaults(supplier: group.applicationReceiver))
        let needBy = Self.date("2010-12-14")
        let expected = PurchaseOrder(number: "08292233294", revision: 1, supplier: "999999999", plant: "0003947268292", currency: "USD",
                                     lines: Self.sampleLines.enumerated().map { index, line in
                                         OrderLine(line: index + 1, item: line.0, description: line.1, quantity: Decimal(line.2), unit: "EA",
                                                   unitPrice: Decimal(string: line.3)!, needBy: needBy)
                                     })
        #expect(order == expected)
    }

    @Test("EdiEngine composite SLN sample: no dates and no parties (lines fail first); with defaults the two PO1 lines map, SLN ignored")
    func compositeSample() throws {
        let read = X12Reader.read(try SampleVerdictTests.load("x12/EdiEngine__850.Composite.SLN.OK.edi"))
        let set = try #require(read.interchanges.first?.groups.first?.sets.first)
        #expect(Self.mapError { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set) }?.location == "DTM02")
        var defaults = OrderMapDefaults(needBy: Self.date("2010-12-14"))
        #expect(Self.mapError { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set, defaults: defaults) }?.location == "N104")
        defaults.supplier = "999999999"
        defaults.plant = "P1"
        let order = try X12OrderMaps.purchaseOrder(from: set, defaults: defaults)
        #expect(order.lines.map(\.item) == ["065322-117", "066850-116"])
        #expect(order.lines.map(\.quantity) == [120, 220])
    }

    @Test("pydifact order: rejected envelope (no UNZ), the message still reads, and fails on its missing price")
    func pydifactOrder() throws {
        let read = EdifactReader.read(try SampleVerdictTests.load("edifact/pydifact__order.edi"))
        #expect(read.report.verdict == .rejected)
        let message = try #require(read.interchanges.first?.messages.first)
        let defaults = OrderMapDefaults(currency: "EUR")
        let error = Self.mapError { () throws(MapError) in try EdifactOrderMaps.purchaseOrder(from: message, defaults: defaults) }
        #expect(error?.location == "PRI C509")
        #expect(error?.message.contains("Line 1") == true)
    }

    @Test("pydifact order2: rejected envelope (no UNZ); no need-by date and no currency until defaults give them")
    func pydifactOrder2() throws {
        let read = EdifactReader.read(try SampleVerdictTests.load("edifact/pydifact__order2.edi"))
        #expect(read.report.verdict == .rejected)
        let message = try #require(read.interchanges.first?.messages.first)
        #expect(Self.mapError { () throws(MapError) in try EdifactOrderMaps.purchaseOrder(from: message) }?.location == "DTM C507")
        var defaults = OrderMapDefaults(needBy: Self.date("2025-04-01"))
        #expect(Self.mapError { () throws(MapError) in try EdifactOrderMaps.purchaseOrder(from: message, defaults: defaults) }?.location == "CUX C504")
        defaults.currency = "EUR"
        let order = try EdifactOrderMaps.purchaseOrder(from: message, defaults: defaults)
        #expect(order == PurchaseOrder(number: "PO123456", revision: 1, supplier: "987654321", plant: "123456789", currency: "EUR", lines: [
            OrderLine(line: 1, item: "ABC123", description: "", quantity: 10, unit: "PCE", unitPrice: 25, needBy: Self.date("2025-04-01")),
        ]))
    }

    // MARK: Number and date reads

    @Test("MapText.decimal reads what DecimalText.parse reads, and rejects what it rejects",
          arguments: ["0", "12", "12.50", "-0.25", "9.25", "0.00375", "123456789012345678", "1234567890123456789.5", "1.", ".5", "1.2.3",
                      "--1", "1-", "", "-", "1e3", " 1", "1,5"])
    func decimals(text: String) {
        #expect(MapText.decimal(text) == DecimalText.parse(text))
    }

    @Test("MapText.decimal takes a comma as the decimal mark when asked; MapText.date reads 6, 8, 12 and 14 digits")
    func commaAndDates() {
        #expect(MapText.decimal("2,5", comma: true) == Decimal(string: "2.5"))
        #expect(MapText.decimal("2,5,1", comma: true) == nil)
        #expect(MapText.date("20240229") == Self.date("2024-02-29"))
        #expect(MapText.date("240229") == Self.date("2024-02-29"))
        #expect(MapText.date("202402291230") == Self.date("2024-02-29"))
        #expect(MapText.date("20240229123059") == Self.date("2024-02-29"))
        #expect(MapText.date("20230229") == nil)
        #expect(MapText.date("2024022") == nil)
        #expect(MapText.date("2024O229") == nil)
    }
}
