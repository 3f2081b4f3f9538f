import Foundation
import Procurement
import Testing

/// Confirmed lines and reasons are stored in canonical JSON and read back on every confirmed
/// schedule. The canonical reader must read what the writers write as `JSONDecoder` does, and
/// decline (nil) whatever it does not read the same way, leaving that to `JSONDecoder`.
@Suite("Stored acknowledgement JSON")
struct StoredAcknowledgementJSONTests {
    static let dates = ["2027-03-01", "0001-01-01", "9999-12-31", "2028-02-29"].map { LocalDate(iso: $0)! }

    /// Decimals as the documents carry them: whole, with fractions, the smallest place the
    /// writer keeps, longer than 18 digits, zero and negative.
    static let decimals = ["0", "1", "10.50", "2.75", "0.0000000001", "1234567.125", "999999999999999999",
                           "12345678901234567890123", "-0.5", "-3.25", "-100"].map { Decimal(string: $0)! }

    static var schedules: [[ScheduleLine]] {
        var list: [[ScheduleLine]] = [[]]
        for (i, quantity) in decimals.enumerated() {
            list.append([ScheduleLine(quantity: quantity, date: dates[i % dates.count])])
        }
        list.append(zip(decimals, dates).map { ScheduleLine(quantity: $0, date: $1) })
        return list
    }

    /// Every status, cancelled or not, with and without reasons (awkward text included),
    /// empty and long schedules, unit prices of every kind, line numbers zero and negative.
    static var lineSets: [[ConfirmedLine]] {
        let reasons: [String?] = [nil] + AcknowledgementJSONTests.awkward
        let schedules = schedules
        var all: [ConfirmedLine] = []
        var n = 0
        for status in LineAnswer.allCases {
            for cancelled in [false, true] {
                for reason in reasons {
                    let schedule = schedules[n % schedules.count]
                    let price = decimals[(n * 7) % decimals.count]
                    let line = [1, 0, -2, 10, 999_999_999][n % 5]
                    all.append(ConfirmedLine(line: line, status: status, schedule: schedule, unitPrice: price, reason: reason,
                                             cancelled: cancelled))
                    n += 1
                }
            }
        }
        // Each line on its own, then runs of several, then all of them in one document.
        var sets: [[ConfirmedLine]] = [[]] + all.map { [$0] }
        for start in stride(from: 0, to: all.count, by: 5) { sets.append(Array(all[start..<min(start + 5, all.count)])) }
        sets.append(all)
        return sets
    }

    static var reasonSets: [[Reason]] {
        let codes: [Reason.Code] = [.dateOutOfTolerance, .quantityOutOfTolerance, .priceOutOfTolerance, .lineRejected, .orderRejected,
                                    Reason.Code(rawValue: "custom \"code\" \\ é")]
        var all: [Reason] = []
        var n = 0
        for code in codes {
            for message in AcknowledgementJSONTests.awkward {
                let line: Int? = [nil, 1, 0, -3, 12_345][n % 5]
                all.append(Reason(code: code, message: message, line: line))
                n += 1
            }
        }
        var sets: [[Reason]] = [[]] + all.map { [$0] }
        for start in stride(from: 0, to: all.count, by: 4) { sets.append(Array(all[start..<min(start + 4, all.count)])) }
        sets.append(all)
        return sets
    }

    @Test func readsConfirmedLinesAsJSONDecoderDoes() throws {
        for lines in Self.lineSets {
            let text = ConfirmedLine.canonicalJSON(lines)
            let quick = try #require([ConfirmedLine](canonicalJSON: Array(text.utf8)), "\(text)")
            let slow = try JSONDecoder().decode([ConfirmedLine].self, from: Data(text.utf8))
            #expect(quick == slow, "\(text)")
            #expect(quick == lines, "\(text)")
            #expect([ConfirmedLine](canonicalJSON: text) == lines)
            // What JSONEncoder writes (sorted or not) reads the same.
            #expect([ConfirmedLine](canonicalJSON: Array(try JSONEncoder().encode(lines))) == lines)
        }
    }

    @Test func readsReasonsAsJSONDecoderDoes() throws {
        for reasons in Self.reasonSets {
            let text = Reason.canonicalJSON(reasons)
            let quick = try #require([Reason](canonicalJSON: Array(text.utf8)), "\(text)")
            let slow = try JSONDecoder().decode([Reason].self, from: Data(text.utf8))
            #expect(quick == slow, "\(text)")
            #expect(quick == reasons, "\(text)")
            #expect([Reason](canonicalJSON: text) == reasons)
            #expect([Reason](canonicalJSON: Array(try JSONEncoder().encode(reasons))) == reasons)
        }
    }

