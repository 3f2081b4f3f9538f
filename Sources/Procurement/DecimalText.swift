import Foundation

/// Decimal numbers as they travel in documents: plain decimal strings such as "12.50".
/// Parsing is strict (no exponent, no grouping, no trailing text) so that a typo is an error,
/// never a silently different number.
public enum DecimalText {
    /// Parses `-?digits(.digits)?`; nil for anything else.
    public static func parse(_ text: String) -> Decimal? {
        var sawDigit = false
        var sawPoint = false
        var digitsAfterPoint = 0
        for (i, c) in text.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if sawPoint { digitsAfterPoint += 1 }
            case UInt8(ascii: ".") where !sawPoint && sawDigit: sawPoint = true
            default: return nil
            }
        }
        guard sawDigit, !sawPoint || digitsAfterPoint > 0, text.utf8.count <= 40 else { return nil }
        return exact(text) ?? Decimal(string: text, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The value `Decimal(string:)` gives for a checked plain decimal of at most 18 digits,
    /// built from its digits without a scanner or locale. Nil for longer text, and for zero
    /// (which `Decimal(string:)` keeps with the text's exponent).
    private static func exact(_ text: String) -> Decimal? {
        var negative = false
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var afterPoint = false
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): afterPoint = true
            default:
                if significand > 0 || c != UInt8(ascii: "0") { digits += 1 }
                guard digits <= 18 else { return nil }
                significand = significand * 10 + UInt64(c - UInt8(ascii: "0"))
                if afterPoint { exponent -= 1 }
            }
        }
        guard significand > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// The shortest plain form: "12.5", "100", "-0.25" (at most 10 decimal places).
    public static func format(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 10, .plain)
        return rounded.description
    }
}

extension KeyedDecodingContainer {
    /// Decodes a decimal written as a JSON string ("12.50").
    public func decodeDecimal(forKey key: Key) throws -> Decimal {
        let text: String
        do {
            text = try decode(String.self, forKey: key)
        } catch DecodingError.typeMismatch {
            // The usual mistake is a JSON number; say so, with the string to send instead.
            guard let number = try? decode(Double.self, forKey: key) else { throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath + [key], debugDescription: "expected a decimal string such as \"12.50\"")) }
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                debugDescription: "expected a decimal string such as \"\(DecimalText.format(Decimal(number)))\", got a JSON number")
        }
        guard let value = DecimalText.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                debugDescription: "expected a decimal string such as \"12.50\", got \"\(text)\"")
        }
        return value
    }

    public func decodeDecimalIfPresent(forKey key: Key) throws -> Decimal? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeDecimal(forKey: key)
    }
}

extension KeyedEncodingContainer {
    public mutating func encodeDecimal(_ value: Decimal, forKey key: Key) throws {
        try encode(DecimalText.format(value), forKey: key)
    }

    public mutating func encodeDecimalIfPresent(_ value: Decimal?, forKey key: Key) throws {
        if let value { try encodeDecimal(value, forKey: key) }
    }
}
