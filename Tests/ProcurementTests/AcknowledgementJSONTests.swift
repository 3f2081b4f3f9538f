import Foundation
import Procurement
import Testing

/// The hand-written codec must write exactly what `JSONEncoder` (sorted keys) writes, and read
/// nothing differently from `JSONDecoder`: whatever it accepts decodes to the same value, and
/// whatever it declines is left to `JSONDecoder` (so errors keep their words and pointers).
@Suite("Acknowledgement JSON")
struct AcknowledgementJSONTests {
    static func sorted<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Text that exercises escaping: every control character, quotes, backslashes, slashes,
    /// non-ASCII letters and an emoji.
    static let awkward: [String] = [
        "", "plain", "a \"quoted\" word", "back\\slash", "path/with/slashes", "tab\there", "line\nbreak\r\n",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{7F} delete", "Müller – 納期 🚚", "\u{2028}\u{2029}",
    ]

    static let date = LocalDate(iso: "2027-03-01")!

    static var responses: [OrderResponse] {
        var list = [
            OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .accepted)]),
            OrderResponse(revision: 12, lines: []),
            OrderResponse(revision: 3, lines: [
                LineResponse(line: 2, status: .changed, reason: "late", schedule: [
                    ScheduleLine(quantity: Decimal(string: "10.50")!, date: date),
                    ScheduleLine(quantity: Decimal(string: "0.0000000001")!, date: date.adding(days: 40)),
                ], unitPrice: Decimal(string: "1234567.125")!),
                LineResponse(line: 10, status: .rejected, reason: "no stock"),
                LineResponse(line: 1, status: .changed, schedule: [], unitPrice: nil),
                LineResponse(line: 4, status: .changed, unitPrice: Decimal(string: "-0.5")!),
            ]),
        ]
        for text in awkward {
            list.append(OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .rejected, reason: text)]))
        }
        return list
    }

    @Test func writesOrderResponsesAsJSONEncoderDoes() throws {
        for response in Self.responses {
            #expect(response.canonicalJSON == (try Self.sorted(response)))
        }
    }

    @Test func writesConfirmedLinesAndReasonsAsJSONEncoderDoes() throws {
        let schedule = [ScheduleLine(quantity: 10, date: Self.date), ScheduleLine(quantity: Decimal(string: "2.75")!, date: Self.date.adding(days: 3))]
        var lines = [
            ConfirmedLine(line: 1, status: .accepted, schedule: schedule, unitPrice: Decimal(string: "1.25")!, reason: nil),
            ConfirmedLine(line: 2, status: .rejected, schedule: [], unitPrice: 0, reason: "discontinued"),
            ConfirmedLine(line: 4, status: .accepted, schedule: [], unitPrice: 3, reason: nil, cancelled: true),
        ]
        var reasons = [Reason(code: .orderRejected, message: "every line"), Reason(code: .lineRejected, message: "Line 2", line: 2)]
        for text in Self.awkward {
            lines.append(ConfirmedLine(line: 3, status: .changed, schedule: schedule, unitPrice: 7, reason: text))
            reasons.append(Reason(code: .dateOutOfTolerance, message: text, line: 3))
        }
        #expect(ConfirmedLine.canonicalJSON(lines) == (try Self.sorted(lines)))
        #expect(ConfirmedLine.canonicalJSON([]) == (try Self.sorted([ConfirmedLine]())))
        #expect(Reason.canonicalJSON(reasons) == (try Self.sorted(reasons)))
        #expect(Reason.canonicalJSON([]) == (try Self.sorted([Reason]())))
    }

    @Test func readsWhatItWritesAndWhatJSONEncoderWrites() throws {
        for response in Self.responses {
            #expect(OrderResponse(canonicalJSON: Array(response.canonicalJSON.utf8)) == response)
            #expect(OrderResponse(canonicalJSON: Array(try JSONEncoder().encode(response))) == response)
        }
    }

    /// Bodies clients send, good and bad. The fast path must take the usual good ones.
    static let bodies: [(String, Bool)] = [
        (#"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#, true),
        (" {\n  \"lines\" : [ { \"status\" : \"accepted\" , \"line\" : 1 } ] ,\t\"revision\" : 1 }\r\n", true),
        (#"{"revision":2,"lines":[{"line":1,"status":"changed","reason":"r","schedule":[{"quantity":"10.50","date":"2027-01-15"}],"unitPrice":"3.10"}]}"#, true),
        (#"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":"caf\u00e9 \ud83d\ude9a \"x\" \/ \\ \b\f\n\r\t"}]}"#, true),
        (#"{"revision":1,"lines":[{"line":1,"status":"accepted","reason":null,"schedule":null,"unitPrice":null}]}"#, true),
        (#"{"revision":-3,"lines":[]}"#, true),
        (#"{"\u0072evision":1,"lines":[]}"#, true),
        // Left to JSONDecoder:
        (#"{"revision":1,"lines":[{"line":1,"#, false), ("", false), ("null", false), ("[]", false),
        (#"{"revision":"1","lines":[{"line":1,"status":"accepted"}]}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"maybe"}]}"#, false),
        (#"{"revision":1}"#, false), (#"{"lines":[]}"#, false), (#"{"revision":1,"lines":null}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"-5","date":"2027-01-15"}]}]}"#, true),
        (#"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"ten","date":"2027-01-15"}]}]}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":10,"date":"2027-01-15"}]}]}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"15/01/2027"}]}]}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-02-30"}]}]}"#, false),
        (#"{"revision":1.0,"lines":[]}"#, false), (#"{"revision":1e0,"lines":[]}"#, false), (#"{"revision":01,"lines":[]}"#, false),
        (#"{"revision":-0,"lines":[]}"#, false), (#"{"revision":99999999999999999999,"lines":[]}"#, false),
        (#"{"revision":1,"lines":[],"extra":true}"#, false), (#"{"revision":1,"revision":2,"lines":[]}"#, false),
        (#"{"revision":1,"lines":[]} x"#, false), (#"{"revision":1,"lines":[],}"#, false), (#"{"revision":1,"lines":[1,]}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":"\ud83d"}]}"#, false),
        (#"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":"\x"}]}"#, false),
        ("{\"revision\":1,\"lines\":[{\"line\":1,\"status\":\"rejected\",\"reason\":\"raw\ttab\"}]}", false),
        (#"{"revision":true,"lines":[]}"#, false),
    ]

    @Test func readsBodiesAsJSONDecoderDoes() {
        for (body, fast) in Self.bodies {
            let bytes = Array(body.utf8)
            let quick = OrderResponse(canonicalJSON: bytes)
            let slow = try? JSONDecoder().decode(OrderResponse.self, from: Data(bytes))
            #expect((quick != nil) == fast, "\(body)")
            #expect(OrderResponse(canonicalJSON: body) == quick, "read in place: \(body)")
            if let quick { #expect(quick == slow, "\(body)") }
        }
        // Invalid UTF-8 inside a string.
        let invalid = Array(#"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)
        #expect(OrderResponse(canonicalJSON: invalid) == nil)
    }

    /// Every single-byte change and every truncation of good bodies: the fast path either
    /// declines or agrees with `JSONDecoder`.
    @Test func neverDisagreesWithJSONDecoderOnDamagedBodies() {
        let replacements: [UInt8] = Array(#"{}[],:"\ 0123456789-.eEnulltrfasbx"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        var checked = 0
        for (body, fast) in Self.bodies where fast {
            let bytes = Array(body.utf8)
            var variants: [[UInt8]] = (0..<bytes.count).map { Array(bytes[..<$0]) }
            for i in bytes.indices {
                for r in replacements where r != bytes[i] {
                    var v = bytes
                    v[i] = r
                    variants.append(v)
                }
                var removed = bytes
                removed.remove(at: i)
                variants.append(removed)
            }
            for v in variants {
                guard let quick = OrderResponse(canonicalJSON: v) else { continue }
                let slow = try? JSONDecoder().decode(OrderResponse.self, from: Data(v))
                #expect(quick == slow, "\(String(decoding: v, as: UTF8.self))")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    static var orders: [PurchaseOrder] {
        let price = Decimal(string: "1.25")!
        var orders = [
            PurchaseOrder(number: "PO-1", revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
                OrderLine(line: 1, item: "MAT-1", description: "Bench part", quantity: 10, unit: "EA", unitPrice: price, needBy: date),
            ]),
            PurchaseOrder(number: "PO-2", revision: 7, supplier: "S-2", plant: "P02", currency: "EUR", lines: [
                OrderLine(line: 1, item: "MAT-1", description: "", quantity: Decimal(string: "12.5")!, unit: "KG", unitPrice: 0,
                          needBy: date, critical: true, certificateRequired: true,
                          schedule: [ScheduleLine(quantity: 10, date: date), ScheduleLine(quantity: Decimal(string: "2.5")!, date: date.adding(days: 9))]),
                OrderLine(line: 20, item: "MAT-2", description: "Bolt \"M8\" / zinc", quantity: 1, unit: "EA", unitPrice: price, needBy: date),
                OrderLine(line: 30, item: "MAT-3", description: "Gone", quantity: 2, unit: "EA", unitPrice: price, needBy: date, cancelled: true),
            ]),
            PurchaseOrder(number: "PO-3", revision: 2, supplier: "S-1", plant: "P01", currency: "USD", lines: [
                OrderLine(line: 1, item: "MAT-1", description: "x", quantity: 10, unit: "EA", unitPrice: price, needBy: date, cancelled: true),
            ], cancelReason: "Project stopped \"for now\""),
        ]
        for text in awkward {
            orders.append(PurchaseOrder(number: "PO-\(text.count)", revision: 1, supplier: text, plant: "P", currency: "USD", lines: [
                OrderLine(line: 1, item: "I", description: text, quantity: 1, unit: "EA", unitPrice: 1, needBy: date),
            ]))
        }
        return orders
    }

    @Test func readsStoredOrdersAsJSONDecoderDoes() throws {
        for order in Self.orders {
            let stored = Array(try Self.sorted(order).utf8)
            #expect(PurchaseOrder(canonicalJSON: stored) == order)
            #expect(PurchaseOrder(canonicalJSON: Array(order.canonicalJSON.utf8)) == order)
            #expect(PurchaseOrder(canonicalJSON: order.canonicalJSON) == order)
            #expect(PurchaseOrder(canonicalJSON: Array(try JSONEncoder().encode(order))) == order)
        }
        // Optional fields left out take the decoder's defaults.
        let sparse = Array(#"{"number":"PO-9","revision":1,"supplier":"S","plant":"P","currency":"USD","lines":[{"line":1,"item":"I","quantity":"4","unit":"EA","unitPrice":"2","needBy":"2027-03-01"}]}"#.utf8)
        let quick = PurchaseOrder(canonicalJSON: sparse)
        #expect(quick != nil)
        #expect(quick == (try JSONDecoder().decode(PurchaseOrder.self, from: Data(sparse))))
        let stored = Array(try Self.sorted(Self.orders[1]).utf8)
        for i in stride(from: 0, to: stored.count, by: 3) {
            var v = stored
            v[i] = UInt8(ascii: "\"")
            guard let quick = PurchaseOrder(canonicalJSON: v) else { continue }
            #expect(quick == (try? JSONDecoder().decode(PurchaseOrder.self, from: Data(v))))
        }
    }
}

@Suite("Decimal text")
struct DecimalTextTests {
    static func bytes(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

    /// The parser builds short decimals itself; they must be the very values (same exponent
    /// and mantissa, so the same text when written) that `Decimal(string:)` gives.
    @Test func buildsTheSameDecimalsAsFoundation() {
        var texts = ["0", "-0", "0.000", "10", "10.50", "1.25", "-3.25", "007", "0.0000000001", "123456789012345678",
                     "1234567890123456789", "99999999999999999999999999999999999999", "100", "-0.5", "65536", "4294967296.5", "1.0",
                     "0.10", "-100.000"]
        for i in 0..<5000 {
            let whole = String(i &* 7919 % 1_000_003)
            texts.append(whole)
            texts.append("-\(whole).\(i % 1000)")
            texts.append("\(i % 7).\(String(repeating: "0", count: i % 12))\(i % 10)")
        }
        for text in texts {
            let parsed = DecimalText.parse(text)
            let foundation = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            #expect(parsed.map(Self.bytes) == foundation.map(Self.bytes), "\(text)")
        }
    }

    @Test func readsStoredInvoiceTolerances() throws {
        let tolerances = InvoiceTolerances(pricePercent: 2, priceAmount: Decimal(string: "0.05")!, quantityPercent: 0, quantityAmount: 1)
        let stored = Array(try AcknowledgementJSONTests.sorted(tolerances).utf8)
        #expect(InvoiceTolerances(canonicalJSON: stored) == tolerances)
        #expect(InvoiceTolerances(canonicalJSON: try AcknowledgementJSONTests.sorted(tolerances)) == tolerances)
        let sparse = Array(#"{"pricePercent":"1.5","priceAmount":null}"#.utf8)
        #expect(InvoiceTolerances(canonicalJSON: sparse) == (try JSONDecoder().decode(InvoiceTolerances.self, from: Data(sparse))))
        #expect(InvoiceTolerances(canonicalJSON: Array(#"{"pricePercent":1.5}"#.utf8)) == nil)
        #expect(InvoiceTolerances(canonicalJSON: Array(#"{"other":"1"}"#.utf8)) == nil)
    }
}

@Suite("Decimal text written")
struct DecimalFormatTests {
    /// The slow path: what `format` wrote before it had a fast one.
    static func described(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 10, .plain)
        return rounded.description
    }

    @Test func writesWhatDecimalDescriptionWrites() {
        var values: [Decimal] = [0, 1, -1, 10, 100, Decimal(string: "0.5")!, Decimal(string: "-0.0001")!, Decimal(string: "12.50")!,
                                 Decimal(string: "0.0000000001")!, Decimal(string: "0.00000000001")!, Decimal(string: "18446744073709551615")!,
                                 Decimal(string: "18446744073709551616")!, Decimal(string: "123456789.123456789")!, Decimal(1) / 3, Decimal(2) / 3,
                                 Decimal.nan, Decimal(string: "1e20")!, Decimal(string: "1234.5e-3")!]
        for i in 1..<3000 {
            let a = Decimal(string: "\(i * 7919 % 100003).\(i % 1000)")!
            let b = Decimal(i % 97 + 1)
            values += [a, -a, a * b, a / b, a - b * 1000, a * Decimal(string: "0.01")!, Decimal(i) * 1000, Decimal(i) / 1000]
        }
        for value in values {
            #expect(DecimalText.format(value) == Self.described(value), "\(value)")
        }
    }
}

@Suite("Dates written")
struct DateTextTests {
    @Test func writesEveryYearAsYYYYMMDD() {
        let first = LocalDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
        let last = LocalDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch
        for days in stride(from: first, through: last, by: 13) {
            let date = LocalDate(daysSinceEpoch: days)
            let (y, m, d) = date.components
            #expect(date.iso == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(LocalDate(iso: date.iso) == date)
        }
    }
}
