import Foundation
import Procurement

/// How one supplier exchanges documents with the hub: the channel, the standard and version,
/// the interchange identities on both sides, outbound delimiters and the transport.
///
/// Secrets (the cXML shared secret, the partner URL's bearer token) are accepted when written
/// and never shown again: reads carry only `sharedSecretSet` / `bearerTokenSet`.
public struct PartnerProfile: Codable, Sendable, Equatable {
    public enum Channel: String, Codable, Sendable, CaseIterable {
        /// Supplier users answer in the portal.
        case portal
        /// The supplier's system calls API v1 with JSON.
        case api
        case x12
        case edifact
        case cxml

        public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }

        /// Channels that exchange interchanges (and get partner documents on release).
        public var isInterchange: Bool { self == .x12 || self == .edifact || self == .cxml }
    }

    /// Separator characters for outbound X12/EDIFACT documents.
    public struct Delimiters: Codable, Sendable, Equatable {
        public var element: String
        public var component: String
        public var repetition: String?
        public var segment: String
        /// EDIFACT release character.
        public var release: String?

        public init(element: String, component: String, repetition: String? = nil, segment: String, release: String? = nil) {
            self.element = element
            self.component = component
            self.repetition = repetition
            self.segment = segment
            self.release = release
        }
    }

    /// Where outbound documents go.
    public struct Transport: Codable, Sendable, Equatable {
        /// An absolute path with `inbox/`, `outbox/`, `processed/` and `failed/` below it.
        public var dropFolder: String?
        /// The partner's endpoint for outbound documents (HTTP POST).
        public var url: String?
        /// Sent as `Authorization: Bearer …` to `url`. Write-only.
        public var bearerToken: String?
        /// Read-only: whether a bearer token is on file.
        public var bearerTokenSet: Bool?

        public init(dropFolder: String? = nil, url: String? = nil, bearerToken: String? = nil) {
            self.dropFolder = dropFolder
            self.url = url
            self.bearerToken = bearerToken
        }
    }

    /// cXML credentials: ours (From on outbound) and the partner's (From on inbound).
    public struct CXMLIdentity: Codable, Sendable, Equatable {
        public var ourDomain: String
        public var ourIdentity: String
        public var partnerDomain: String
        public var partnerIdentity: String
        /// The secret the partner sends in Header/Sender/Credential/SharedSecret. Write-only; stored hashed.
        public var sharedSecret: String?
        /// Read-only: whether a shared secret is on file.
        public var sharedSecretSet: Bool?

        public init(ourDomain: String, ourIdentity: String, partnerDomain: String, partnerIdentity: String, sharedSecret: String? = nil) {
            self.ourDomain = ourDomain
            self.ourIdentity = ourIdentity
            self.partnerDomain = partnerDomain
            self.partnerIdentity = partnerIdentity
            self.sharedSecret = sharedSecret
        }
    }

    public var supplier: String
    public var channel: Channel
    /// X12 GS08 (`004010`), EDIFACT directory (`D96A`) or cXML release (`1.2.014`).
    public var version: String?
    /// Our interchange id and qualifier (ISA06/ISA05 outbound, UNB sender).
    public var ourId: String?
    public var ourQualifier: String?
    /// The partner's interchange id and qualifier: inbound interchanges must come from it.
    public var partnerId: String?
    public var partnerQualifier: String?
    public var cxml: CXMLIdentity?
    public var delimiters: Delimiters?
    /// The partner wants 997/CONTRL for what it sends (written to its drop folder) and is asked
    /// for them on what we send (ISA14).
    public var functionalAcknowledgements: Bool
    public var transport: Transport?

    public init(supplier: String, channel: Channel, version: String? = nil, ourId: String? = nil, ourQualifier: String? = nil,
                partnerId: String? = nil, partnerQualifier: String? = nil, cxml: CXMLIdentity? = nil, delimiters: Delimiters? = nil,
                functionalAcknowledgements: Bool = true, transport: Transport? = nil) {
        self.supplier = supplier
        self.channel = channel
        self.version = version
        self.ourId = ourId
        self.ourQualifier = ourQualifier
        self.partnerId = partnerId
        self.partnerQualifier = partnerQualifier
        self.cxml = cxml
        self.delimiters = delimiters
        self.functionalAcknowledgements = functionalAcknowledgements
        self.transport = transport
    }

    enum CodingKeys: String, CodingKey {
        case supplier, channel, version, ourId, ourQualifier, partnerId, partnerQualifier, cxml, delimiters
        case functionalAcknowledgements, transport
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        supplier = try c.decodeIfPresent(String.self, forKey: .supplier) ?? ""
        channel = try c.decode(Channel.self, forKey: .channel)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        ourId = try c.decodeIfPresent(String.self, forKey: .ourId)
        ourQualifier = try c.decodeIfPresent(String.self, forKey: .ourQualifier)
        partnerId = try c.decodeIfPresent(String.self, forKey: .partnerId)
        partnerQualifier = try c.decodeIfPresent(String.self, forKey: .partnerQualifier)
        cxml = try c.decodeIfPresent(CXMLIdentity.self, forKey: .cxml)
        delimiters = try c.decodeIfPresent(Delimiters.self, forKey: .delimiters)
        functionalAcknowledgements = try c.decodeIfPresent(Bool.self, forKey: .functionalAcknowledgements) ?? true
        transport = try c.decodeIfPresent(Transport.self, forKey: .transport)
    }

    /// The profile as it may be shown: secrets replaced by "is set" flags.
    public var redacted: PartnerProfile {
        var copy = self
        if var cxml = copy.cxml {
            cxml.sharedSecretSet = cxml.sharedSecretSet ?? (cxml.sharedSecret?.isEmpty == false)
            cxml.sharedSecret = nil
            copy.cxml = cxml
        }
        if var transport = copy.transport {
            transport.bearerTokenSet = transport.bearerTokenSet ?? (transport.bearerToken?.isEmpty == false)
            transport.bearerToken = nil
            copy.transport = transport
        }
        return copy
    }

    /// Field rules. Throws `invalidDocument` listing every field at fault, by JSON Pointer.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        func id(_ value: String?, _ pointer: String, max: Int, required: Bool) {
            guard let value, !value.isEmpty else {
                if required { errors.append(F(pointer: pointer, detail: "is required for the \(channel.rawValue) channel")) }
                return
            }
            if value.count > max || !value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
                || value.contains(where: { "*~>^+:'?|".contains($0) }) {
                errors.append(F(pointer: pointer, detail: "must be 1 to \(max) printable ASCII characters without separator characters"))
            }
        }
        func qualifier(_ value: String?, _ pointer: String, max: Int) {
            guard let value else { return }
            if value.isEmpty || value.count > max || !value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                errors.append(F(pointer: pointer, detail: "must be 1 to \(max) letters or digits"))
            }
        }
        switch channel {
        case .portal, .api:
            for (value, name) in [(ourId, "ourId"), (partnerId, "partnerId")] where value != nil {
                errors.append(F(pointer: "/\(name)", detail: "applies to the x12 and edifact channels only"))
            }
            if delimiters != nil { errors.append(F(pointer: "/delimiters", detail: "applies to the x12 and edifact channels only")) }
            if cxml != nil { errors.append(F(pointer: "/cxml", detail: "applies to the cxml channel only")) }
        case .x12:
            if let version, !(version.count == 6 && version.allSatisfy(\.isNumber)) {
                errors.append(F(pointer: "/version", detail: "must be an X12 version of 6 digits such as 004010"))
            }
            id(ourId, "/ourId", max: 15, required: true)
            id(partnerId, "/partnerId", max: 15, required: true)
            qualifier(ourQualifier, "/ourQualifier", max: 2)
            qualifier(partnerQualifier, "/partnerQualifier", max: 2)
            if cxml != nil { errors.append(F(pointer: "/cxml", detail: "applies to the cxml channel only")) }
        case .edifact:
            if let version, version.range(of: #"^D[0-9]{2}[A-C]$"#, options: .regularExpression) == nil {
                errors.append(F(pointer: "/version", detail: "must be an UN/EDIFACT directory such as D96A"))
            }
            id(ourId, "/ourId", max: 35, required: true)
            id(partnerId, "/partnerId", max: 35, required: true)
            qualifier(ourQualifier, "/ourQualifier", max: 4)
            qualifier(partnerQualifier, "/partnerQualifier", max: 4)
            if cxml != nil { errors.append(F(pointer: "/cxml", detail: "applies to the cxml channel only")) }
        case .cxml:
            if let version, version.range(of: #"^1\.2\.[0-9]{3}$"#, options: .regularExpression) == nil {
                errors.append(F(pointer: "/version", detail: "must be a cXML release such as 1.2.014"))
            }
            if let cxml {
                for (value, name) in [(cxml.ourDomain, "ourDomain"), (cxml.ourIdentity, "ourIdentity"),
                                      (cxml.partnerDomain, "partnerDomain"), (cxml.partnerIdentity, "partnerIdentity")]
                where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > 200 {
                    errors.append(F(pointer: "/cxml/\(name)", detail: "must be 1 to 200 characters"))
                }
                if let secret = cxml.sharedSecret, !secret.isEmpty, secret.count < 8 {
                    errors.append(F(pointer: "/cxml/sharedSecret", detail: "must be at least 8 characters"))
                }
            } else {
                errors.append(F(pointer: "/cxml", detail: "is required for the cxml channel"))
            }
            if delimiters != nil { errors.append(F(pointer: "/delimiters", detail: "applies to the x12 and edifact channels only")) }
        }
        if let d = delimiters {
            var seen: [String] = []
            for (value, name) in [(d.element, "element"), (d.component, "component"), (d.repetition, "repetition"),
                                  (d.segment, "segment"), (d.release, "release")] {
                guard let value else { continue }
                if value.unicodeScalars.count != 1 || !value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
                    || value.first?.isLetter == true || value.first?.isNumber == true || value == " " {
                    errors.append(F(pointer: "/delimiters/\(name)", detail: "must be one printable ASCII character that is not a letter, digit or space"))
                } else if seen.contains(value) {
                    errors.append(F(pointer: "/delimiters/\(name)", detail: "must differ from the other delimiters"))
                }
                seen.append(value)
            }
            if channel == .x12, d.release != nil {
                errors.append(F(pointer: "/delimiters/release", detail: "X12 has no release character"))
            }
        }
        if let t = transport {
            if t.dropFolder != nil && t.url != nil {
                errors.append(F(pointer: "/transport", detail: "give either dropFolder or url, not both"))
            }
            if let folder = t.dropFolder, !folder.hasPrefix("/") || folder.count > 1024 {
                errors.append(F(pointer: "/transport/dropFolder", detail: "must be an absolute path"))
            }
            if let url = t.url {
                let parsed = URL(string: url)
                if parsed == nil || !(parsed?.scheme == "http" || parsed?.scheme == "https") || parsed?.host == nil {
                    errors.append(F(pointer: "/transport/url", detail: "must be an http:// or https:// URL"))
                }
            }
            if t.bearerToken != nil && t.url == nil {
                errors.append(F(pointer: "/transport/bearerToken", detail: "applies to a url transport only"))
            }
            if !channel.isInterchange {
                errors.append(F(pointer: "/transport", detail: "applies to the x12, edifact and cxml channels only"))
            }
        }
        try ProcurementError.throwIfInvalid(errors, what: "partner profile")
    }
}
