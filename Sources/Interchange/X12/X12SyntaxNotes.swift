/// Relational conditions between the elements of one segment ("syntax notes"), as written in the
/// X12 dictionary: `P0607` paired, `R020305` at least one, `E0102` at most one, `C0506` if the
/// first then all the others, `L13101112` if the first then at least one of the others.
public struct X12SyntaxNote: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Character, Sendable {
        case paired = "P", required = "R", exclusion = "E", conditional = "C", listConditional = "L"
    }

    public let kind: Kind
    /// 1-based element positions.
    public let positions: [Int]

    /// Parses a note such as `P0607`; nil if malformed.
    public init?(_ text: String) {
        guard let first = text.first, let kind = Kind(rawValue: first) else { return nil }
        let digits = Array(text.dropFirst())
        guard digits.count >= 4, digits.count % 2 == 0 else { return nil }
        var positions: [Int] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let value = Int(String(digits[index...index + 1])) else { return nil }
            positions.append(value)
        }
        self.kind = kind
        self.positions = positions
    }

    public var description: String {
        String(kind.rawValue) + positions.map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    }

    /// The element position to report when `present` breaks this note, or nil when it holds.
    @inline(__always)
    func violation(_ present: (Int) -> Bool) -> Int? {
        switch kind {
        case .paired:
            var firstMissing: Int?
            var any = false
            for position in positions {
                if present(position) { any = true } else if firstMissing == nil { firstMissing = position }
            }
            return any ? firstMissing : nil
        case .required:
            for position in positions where present(position) { return nil }
            return positions[0]
        case .exclusion:
            var seen = 0
            for position in positions where present(position) {
                seen += 1
                if seen > 1 { return position }
            }
            return nil
        case .conditional:
            guard present(positions[0]) else { return nil }
            for position in positions.dropFirst() where !present(position) { return position }
            return nil
        case .listConditional:
            guard present(positions[0]) else { return nil }
            for position in positions.dropFirst() where present(position) { return nil }
            return positions[1]
        }
    }
}

/// Syntax notes of the segments the hub maps (version 004010 dictionary).
enum X12SyntaxNotes {
    static let table: [String: [String]] = [
        "BEG": [],
        "PO1": ["C0302", "C0504", "P0607", "P0809", "P1011", "P1213", "P1415", "P1617", "P1819", "P2021", "P2223", "P2425"],
        "PO4": ["P0203", "C0506", "P0607", "P0809", "C1013", "C1113", "C1213", "L13101112"],
        "SLN": ["P0405", "C0706", "C0806", "P0910", "P1112", "P1314", "P1516", "P1718", "P1920", "P2122", "P2324", "P2526", "P2728"],
        "DTM": ["R020305", "C0403", "P0506"],
        "N1": ["R0203", "P0304"],
        "REF": ["R0203"],
        "CTT": ["P0304", "P0506"],
        "BAK": [],
        "ACK": ["P0203", "P0405", "P0708", "P0910", "P1112", "P1314", "P1516", "P1718", "P1920", "P2122", "P2324", "P2526", "P2728"],
        "POC": ["C0706", "P0809", "P1011", "P1213", "P1415", "P1617", "P1819", "P2021", "P2223", "P2425", "P2627"],
        "BSN": ["C0706"],
        "HL": [],
        "LIN": ["P0405", "P0607", "P0809", "P1011", "P1213", "P1415", "P1617", "P1819", "P2021", "P2223", "P2425",
                "P2627", "P2829", "P3031"],
        "SN1": ["P0506"],
        "TD5": ["R0204050612", "C0203", "C0708"],
        "BIG": [],
        "IT1": ["P020304", "P0607", "P0809", "P1011", "P1213", "P1415", "P1617", "P1819", "P2021", "P2223", "P2425"],
        "TDS": [],
    ]

    /// Notes in a flat table indexed by tag, for lookups without building strings.
    static let compiled = SegmentTable(table.filter { !$0.value.isEmpty }.mapValues { $0.compactMap(X12SyntaxNote.init) })

    @inline(__always)
    static func pack<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var value: UInt32 = 0
        for byte in bytes { value = value << 8 | UInt32(byte) }
        return value
    }

    /// X12 elements that may repeat; none of the mapped segments has one.
    static let repeatable: Set<String> = ["CTX01"]
}