    /// Stored text, good and bad. The reader takes every shape the writers produce and the
    /// plain variants `JSONDecoder` reads the same way (spacing, key order, null optionals).
    static let storedLines: [(String, Bool)] = [
        (#"[]"#, true),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":"0"}]"#, true),
        (#"[{"cancelled":true,"line":4,"schedule":[],"status":"accepted","unitPrice":"3"}]"#, true),
        (#"[{"line":2,"reason":"caf\u00e9 \ud83d\ude9a \"x\" \/ \\ \b\f\n\r\t","schedule":[{"date":"2027-01-15","quantity":"10.5"}],"status":"changed","unitPrice":"-1.25"}]"#, true),
        (" [ {\n \"unitPrice\" : \"2\" , \"status\" : \"rejected\" , \"schedule\" : [ ] , \"line\" : 3 } ]\n", true),
        (#"[{"cancelled":null,"line":1,"reason":null,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, true),
        (#"[{"cancelled":false,"line":1,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, true),
        // Left to JSONDecoder:
        ("", false), ("null", false), ("{}", false), ("[", false), ("[{}]", false), (#"[{"line":1}]"#, false),
        (#"[{"line":1,"schedule":[],"status":"accepted"}]"#, false),
        (#"[{"line":1,"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":null,"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":null}]"#, false),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":1.5}]"#, false),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":"1,5"}]"#, false),
        (#"[{"line":1,"schedule":[],"status":"maybe","unitPrice":"1"}]"#, false),
        (#"[{"line":"1","schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1.0,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"cancelled":"true","line":1,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"cancelled":1,"line":1,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"reason":5,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027-02-30","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027-01-15","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, true),
        (#"[{"line":1,"schedule":[{"date":"2028-02-29","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, true),
        (#"[{"line":1,"schedule":[{"date":"2027-02-29","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"0000-01-15","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027-1-15","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027-01-15 ","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"+027-01-15","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027/01/15","quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":20270115,"quantity":"1"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027-01-15","quantity":1}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"schedule":[{"date":"2027-01-15"}],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"note":"x","schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"line":2,"schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        (#"[{"line":1,"reason":"\ud83d","schedule":[],"status":"accepted","unitPrice":"1"}]"#, false),
        ("[{\"line\":1,\"reason\":\"raw\ttab\",\"schedule\":[],\"status\":\"accepted\",\"unitPrice\":\"1\"}]", false),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":"1"},]"#, false),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":"1"}] x"#, false),
        (#"[{"line":1,"schedule":[],"status":"accepted","unitPrice":"1"}"#, false),
    ]

    static let storedReasons: [(String, Bool)] = [
        (#"[]"#, true),
        (#"[{"code":"lineRejected","line":2,"message":"Line 2"}]"#, true),
        (#"[{"code":"orderRejected","message":"every line"},{"code":"dateOutOfTolerance","line":-1,"message":"\"\\\u0001é"}]"#, true),
        (" [ { \"message\" : \"m\" , \"line\" : null , \"code\" : \"c\" } ] ", true),
        // Left to JSONDecoder:
        ("", false), ("null", false), ("{}", false), ("[{}]", false), (#"[{"code":"c"}]"#, false), (#"[{"message":"m"}]"#, false),
        (#"[{"code":null,"message":"m"}]"#, false), (#"[{"code":"c","message":null}]"#, false),
        (#"[{"code":"c","line":"2","message":"m"}]"#, false), (#"[{"code":"c","line":2.5,"message":"m"}]"#, false),
        (#"[{"code":"c","line":1e2,"message":"m"}]"#, false), (#"[{"code":"c","line":99999999999999999999,"message":"m"}]"#, false),
        (#"[{"code":"c","extra":1,"message":"m"}]"#, false), (#"[{"code":"c","code":"d","message":"m"}]"#, false),
        (#"[{"code":"c","message":"\x"}]"#, false), (#"[{"code":"c","message":"m"},]"#, false), (#"[{"code":"c","message":"m"}"#, false),
    ]

    @Test func readsStoredTextAsJSONDecoderDoesOrDeclines() {
        for (text, fast) in Self.storedLines {
            let quick = [ConfirmedLine](canonicalJSON: Array(text.utf8))
            #expect((quick != nil) == fast, "\(text)")
            #expect([ConfirmedLine](canonicalJSON: text) == quick, "read in place: \(text)")
            if let quick { #expect(quick == (try? JSONDecoder().decode([ConfirmedLine].self, from: Data(text.utf8))), "\(text)") }
        }
        for (text, fast) in Self.storedReasons {
            let quick = [Reason](canonicalJSON: Array(text.utf8))
            #expect((quick != nil) == fast, "\(text)")
            #expect([Reason](canonicalJSON: text) == quick, "read in place: \(text)")
            if let quick { #expect(quick == (try? JSONDecoder().decode([Reason].self, from: Data(text.utf8))), "\(text)") }
        }
        // Invalid UTF-8 inside a string.
        let invalid = Array(#"[{"code":"c","message":""#.utf8) + [0xC3, 0x28] + Array(#""}]"#.utf8)
        #expect([Reason](canonicalJSON: invalid) == nil)
    }

    /// Every single-byte change, removal and truncation of good stored text: the reader either
    /// declines or agrees with `JSONDecoder`.
    @Test func neverDisagreesWithJSONDecoderOnDamagedText() {
        let replacements: [UInt8] = Array(#"{}[],:"\ 0123456789-.eEnulltrfasbx"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        func variants(of text: String) -> [[UInt8]] {
            let bytes = Array(text.utf8)
            var list: [[UInt8]] = (0..<bytes.count).map { Array(bytes[..<$0]) }
            for i in bytes.indices {
                for r in replacements where r != bytes[i] {
                    var v = bytes
                    v[i] = r
                    list.append(v)
                }
                var removed = bytes
                removed.remove(at: i)
                list.append(removed)
            }
            return list
        }
        var checked = 0
        for (text, fast) in Self.storedLines where fast {
            for v in variants(of: text) {
                guard let quick = [ConfirmedLine](canonicalJSON: v) else { continue }
                #expect(quick == (try? JSONDecoder().decode([ConfirmedLine].self, from: Data(v))), "\(String(decoding: v, as: UTF8.self))")
                checked += 1
            }
        }
        for (text, fast) in Self.storedReasons where fast {
            for v in variants(of: text) {
                guard let quick = [Reason](canonicalJSON: v) else { continue }
                #expect(quick == (try? JSONDecoder().decode([Reason].self, from: Data(v))), "\(String(decoding: v, as: UTF8.self))")
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
