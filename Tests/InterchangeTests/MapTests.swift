import Foundation
import Procurement
import Testing
@testable import Interchange

struct MapTests {
    static let day = LocalDate(iso: "2024-01-15")!

    static func order(revision: Int = 1) -> PurchaseOrder {
        PurchaseOrder(number: "PO-1001", revision: revision, supplier: "SUP-7", plant: "P7", currency: "EUR", lines: [
            OrderLine(line: 1, item: "WIDGET-1", description: "Widget, grade A", quantity: 10, unit: "EA", unitPrice: Decimal(string: "2.5")!,
                      needBy: LocalDate(iso: "2024-02-01")!),
            OrderLine(line: 2, item: "BOLT-9", description: "Bolt", quantity: 100, unit: "EA", unitPrice: Decimal(string: "0.1")!,
                      needBy: LocalDate(iso: "2024-02-01")!,
                      schedule: [ScheduleLine(quantity: 60, date: LocalDate(iso: "2024-02-01")!),
                                 ScheduleLine(quantity: 40, date: LocalDate(iso: "2024-03-01")!)]),
        ])
    }

    static func envelope(_ sets: [X12TransactionSet], functionalId: String) -> X12Interchange {
        X12Interchange(header: X12InterchangeHeader(senderId: "BUYER", receiverId: "SUP-7", date: "240115", time: "1200"),
                       groups: [X12FunctionalGroup(functionalId: functionalId, applicationSender: "BUYER", applicationReceiver: "SUP-7",
                                                   date: "20240115", time: "1200", sets: sets)])
    }

    @Test("850 out: a valid interchange with BEG, REF*PP, PO1 and SCH per delivery")
    func purchaseOrder850() throws {
        let set = X12OrderMaps.purchaseOrder(Self.order(), issued: Self.day)
        let bytes = try X12Writer().write(Self.envelope([set], functionalId: "PO"), numbers: SequentialControlNumbers())
        let read = X12Reader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        let segments = read.interchanges[0].groups[0].sets[0].segments
        #expect(segments[0] == Segment("BEG", ["00", "SA", "PO-1001", "", "20240115"]))
        #expect(segments.contains(Segment("REF", ["PP", "1"])))
        #expect(segments.contains(Segment("PO1", ["2", "100", "EA", "0.1", "PE", "BP", "BOLT-9"])))
        #expect(segments.filter { $0.tag == "SCH" }.count == 3)
        #expect(segments.last == Segment("CTT", ["2"]))
    }

    @Test("860 out: only the changed, added and deleted lines, with POC change codes")
    func purchaseOrderChange860() throws {
        let previous = Self.order()
        var next = Self.order(revision: 2)
        next.lines[0].unitPrice = 3
        next.lines.remove(at: 1)
        next.lines.append(OrderLine(line: 3, item: "NUT-4", description: "", quantity: 5, unit: "EA", unitPrice: 1, needBy: Self.day))
        let set = X12OrderMaps.purchaseOrderChange(next, previous: previous, issued: Self.day)
        let bytes = try X12Writer().write(Self.envelope([set], functionalId: "PC"), numbers: SequentialControlNumbers())
        #expect(checkInterchange(bytes).verdict == .accepted)
        let codes = set.segments.filter { $0.tag == "POC" }.map { "\($0.value(1)!):\($0.value(2)!)" }
        #expect(codes == ["1:PC", "3:AI", "2:DI"])
        #expect(set.segments[0] == Segment("BCH", ["04", "SA", "PO-1001", "", "2", "20240115"]))
    }

