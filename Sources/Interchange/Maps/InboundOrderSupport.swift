import Foundation
import Procurement

/// Values an inbound order map falls back to when the document leaves them out, usually taken
/// from the trading partner's profile or the envelope (for example the interchange receiver as
/// the supplier). A value the document carries always wins.
public struct OrderMapDefaults: Sendable, Equatable {
    public var supplier: String?
    public var plant: String?
    public var currency: String?
    public var needBy: LocalDate?

    public init(supplier: String? = nil, plant: String? = nil, currency: String? = nil, needBy: LocalDate? = nil) {
        self.supplier = supplier
        self.plant = plant
        self.currency = currency
        self.needBy = needBy
    }
}

/// A purchase order line while its segments are read; `finish` turns it into an `OrderLine`.
struct OrderLineDraft {
    var line: Int
    var item: String
    var description = ""
    var quantity: Decimal
    var unit: String
    var unitPrice: Decimal?
    var needBy: LocalDate?
    var schedule: [ScheduleLine] = []

    /// Need-by is the line's own date, else its earliest delivery, else the order's date, else the default.
    /// `dateSegment`/`dateElement` name where a need-by date is expected, for the error.
    func finish(headerNeedBy: LocalDate?, defaults: OrderMapDefaults, priceSegment: String, priceElement: String,
                dateSegment: String, dateElement: String, missingDate: String) throws(MapError) -> OrderLine {
        guard let unitPrice else {
            throw MapError(code: "missingElement", segment: priceSegment, element: priceElement,
                           message: "Line \(line) has no unit price (\(priceElement)).")
        }
        guard let needBy = needBy ?? earliestDelivery ?? headerNeedBy ?? defaults.needBy else {
            throw MapError(code: "missingElement", segment: dateSegment, element: dateElement,
                           message: "Line \(line) has no need-by date: \(missingDate).")
        }
        return OrderLine(line: line, item: item, description: description, quantity: quantity, unit: unit,
                         unitPrice: unitPrice, needBy: needBy, schedule: schedule.isEmpty ? nil : schedule)
    }

    private var earliestDelivery: LocalDate? {
        var earliest: LocalDate?
        for delivery in schedule where earliest.map({ delivery.date < $0 }) ?? true { earliest = delivery.date }
        return earliest
    }
}

/// Number and date reads for the inbound order maps, which run once per line on large files:
/// they work on the UTF-8 bytes and build no intermediate strings.
enum MapText {
    /// A plain decimal `-?digits(.digits)?`, the same grammar as `DecimalText.parse`; `comma`
    /// also accepts `,` as the decimal mark (EDIFACT allows either).
    static func decimal(_ text: String, comma: Bool = false) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var sawPoint = false
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits > 18 { return comma ? DecimalText.parse(text.replacingOccurrences(of: ",", with: ".")) : DecimalText.parse(text) }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if sawPoint { fraction += 1 }
            case UInt8(ascii: "."):
                guard !sawPoint, digits > 0 else { return nil }
                sawPoint = true
            case UInt8(ascii: ",") where comma:
                guard !sawPoint, digits > 0 else { return nil }
                sawPoint = true
            default:
                return nil
            }
        }
        guard digits > 0, !sawPoint || fraction > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(significand))
    }

    /// A date as CCYYMMDD, YYMMDD (taken as 20YY), or CCYYMMDDHHMM[SS] with the time dropped.
    static func date(_ text: String) -> LocalDate? {
        var values: (Int, Int, Int) = (0, 0, 0)
        let count = text.utf8.count
        guard [6, 8, 12, 14].contains(count) else { return nil }
        let yearDigits = count == 6 ? 2 : 4
        var index = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            if index < yearDigits { values.0 = values.0 * 10 + digit }
            else if index < yearDigits + 2 { values.1 = values.1 * 10 + digit }
            else if index < yearDigits + 4 { values.2 = values.2 * 10 + digit }
            index += 1
        }
        return LocalDate(year: count == 6 ? 2000 + values.0 : values.0, month: values.1, day: values.2)
    }

    static func decimal(_ text: String, comma: Bool = false, segment: String, element: String, what: String) throws(MapError) -> Decimal {
        guard let value = decimal(text, comma: comma) else {
            throw MapError(code: "badNumber", segment: segment, element: element, message: "\(element) (\(what)) \"\(text)\" is not a decimal number.")
        }
        return value
    }

    static func quantity(_ text: String, comma: Bool = false, segment: String, element: String) throws(MapError) -> Decimal {
        let value = try decimal(text, comma: comma, segment: segment, element: element, what: "quantity")
        guard value > 0 else {
            throw MapError(code: "badQuantity", segment: segment, element: element, message: "\(element) quantity \(text) must be greater than zero.")
        }
        return value
    }

    static func date(_ text: String, segment: String, element: String) throws(MapError) -> LocalDate {
        guard let date = date(text) else {
            throw MapError(code: "badDate", segment: segment, element: element, message: "\(element) \"\(text)\" is not a date (CCYYMMDD).")
        }
        return date
    }
}
