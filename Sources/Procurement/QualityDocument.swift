/// What a quality document certifies.
public enum QualityDocumentType: String, Sendable, Codable, CaseIterable {
    case certificateOfConformance
    case certificateOfAnalysis
    case ppap
    case other

    /// Certificates release ship notices held for want of one.
    public var isCertificate: Bool { self == .certificateOfConformance || self == .certificateOfAnalysis }
}

/// Checks that an uploaded file is what its Content-Type says, from its first bytes, so a
/// renamed executable is not stored as a PDF. Pure: bytes in, verdict out.
public enum ContentSniffer {
    /// The media types the hub stores, as they are served back.
    public static let supported = ["application/pdf", "image/png", "image/jpeg", "text/plain", "application/xml", "text/xml"]

    public enum Verdict: Equatable, Sendable {
        /// The bytes match; the normalised media type to store.
        case accepted(String)
        /// The Content-Type is not one the hub stores.
        case unsupported(String)
        /// The bytes are not of the declared type; `detected` is what they look like, when known.
        case mismatch(declared: String, detected: String?)
    }

    public static func check(contentType: String, bytes: [UInt8]) -> Verdict {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard supported.contains(media) else { return .unsupported(media) }
        let detected = detect(bytes)
        let matches: Bool
        switch media {
        case "text/plain": matches = detected == "text/plain" || detected == "application/xml"
        case "application/xml", "text/xml": matches = detected == "application/xml"
        default: matches = detected == media
        }
        return matches ? .accepted(media) : .mismatch(declared: media, detected: detected)
    }

    /// What the bytes look like: a signature for binary formats, well-formed-looking UTF-8 for text.
    public static func detect(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        guard isText(bytes) else { return nil }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "<") ? "application/xml" : "text/plain"
    }

    /// Valid UTF-8 without control characters other than tab, line feed, carriage return and form feed.
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, String(validating: bytes, as: UTF8.self) != nil else { return false }
        return bytes.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C } && !bytes.contains(0x7F)
    }
}