    @Test("855 in: IA accepted, IR rejected, quantity change becomes a changed line with its schedule")
    func orderResponse855() throws {
        let text = Fixtures.isa + "GS*PR*SUP*BUYER*20240116*0900*9*X*004010~ST*855*0001~BAK*00*AC*PO-1001*20240116~REF*PP*1~"
            + "PO1*1*10*EA*2.5*PE*BP*WIDGET-1~ACK*IA*10*EA*068*20240201~"
            + "PO1*2*100*EA*0.1*PE*BP*BOLT-9~ACK*IQ*70*EA*068*20240210~ACK*IQ*30*EA*068*20240310~SE*9*0001~GE*1*9~IEA*1*000000101~"
        let read = X12Reader.read(Array(text.utf8))
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        let response = try X12OrderMaps.orderResponse(read.interchanges[0].groups[0].sets[0], answering: Self.order())
        #expect(response.revision == 1)
        #expect(response.lines[0].status == .accepted)
        #expect(response.lines[1].status == .changed)
        #expect(response.lines[1].schedule == [ScheduleLine(quantity: 70, date: LocalDate(iso: "2024-02-10")!),
                                               ScheduleLine(quantity: 30, date: LocalDate(iso: "2024-03-10")!)])
    }

    @Test("855 in: the node-x12 sample maps IA and IR lines")
    func orderResponseSample() throws {
        let read = X12Reader.read(try SampleVerdictTests.load("x12/node-x12__855.edi"))
        let order = PurchaseOrder(number: "POTEST1112", revision: 1, supplier: "123MILL", plant: "P1", currency: "USD", lines: (1...4).map {
            OrderLine(line: $0, item: "ITEM\($0)", description: "", quantity: 1, unit: "UN", unitPrice: Decimal(string: $0 == 2 ? "15.99" : ($0 == 3 ? "0" : "4.5"))!, needBy: Self.day)
        })
        let response = try X12OrderMaps.orderResponse(read.interchanges[0].groups[0].sets[0], answering: order)
        #expect(response.lines.map(\.status) == [.accepted, .rejected, .rejected, .accepted])
    }

    @Test("855 in for another order or an unknown line is refused")
    func orderResponseRefusals() {
        let set = X12TransactionSet(type: "855", segments: [Segment("BAK", ["00", "AC", "PO-9999", "20240116"])])
        #expect(throws: MapError.self) { try X12OrderMaps.orderResponse(set, answering: Self.order()) }
        let unknown = X12TransactionSet(type: "855", segments: [Segment("BAK", ["00", "AC", "PO-1001", "20240116"]),
                                                                Segment("PO1", ["9", "1", "EA"]), Segment("ACK", ["IA"])])
        #expect(throws: MapError.self) { try X12OrderMaps.orderResponse(unknown, answering: Self.order()) }
    }

    @Test("865 in: BCA05 names the revision; header-only acceptance applies to every line")
    func orderChangeAcknowledgment865() throws {
        let set = X12TransactionSet(type: "865", segments: [Segment("BCA", ["00", "AT", "PO-1001", "", "2", "20240116"])])
        let response = try X12OrderMaps.orderResponse(set, answering: Self.order(revision: 2))
        #expect(response == OrderResponse(revision: 2, lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)]))
    }

    @Test("ORDERS and ORDCHG out are valid D.96A interchanges")
    func ordersOut() throws {
        let orders = EdifactOrderMaps.orders(Self.order(), issued: Self.day)
        var next = Self.order(revision: 2)
        next.lines[1].quantity = 80
        next.lines[1].schedule = [ScheduleLine(quantity: 80, date: Self.day)]
        let change = EdifactOrderMaps.orderChange(next, previous: Self.order(), issued: Self.day)
        let interchange = EdifactInterchange(sender: EdifactParty(id: "BUYER", qualifier: "ZZ"), recipient: EdifactParty(id: "SUP-7", qualifier: "ZZ"),
                                             date: "240115", time: "1200", messages: [orders, change])
        let bytes = try EdifactWriter().write(interchange, numbers: SequentialControlNumbers())
        let read = EdifactReader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        #expect(read.interchanges[0].messages[0].segments.contains(Segment("IMD", ["F", "", Element(components: ["", "", "", "Widget, grade A"])])))
        #expect(change.segments.filter { $0.tag == "LIN" }.map { $0.value(2) } == ["3"])
    }

    @Test("ORDRSP in: accepted, changed with schedule and price, rejected with reason")
    func ordrspIn() throws {
        let text = """
        UNB+UNOC:3+SUP-7:ZZ+BUYER:ZZ+240116:0900+77'UNH+1+ORDRSP:D:96A:UN'BGM+231+R-55+4'RFF+ON:PO-1001'RFF+PP:1'\
        LIN+1+5+WIDGET-1:BP'LIN+2+3+BOLT-9:BP'QTY+21:50'DTM+2:20240205:102'QTY+21:50'DTM+2:20240305:102'PRI+AAA:0.12'\
        UNS+S'UNT+13+1'UNZ+1+77'
        """
        let read = EdifactReader.read(Array(text.utf8))
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        let response = try EdifactOrderMaps.orderResponse(read.interchanges[0].messages[0], answering: Self.order())
        #expect(response.lines[0] == LineResponse(line: 1, status: .accepted))
        #expect(response.lines[1].status == .changed)
        #expect(response.lines[1].unitPrice == Decimal(string: "0.12"))
        #expect(response.lines[1].schedule?.map(\.quantity) == [50, 50])
        let rejected = EdifactMessage(type: "ORDRSP", segments: [Segment("BGM", ["231", "PO-1001", "27"])])
        #expect(try EdifactOrderMaps.orderResponse(rejected, answering: Self.order()).lines.allSatisfy { $0.status == .rejected })
    }
}
