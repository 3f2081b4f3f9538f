import Foundation
import Testing
@testable import Interchange

struct RoundTripTests {
    static func sample850() -> X12Interchange {
        let body: [Segment] = [
            Segment("BEG", ["00", "SA", "PO-1001", "", "20240115"]),
            Segment("REF", ["DP", "038"]),
            Segment("N1", ["ST", "PLANT 7", "92", "P7"]),
            Segment("PO1", ["1", "10", "EA", "2.50", "PE", "BP", "WIDGET-1"]),
            Segment("SLN", ["1.1", "", "I", "10", Element(components: ["PC", "11.1", "12.2"])]),
            Segment("CTT", ["1"]),
        ]
        let header = X12InterchangeHeader(senderId: "BUYER", receiverId: "SUPPLIER", date: "240115", time: "1200", version: "00401")
        let group = X12FunctionalGroup(functionalId: "PO", applicationSender: "BUYER", applicationReceiver: "SUPPLIER",
                                       date: "20240115", time: "1200", sets: [X12TransactionSet(type: "850", segments: body),
                                                                              X12TransactionSet(type: "850", segments: body)])
        return X12Interchange(header: header, groups: [group])
    }

    @Test("X12: write, read back, same values; the output passes every check",
          arguments: [Delimiters.x12, Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: ":"), repetition: UInt8(ascii: "!"), terminator: 0x0A)])
    func x12(_ delimiters: Delimiters) throws {
        let numbered = X12Writer.assigningControlNumbers(Self.sample850(), from: SequentialControlNumbers(interchange: 42, group: 7, set: 1))
        let bytes = try X12Writer(delimiters: delimiters, lineBreaks: delimiters.terminator != 0x0A).write(numbered)
        let read = X12Reader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        #expect(read.interchanges == [numbered])
        #expect(Array(bytes.prefix(107)).count == 107)
        #expect(bytes[105] == delimiters.terminator)
        #expect(numbered.header.controlNumber == "000000042")
        #expect(numbered.groups[0].sets.map(\.controlNumber) == ["0001", "0002"])
    }

    @Test("X12: version 00501 writes the repetition separator in ISA11 and reads repetitions back")
    func x12Repetition() throws {
        var interchange = Self.sample850()
        interchange.header.version = "00501"
        interchange.groups[0].sets[0].segments.append(Segment("CTX", [Element(repetitions: [["A"], ["B"]])]))
        let bytes = try X12Writer().write(interchange, numbers: SequentialControlNumbers())
        #expect(bytes[82] == UInt8(ascii: "^"))
        let read = X12Reader.read(bytes)
        #expect(read.interchanges.first?.groups[0].sets[0].segments.last?.elements[0].repetitions == [["A"], ["B"]])
    }

    @Test("X12: values holding a delimiter or too wide for the ISA are refused")
    func x12Refusals() {
        var interchange = Self.sample850()
        interchange.groups[0].sets[0].segments.append(Segment("MSG", ["50% OFF ~ TODAY"]))
        #expect(throws: InterchangeWriteError.self) { try X12Writer().write(interchange, numbers: SequentialControlNumbers()) }
        var wide = Self.sample850()
        wide.header.senderId = "A-SENDER-ID-LONGER-THAN-15"
        #expect(throws: InterchangeWriteError.self) { try X12Writer().write(wide, numbers: SequentialControlNumbers()) }
    }

    static func sampleOrders(syntax: String = "3") -> EdifactInterchange {
        let segments: [Segment] = [
            Segment("BGM", [Element(components: ["220"]), "PO+1001", "9"]),
            Segment("DTM", [Element(components: ["137", "20240115", "102"])]),
            Segment("FTX", ["AAI", "", "", Element(components: ["Deliver to gate 3: it's the one with a ? sign"])]),
            Segment("LIN", ["1", "", Element(components: ["WIDGET-1", "BP"])]),
            Segment("QTY", [Element(components: ["21", "10"])]),
            Segment("UNS", ["S"]),
        ]
        return EdifactInterchange(syntaxIdentifier: "UNOC", syntaxVersion: syntax, sender: EdifactParty(id: "BUYER", qualifier: "14"),
                                  recipient: EdifactParty(id: "SUPPLIER", qualifier: "14"), date: "240115", time: "1200",
                                  messages: [EdifactMessage(type: "ORDERS", segments: segments)])
    }

    @Test("EDIFACT: escaping with the release character survives a round trip", arguments: [true, false])
    func edifact(_ advice: Bool) throws {
        let numbered = EdifactWriter.assigningControlNumbers(Self.sampleOrders(), from: SequentialControlNumbers(interchange: 9))
        let bytes = try EdifactWriter(serviceStringAdvice: advice, lineBreaks: true).write(numbered)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("PO?+1001"))
        #expect(text.contains("gate 3?: it?'s the one with a ?? sign"))
        let read = EdifactReader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        #expect(read.interchanges == [numbered])
    }

    @Test("EDIFACT: groups and syntax 4 repetitions round trip")
    func edifactGroups() throws {
        var interchange = Self.sampleOrders(syntax: "4")
        interchange.date = "20240115"
        interchange.messages[0].segments.append(Segment("RFF", [Element(repetitions: [["ON", "1"], ["VN", "2*3"]])]))
        interchange.groups = [EdifactGroup(groupId: "ORDERS", sender: EdifactParty(id: "BUYER"), recipient: EdifactParty(id: "SUPPLIER"),
                                           messages: interchange.messages)]
        interchange.messages = []
        let numbered = EdifactWriter.assigningControlNumbers(interchange, from: SequentialControlNumbers())
        let bytes = try EdifactWriter().write(numbered)
        #expect(String(decoding: bytes.prefix(9), as: UTF8.self) == "UNA:+.?*'")
        let read = EdifactReader.read(bytes)
        #expect(read.report.verdict == .accepted, "\(read.report.errors)")
        #expect(read.interchanges == [numbered])
    }

    @Test("EDIFACT: a repetition cannot be written before syntax version 4")
    func edifactRefusal() {
        var interchange = Self.sampleOrders()
        interchange.messages[0].segments.append(Segment("RFF", [Element(repetitions: [["ON", "1"], ["VN", "2"]])]))
        #expect(throws: InterchangeWriteError.self) { try EdifactWriter().write(interchange) }
    }

    @Test("a file read in small chunks gives the same report as one read whole")
    func chunked() throws {
        let bytes = try X12Writer(lineBreaks: true).write(Self.sample850(), numbers: SequentialControlNumbers())
        var validator = X12Validator()
        X12Scanner(source: MemoryByteSource(bytes), chunkSize: 16).run(&validator)
        validator.finish()
        #expect(validator.errors.isEmpty)
        #expect(validator.segmentCount == 2 + 2 * 8 + 2)
        let orders = try EdifactWriter().write(Self.sampleOrders(), numbers: SequentialControlNumbers())
        var edifact = EdifactValidator()
        EdifactScanner(source: MemoryByteSource(orders), chunkSize: 8).run(&edifact)
        edifact.finish()
        #expect(edifact.errors.isEmpty, "\(edifact.errors)")
        #expect(edifact.segmentCount == 1 + 1 + 8 + 1)
    }
}
