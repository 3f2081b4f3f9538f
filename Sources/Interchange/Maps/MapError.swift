/// A document could not be mapped to or from the canonical model.
public struct MapError: Error, Equatable, CustomStringConvertible {
    public var code: String
    /// Segment involved, e.g. `BAK` or `LIN`.
    public var segment: String?
    public var message: String

    public init(code: String, segment: String? = nil, message: String) {
        self.code = code
        self.segment = segment
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

/// Date text conversions for the maps.
enum MapDates {
    /// Parses CCYYMMDD (or YYMMDD, taken as 20YY) into ISO text.
    static func iso(fromCompact text: String) -> String? {
        let digits = Array(text.utf8)
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if digits.count == 8 {
            return "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))"
        }
        if digits.count == 6 {
            return "20\(text.prefix(2))-\(text.dropFirst(2).prefix(2))-\(text.suffix(2))"
        }
        return nil
    }
}
