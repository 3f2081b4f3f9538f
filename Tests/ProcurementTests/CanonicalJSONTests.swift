import Foundation
import Procurement
import Testing

@Suite("Purchase order canonical JSON")
struct CanonicalJSONTests {
    static func order(description: String, certificate: Bool = false, price: String = "2.50") -> PurchaseOrder {
        let needBy = LocalDate(iso: "2027-01-15")!
        return PurchaseOrder(number: "PO-1001", revision: 3, supplier: "S-100", plant: "P01", currency: "USD", lines: [
            OrderLine(line: 1, item: "MAT-100", description: description, quantity: Decimal(string: "100.5")!, unit: "EA",
                      unitPrice: Decimal(string: price)!, needBy: needBy, critical: true, certificateRequired: certificate,
                      schedule: [ScheduleLine(quantity: Decimal(string: "60.25")!, date: needBy),
                                 ScheduleLine(quantity: Decimal(string: "40.25")!, date: needBy.adding(days: 7))]),
            OrderLine(line: 2, item: "MAT-200", description: "", quantity: 1, unit: "KG", unitPrice: 0, needBy: needBy),
        ])
    }

    @Test("the same text as JSONEncoder with sorted keys, and it reads back as the same order",
          arguments: ["Bracket", "Quote \" and backslash \\ and slash /", "Lines\nand\ttabs\r", "Control \u{01}\u{08}\u{0C}\u{1F}",
                      "Ünïcödé – 部品 🔩", ""])
    func matchesTheEncoder(description: String) throws {
        for certificate in [false, true] {
            for price in ["2.50", "0.0001", "1234567.891", "0"] {
                var order = Self.order(description: description, certificate: certificate, price: price)
                if certificate {
                    // Cancelled lines, and a whole cancelled order with its reason, are written too.
                    order.lines[1].cancelled = true
                    if price == "0" {
                        order.lines[0].cancelled = true
                        order.cancelReason = description
                    }
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                #expect(order.canonicalJSON == String(decoding: try encoder.encode(order), as: UTF8.self))
                #expect(try JSONDecoder().decode(PurchaseOrder.self, from: Data(order.canonicalJSON.utf8)) == order)
            }
        }
    }
}

extension CanonicalJSONTests {
    @Test("whole and fractional quantities are written as the decimal formatter writes them",
          arguments: ["0", "1", "12", "100", "1000000", "8999999999999999", "9000000000000001", "999999999999999999", "1000000000000000000", "-7", "2.5", "0.125", "1E+3", "12345678901234567890123"])
    func decimals(text: String) throws {
        let value = try #require(Decimal(string: text))
        var order = Self.order(description: "Bracket")
        order.lines[1].quantity = value
        order.lines[1].schedule = [ScheduleLine(quantity: value, date: order.lines[1].needBy)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(order.canonicalJSON == String(decoding: try encoder.encode(order), as: UTF8.self))
        #expect(order.canonicalJSON.contains("\"quantity\":\"\(DecimalText.format(value))\""))
    }
}

@Suite("Canonical JSON writer")
struct CanonicalJSONWriterTests {
    /// Members are separated by commas, the first after `{` without one, whatever their values.
    @Test func membersOfObjectsNestedOrNot() throws {
        var w = CanonicalJSON.Writer()
        w.byte(UInt8(ascii: "{"))
        w.member("a", "x \"quoted\"")
        w.member("b", 12)
        w.key("c")
        w.byte(UInt8(ascii: "{"))
        w.member("d", json: "[1,2]")
        w.byte(UInt8(ascii: "}"))
        w.key("e")
        w.array(["p", "q"]) { $0.string($1) }
        w.byte(UInt8(ascii: "}"))
        #expect(w.string == #"{"a":"x \"quoted\"","b":12,"c":{"d":[1,2]},"e":["p","q"]}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any]
        #expect(decoded?["b"] as? Int == 12)
    }
}
