import Foundation
import Procurement

/// One cXML credential: a domain (`NetworkID`, `DUNS`, …) and an identity, plus the shared
/// secret when the party authenticates with one. The secret never appears in `description`.
public struct CXMLCredential: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var domain: String
    public var identity: String
    public var sharedSecret: String?

    public init(domain: String, identity: String, sharedSecret: String? = nil) {
        self.domain = domain
        self.identity = identity
        self.sharedSecret = sharedSecret
    }

    public var description: String { "\(domain):\(identity)" }
    public var debugDescription: String { "\(domain):\(identity)\(sharedSecret == nil ? "" : " (with shared secret)")" }

    var element: CXMLElement {
        CXMLElement("Credential", [("domain", domain)], children: [CXMLElement("Identity", text: identity)]
                    + (sharedSecret.map { [CXMLElement("SharedSecret", text: $0)] } ?? []))
    }
}

/// The cXML Header: who sent the document for whom, and how the sender proves it.
public struct CXMLHeader: Sendable, Equatable {
    public var from: [CXMLCredential]
    public var to: [CXMLCredential]
    public var sender: CXMLCredential
    public var userAgent: String

    public init(from: [CXMLCredential], to: [CXMLCredential], sender: CXMLCredential, userAgent: String = "Supplyline") {
        self.from = from
        self.to = to
        self.sender = sender
        self.userAgent = userAgent
    }

    var element: CXMLElement {
        CXMLElement("Header", children: [
            CXMLElement("From", children: from.map(\.element)),
            CXMLElement("To", children: to.map(\.element)),
            CXMLElement("Sender", children: [sender.element, CXMLElement("UserAgent", text: userAgent)]),
        ])
    }

    init(_ header: CXMLElement) throws(MapError) {
        func credentials(_ name: String) throws(MapError) -> [CXMLCredential] {
            guard let party = header.child(name) else { throw CXMLRead.missing("Header/\(name)") }
            let list = party.children("Credential")
            guard !list.isEmpty else { throw CXMLRead.missing("Header/\(name)/Credential") }
            var result: [CXMLCredential] = []
            for credential in list {
                guard let domain = credential["domain"] else { throw CXMLRead.missing("Header/\(name)/Credential/@domain") }
                guard let identity = credential.text(at: "Identity") else { throw CXMLRead.missing("Header/\(name)/Credential/Identity") }
                result.append(CXMLCredential(domain: domain, identity: identity, sharedSecret: credential.text(at: "SharedSecret")))
            }
            return result
        }
        from = try credentials("From")
        to = try credentials("To")
        sender = try credentials("Sender")[0]
        userAgent = header.text(at: "Sender/UserAgent") ?? ""
    }
}

/// A parsed cXML document: its identity, its Header, and the one message inside Request (or the Response).
public struct CXMLEnvelope: Sendable, Equatable {
    public var payloadID: String
    public var timestamp: String
    public var header: CXMLHeader?
    /// The element inside `Request`, such as `ConfirmationRequest`; nil for a Response.
    public var request: CXMLElement?
    /// `Response/Status` code and message, for a Response document.
    public var statusCode: Int?
    public var statusText: String?

    /// Parses a cXML document without fetching its DTD.
    public static func parse(_ bytes: [UInt8]) throws(MapError) -> CXMLEnvelope {
        let root = try CXMLTreeParser.parse(bytes)
        guard root.name == "cXML" else {
            throw MapError(code: "notCXML", segment: root.name, message: "The root element is <\(root.name)>, not <cXML>.")
        }
        guard let payloadID = root["payloadID"] else { throw CXMLRead.missing("cXML/@payloadID") }
        guard let timestamp = root["timestamp"] else { throw CXMLRead.missing("cXML/@timestamp") }
        var envelope = CXMLEnvelope(payloadID: payloadID, timestamp: timestamp)
        if let response = root.child("Response") {
            guard let status = response.child("Status") else { throw CXMLRead.missing("Response/Status") }
            guard let code = status["code"].flatMap({ Int($0) }) else { throw CXMLRead.missing("Response/Status/@code") }
            envelope.statusCode = code
            envelope.statusText = status.text.isEmpty ? status["text"] : status.text
            return envelope
        }
        guard let header = root.child("Header") else { throw CXMLRead.missing("cXML/Header") }
        envelope.header = try CXMLHeader(header)
        guard let request = root.child("Request") else { throw CXMLRead.missing("cXML/Request") }
        guard let message = request.children.first else { throw CXMLRead.missing("cXML/Request/*") }
        envelope.request = message
        return envelope
    }

    init(payloadID: String, timestamp: String) {
        self.payloadID = payloadID
        self.timestamp = timestamp
    }
}

/// Shared pieces of reading and writing cXML.
enum CXMLRead {
    /// The cXML release written in DOCTYPE lines.
    static let version = "1.2.014"

    static func missing(_ path: String) -> MapError {
        let parts = path.split(separator: "/")
        return MapError(code: "missingElement", segment: parts.dropLast().joined(separator: "/"), element: parts.last.map(String.init),
                        message: "Required \(path) is missing.")
    }

    static func required(_ element: CXMLElement, _ attribute: String, at path: String) throws(MapError) -> String {
        guard let value = element[attribute] else { throw missing("\(path)/@\(attribute)") }
        return value
    }

    /// An ISO 8601 date or date-time attribute as the calendar date the sender wrote.
    static func date(_ text: String, at path: String) throws(MapError) -> LocalDate {
        guard let date = LocalDate(iso: String(text.prefix(10))), text.utf8.count == 10 || text.dropFirst(10).hasPrefix("T") else {
            let parts = path.split(separator: "/")
            throw MapError(code: "badDate", segment: parts.dropLast().joined(separator: "/"), element: parts.last.map(String.init),
                           message: "\(path) \"\(text)\" is not an ISO 8601 date.")
        }
        return date
    }

    static func decimal(_ text: String, at path: String, positive: Bool = false) throws(MapError) -> Decimal {
        let parts = path.split(separator: "/")
        let segment = parts.dropLast().joined(separator: "/")
        let element = parts.last.map(String.init)
        guard let value = DecimalText.parse(text.replacingOccurrences(of: ",", with: "")) else {
            throw MapError(code: positive ? "badQuantity" : "badNumber", segment: segment, element: element, message: "\(path) \"\(text)\" is not a decimal number.")
        }
        if positive && value <= 0 {
            throw MapError(code: "badQuantity", segment: segment, element: element, message: "\(path) \(text) must be greater than zero.")
        }
        return value
    }

    static func document(_ root: CXMLElement, dtd: String = "cXML.dtd") -> [UInt8] {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/\(version)/\(dtd)\">\n"
            + root.rendered()
        return Array(text.utf8)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
