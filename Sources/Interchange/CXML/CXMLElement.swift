import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element as a value: what the cXML reader builds and the writer renders. cXML documents
/// are small, so a whole tree in memory is fine and keeps the maps simple.
public struct CXMLElement: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public var name: String
    public var attributes: [Attribute]
    public var children: [CXMLElement]
    /// Character data directly inside the element, trimmed of surrounding whitespace.
    public var text: String

    public init(_ name: String, _ attributes: [(String, String?)] = [], text: String = "", children: [CXMLElement] = []) {
        self.name = name
        self.attributes = attributes.compactMap { pair in pair.1.map { Attribute(name: pair.0, value: $0) } }
        self.children = children
        self.text = text
    }

    /// An attribute's value, nil when absent or empty.
    public subscript(attribute: String) -> String? {
        guard let value = attributes.first(where: { $0.name == attribute })?.value, !value.isEmpty else { return nil }
        return value
    }

    public func child(_ name: String) -> CXMLElement? { children.first { $0.name == name } }
    public func children(_ name: String) -> [CXMLElement] { children.filter { $0.name == name } }

    /// The element at a slash-separated path of child names, such as `Header/Sender/Credential`.
    public func descendant(_ path: String) -> CXMLElement? {
        var current: CXMLElement? = self
        for name in path.split(separator: "/") { current = current?.child(String(name)) }
        return current
    }

    /// The text of a descendant, nil when it is absent or empty.
    public func text(at path: String) -> String? {
        guard let text = descendant(path)?.text, !text.isEmpty else { return nil }
        return text
    }

    /// The element as indented XML.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        var out = pad + "<" + name
        for attribute in attributes { out += " \(attribute.name)=\"\(Self.escape(attribute.value))\"" }
        if children.isEmpty && text.isEmpty { return out + "/>\n" }
        out += ">"
        if children.isEmpty { return out + Self.escape(text) + "</\(name)>\n" }
        out += Self.escape(text) + "\n"
        for child in children { out += child.rendered(indent: indent + 1) }
        return out + pad + "</\(name)>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Parses bytes into a `CXMLElement` tree. External entities and DTDs are never loaded, and
/// documents that declare entities are refused before parsing (cXML has no use for them, and
/// they are how entity-expansion attacks start).
enum CXMLTreeParser {
    static func parse(_ bytes: [UInt8]) throws(MapError) -> CXMLElement {
        if declaresEntities(bytes) {
            throw MapError(code: "entityDeclaration", segment: "DOCTYPE", message: "The document declares XML entities, which cXML does not use.")
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, builder.failure == nil, let root = builder.root else {
            let detail = builder.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "unreadable document"
            throw MapError(code: "malformedXML", message: "The document is not well-formed XML (line \(parser.lineNumber)): \(detail)")
        }
        return root
    }

    /// True when an internal DTD subset holds `<!ENTITY`.
    static func declaresEntities(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!ENTITY".utf8)
        guard bytes.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }

    /// Collects SAX events into a tree. Used by one parser on one thread, then discarded.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [CXMLElement] = []
        var root: CXMLElement?
        var failure: String?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            var element = CXMLElement(elementName)
            element.attributes = attributes.sorted { $0.key < $1.key }.map { CXMLElement.Attribute(name: $0.key, value: $0.value) }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = stack.popLast() else { return }
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if failure == nil { failure = "\(parseError.localizedDescription)" }
        }
    }
}
