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

    /// `format` for the usual case, a compact decimal of at most 64 bits of mantissa and at
    /// most 10 decimal places (which rounding leaves as it is), written from its parts rather
    /// than through `Decimal.description`. Nil otherwise. Reads `Decimal`'s stored layout
    /// (exponent; length, sign and compact flags; mantissa), so it is used only when known
    /// values read back as they should (`layoutKnown`), and it is checked against the slow
    /// path in the tests.
    static func plain(_ value: Decimal) -> String? {
        guard layoutKnown else { return nil }
        return parts(value).flatMap { parts in
            guard parts.compact, (-10...0).contains(parts.exponent), parts.mantissa != 0 else { return nil }
            var digits = Array(String(parts.mantissa).utf8)
            if parts.exponent < 0 {
                let places = -parts.exponent
                if digits.count <= places { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: places - digits.count + 1), at: 0) }
                digits.insert(UInt8(ascii: "."), at: digits.count - places)
            }
            if parts.negative { digits.insert(UInt8(ascii: "-"), at: 0) }
            return String(decoding: digits, as: UTF8.self)
        }
    }

    /// True when `parts` reads this platform's `Decimal` correctly.
    private static let layoutKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes: [(Decimal, Int, UInt64, Bool)] = [
            (Decimal(string: "-3.25", locale: posix)!, -2, 325, true), (Decimal(string: "65536", locale: posix)!, 0, 65536, false),
            (Decimal(string: "123456789012345678", locale: posix)!, 0, 123456789012345678, false),
            (Decimal(string: "0.0000000001", locale: posix)!, -10, 1, false),
        ]
        return probes.allSatisfy { value, exponent, mantissa, negative in
            guard let p = parts(value) else { return false }
            return p.compact && p.exponent == exponent && p.mantissa == mantissa && p.negative == negative
        }
    }()

    /// Sign, exponent and a mantissa of up to 64 bits, read from the stored layout; nil when
    /// the mantissa is longer.
    private static func parts(_ value: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt64, compact: Bool)? {
        withUnsafeBytes(of: value) { raw in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let flags = raw[1]
            let length = Int(flags >> 4)
            guard (1...4).contains(length) else { return nil }
            var mantissa: UInt64 = 0
            for i in stride(from: length - 1, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt64(raw[4 + 2 * i]) | UInt64(raw[5 + 2 * i]) << 8
            }
            for i in length..<8 where raw[4 + 2 * i] != 0 || raw[5 + 2 * i] != 0 { return nil }
            return (flags & 0x08 != 0, exponent, mantissa, flags & 0x04 != 0)
        }
    }

    /// The value `Decimal(string:)` gives for a checked plain decimal of at most 18 digits,
    /// built from its digits without a scanner or locale. Nil for longer text, and for zero
    /// written with a fraction (which `Decimal(string:)` keeps with the text's exponent).
    private static func exact(_ text: String) -> Decimal? {
        if text == "0" { return Decimal() }
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
        if let text = plain(value) { return text }
        // A whole number below 2^53 converts to Double exactly (Decimal comparisons cost more).
        if value.exponent >= 0, !value.isNaN {
            let double = (value as NSDecimalNumber).doubleValue
            if abs(double) < 9e15 { return String(Int64(double)) }
        }
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
