import Foundation

/// Which way an interchange travelled.
public enum InterchangeDirection: String, Sendable, Codable, CaseIterable {
    case inbound
    case outbound
}

/// Where an interchange stands.
public enum InterchangeStatus: String, Sendable, Codable, CaseIterable {
    /// Inbound: the raw bytes are stored and processing has not finished.
    case received
    /// Inbound: every document in it was accepted.
    case processed
    /// Inbound: some documents were accepted, others rejected.
    case partiallyProcessed
    /// Inbound: nothing in it was applied.
    case rejected
    /// Outbound: written and queued for delivery through the outbox.
    case queued
    /// Outbound: the partner's transport took it.
    case delivered
    /// Outbound: delivery was given up on (see the dead letters); replaying the dead letter
    /// delivers it again.
    case undeliverable
}

/// One interchange as received or sent, with its raw bytes kept for inspection and replay.
public struct InterchangeRecord: Sendable, Equatable {
    public let id: String
    public let supplier: String
    public let direction: InterchangeDirection
    /// `X12`, `EDIFACT` or `cXML`.
    public let standard: String
    /// The sender's interchange id as the envelope gives it (ISA06, UNB sender, cXML From identity).
    public let senderID: String
    /// ISA13, UNB05 or the cXML payloadID; several joined with `+` when one body held several interchanges.
    public let controlNumber: String
    /// What the hub deduplicates inbound interchanges on: supplier, standard, sender and control number.
    public let dedupeKey: String
    /// `file name` for drop folders, `http` for the API, `release` for outbound.
    public let source: String
    /// The client that sent it (inbound over HTTP), or the hub.
    public let clientID: String
    public let receivedAt: Date
    public var verdict: String?
    public var status: InterchangeStatus
    /// JSON object: the envelope check and the outcome of every document.
    public var reportJSON: String
    public var acknowledgement: [UInt8]?
    public var acknowledgementType: String?
    public var updatedAt: Date
    /// Inbound: while set and in the future, the interchange is being processed and a duplicate
    /// waits for that outcome instead of processing it too (stored with the report until the outcome is).
    public var claimedUntil: Date?

    public init(id: String, supplier: String, direction: InterchangeDirection, standard: String, senderID: String,
                controlNumber: String, dedupeKey: String, source: String, clientID: String, receivedAt: Date,
                verdict: String? = nil, status: InterchangeStatus, reportJSON: String = "{}",
                acknowledgement: [UInt8]? = nil, acknowledgementType: String? = nil, updatedAt: Date? = nil,
                claimedUntil: Date? = nil) {
        self.id = id
        self.supplier = supplier
        self.direction = direction
        self.standard = standard
        self.senderID = senderID
        self.controlNumber = controlNumber
        self.dedupeKey = dedupeKey
        self.source = source
        self.clientID = clientID
        self.receivedAt = receivedAt
        self.verdict = verdict
        self.status = status
        self.reportJSON = reportJSON
        self.acknowledgement = acknowledgement
        self.acknowledgementType = acknowledgementType
        self.updatedAt = updatedAt ?? receivedAt
        self.claimedUntil = claimedUntil
    }
}

/// A business document received in an interchange whose lifecycle the hub does not run yet
/// (ship notices, invoices, functional acknowledgements): kept in canonical JSON.
public struct ReceivedDocument: Sendable, Equatable {
    public let id: String
    public let interchangeID: String
    public let supplier: String
    /// `shipNotice`, `invoice`, `functionalAcknowledgement`.
    public let kind: String
    /// The document's own number (ASN id, invoice number, acknowledged control number).
    public let number: String
    public let json: String
    public let receivedAt: Date

    public init(id: String, interchangeID: String, supplier: String, kind: String, number: String, json: String, receivedAt: Date) {
        self.id = id
        self.interchangeID = interchangeID
        self.supplier = supplier
        self.kind = kind
        self.number = number
        self.json = json
        self.receivedAt = receivedAt
    }
}

/// A partner profile as stored: the profile without secrets, the shared secret's hash and the
/// outbound bearer token.
public struct StoredPartnerProfile: Sendable, Equatable {
    public let profile: PartnerProfile
    public let sharedSecretHash: [UInt8]?
    public let bearerToken: String?
    public let updatedAt: Date

    public init(profile: PartnerProfile, sharedSecretHash: [UInt8]?, bearerToken: String?, updatedAt: Date) {
        self.profile = profile
        self.sharedSecretHash = sharedSecretHash
        self.bearerToken = bearerToken
        self.updatedAt = updatedAt
    }
}
