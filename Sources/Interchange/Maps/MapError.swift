/// A document could not be mapped to or from the canonical model.
public struct MapError: Error, Equatable, CustomStringConvertible {
    public var code: String
    /// Segment involved, e.g. `BAK` or `LIN` (for cXML, the element path such as `ConfirmationItem`).
    public var segment: String?
    /// Element at fault, e.g. `HL02`, `SN102`, `C506` (for cXML, the attribute or child such as `@quantity`).
    public var element: String?
    public var message: String

    public init(code: String, segment: String? = nil, element: String? = nil, message: String) {
        self.code = code
        self.segment = segment
        self.element = element
        self.message = message
    }

    /// Where the fault is, such as `HL02` or `ConfirmationItem/@quantity`; nil when the document as a whole is at fault.
    public var location: String? {
        switch (segment, element) {
        case let (s?, e?) where e.hasPrefix(s) && !e.hasPrefix("@"): return e
        case let (s?, e?): return e.hasPrefix("@") ? "\(s)/\(e)" : "\(s) \(e)"
        case let (s?, nil): return s
        case let (nil, e?): return e
        case (nil, nil): return nil
        }
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
