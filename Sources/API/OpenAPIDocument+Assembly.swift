import Foundation

/// The OpenAPI document is assembled once, at first use, from the base document and one part
/// per area of the API. A part is a JSON object shaped like the document itself (`paths`,
/// `components`, `tags`); objects merge key by key, arrays are appended, and a key that two
/// parts both define as a value is a programming error that stops the hub at start.
enum OpenAPIDocument {
    /// Every area's part, in the order their tags appear.
    static let parts: [String] = [exceptionQueue, bulkRelease, orderChanges, shipping, invoices, quality]

    static let json: String = assemble(base: base, parts: parts)

    static func assemble(base: String, parts: [String]) -> String {
        var document = parse(base, what: "the base document")
        for (i, part) in parts.enumerated() {
            document = merge(document, parse(part, what: "part \(i)"), at: "")
        }
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func parse(_ text: String, what: String) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            fatalError("OpenAPI: \(what) is not a JSON object")
        }
        return object
    }

    private static func merge(_ a: [String: Any], _ b: [String: Any], at path: String) -> [String: Any] {
        var merged = a
        for (key, value) in b {
            let here = path + "/" + key
            switch (merged[key], value) {
            case (nil, _): merged[key] = value
            case (let x as [String: Any], let y as [String: Any]): merged[key] = merge(x, y, at: here)
            case (let x as [Any], let y as [Any]): merged[key] = x + y
            default: fatalError("OpenAPI: \(here) is defined twice")
            }
        }
        return merged
    }
}
