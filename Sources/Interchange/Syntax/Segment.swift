/// One segment as values: a tag and its elements, each element a list of repetitions, each
/// repetition a list of components. Used by the writers, the maps and the acknowledgments; the
/// validators work on `RawSegment` and never build these in their hot path.
public struct Segment: Hashable, Sendable, Codable, CustomStringConvertible {
    public var tag: String
    public var elements: [Element]

    public init(_ tag: String, _ elements: [Element] = []) {
        self.tag = tag
        self.elements = elements
    }

    /// The element at a 1-based position (X12 `PO102` is `self[2]`), nil if absent.
    public subscript(position: Int) -> Element? {
        position >= 1 && position <= elements.count ? elements[position - 1] : nil
    }

    /// First component of the first repetition at a 1-based position; nil when absent or empty.
    @inline(__always)
    public func value(_ position: Int, component: Int = 1) -> String? {
        guard position >= 1, position <= elements.count else { return nil }
        switch elements[position - 1].storage {
        case .single(let text):
            return component == 1 && !text.isEmpty ? text : nil
        case .components(let components):
            guard component >= 1, component <= components.count else { return nil }
            let text = components[component - 1]
            return text.isEmpty ? nil : text
        case .nested(let repetitions):
            guard let first = repetitions.first, component >= 1, component <= first.count else { return nil }
            let text = first[component - 1]
            return text.isEmpty ? nil : text
        }
    }

    public var description: String {
        ([tag] + elements.map { $0.repetitions.map { $0.joined(separator: ":") }.joined(separator: "*") })
            .joined(separator: "+")
    }
}

/// A data element: one or more repetitions, each made of one or more components. The usual
/// element, one repetition of one component, is held as that single string.
public struct Element: Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    /// `.single` whenever the value is exactly one repetition of one component, so equal
    /// elements always have equal storage.
    enum Storage: Hashable, Sendable {
        case single(String)
        /// One repetition of two or more components.
        case components([String])
        case nested([[String]])
    }

    var storage: Storage

    public var repetitions: [[String]] {
        get {
            switch storage {
            case .single(let text): return [[text]]
            case .components(let components): return [components]
            case .nested(let repetitions): return repetitions
            }
        }
        set { storage = Self.storage(newValue) }
    }

    public init(_ value: String) { storage = .single(value) }
    public init(stringLiteral value: String) { storage = .single(value) }
    public init(components: [String]) { storage = components.count == 1 ? .single(components[0]) : .components(components) }
    public init(repetitions: [[String]]) { storage = Self.storage(repetitions.isEmpty ? [[""]] : repetitions) }

    @inline(__always)
    private static func storage(_ repetitions: [[String]]) -> Storage {
        guard repetitions.count == 1 else { return .nested(repetitions) }
        return repetitions[0].count == 1 ? .single(repetitions[0][0]) : .components(repetitions[0])
    }

    /// The first component of the first repetition.
    public var value: String {
        switch storage {
        case .single(let text): return text
        case .components(let components): return components.first ?? ""
        case .nested(let repetitions): return repetitions.first?.first ?? ""
        }
    }

    /// The components of the first repetition.
    public var components: [String] {
        switch storage {
        case .single(let text): return [text]
        case .components(let components): return components
        case .nested(let repetitions): return repetitions.first ?? [""]
        }
    }

    public var isEmpty: Bool {
        switch storage {
        case .single(let text): return text.isEmpty
        case .components(let components): return components.allSatisfy(\.isEmpty)
        case .nested(let repetitions): return repetitions.allSatisfy { $0.allSatisfy(\.isEmpty) }
        }
    }

    private enum CodingKeys: String, CodingKey { case repetitions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = Self.storage(try container.decode([[String]].self, forKey: .repetitions))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(repetitions, forKey: .repetitions)
    }
}

/// Separator bytes in force for one interchange.
public struct Delimiters: Hashable, Sendable {
    public var element: UInt8
    public var component: UInt8
    /// nil when the syntax version has no repetition.
    public var repetition: UInt8?
    public var terminator: UInt8
    /// EDIFACT release character; nil for X12.
    public var release: UInt8?
    /// EDIFACT decimal mark; `.` by default.
    public var decimal: UInt8

    public init(element: UInt8, component: UInt8, repetition: UInt8?, terminator: UInt8,
                release: UInt8? = nil, decimal: UInt8 = UInt8(ascii: ".")) {
        self.element = element
        self.component = component
        self.repetition = repetition
        self.terminator = terminator
        self.release = release
        self.decimal = decimal
    }

    /// X12 defaults: `*`, `>`, `^` (00402 and later), `~`.
    public static let x12 = Delimiters(element: UInt8(ascii: "*"), component: UInt8(ascii: ">"),
                                       repetition: UInt8(ascii: "^"), terminator: UInt8(ascii: "~"))
    /// EDIFACT defaults `:+.? '` with the syntax 4 repetition separator `*`.
    public static let edifact = Delimiters(element: UInt8(ascii: "+"), component: UInt8(ascii: ":"),
                                           repetition: UInt8(ascii: "*"), terminator: UInt8(ascii: "'"),
                                           release: UInt8(ascii: "?"))
}
