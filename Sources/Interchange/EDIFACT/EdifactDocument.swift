/// An EDIFACT interchange as values: what the writer takes and the reader gives back.
public struct EdifactInterchange: Sendable, Equatable {
    /// UNB S001: syntax identifier (`UNOC`) and version (`3`).
    public var syntaxIdentifier: String
    public var syntaxVersion: String
    public var sender: EdifactParty
    public var recipient: EdifactParty
    /// YYMMDD (CCYYMMDD in syntax 4) and HHMM.
    public var date: String
    public var time: String
    /// UNB05; assigned by the writer.
    public var controlReference: String
    public var applicationReference: String?
    public var testIndicator: Bool
    /// Messages sent without UNG/UNE.
    public var messages: [EdifactMessage]
    /// Messages sent in UNG/UNE groups.
    public var groups: [EdifactGroup]

    public init(syntaxIdentifier: String = "UNOC", syntaxVersion: String = "3", sender: EdifactParty, recipient: EdifactParty,
                date: String, time: String, controlReference: String = "", applicationReference: String? = nil,
                testIndicator: Bool = false, messages: [EdifactMessage] = [], groups: [EdifactGroup] = []) {
        self.syntaxIdentifier = syntaxIdentifier
        self.syntaxVersion = syntaxVersion
        self.sender = sender
        self.recipient = recipient
        self.date = date
        self.time = time
        self.controlReference = controlReference
        self.applicationReference = applicationReference
        self.testIndicator = testIndicator
        self.messages = messages
        self.groups = groups
    }
}

public struct EdifactParty: Sendable, Equatable {
    public var id: String
    /// Partner identification code qualifier, e.g. `14` (GLN), `ZZ`.
    public var qualifier: String?

    public init(id: String, qualifier: String? = nil) {
        self.id = id
        self.qualifier = qualifier
    }
}

public struct EdifactGroup: Sendable, Equatable {
    /// UNG01 message group identification, e.g. `ORDERS`.
    public var groupId: String
    public var sender: EdifactParty
    public var recipient: EdifactParty
    /// UNG05; assigned by the writer.
    public var reference: String
    public var messages: [EdifactMessage]

    public init(groupId: String, sender: EdifactParty, recipient: EdifactParty, reference: String = "", messages: [EdifactMessage]) {
        self.groupId = groupId
        self.sender = sender
        self.recipient = recipient
        self.reference = reference
        self.messages = messages
    }
}

public struct EdifactMessage: Sendable, Equatable {
    /// UNH01; assigned by the writer.
    public var reference: String
    /// S009: type, version, release, agency and association code, e.g. `ORDERS`, `D`, `96A`, `UN`, `EAN008`.
    public var type: String
    public var version: String
    public var release: String
    public var agency: String
    public var associationCode: String?
    /// The segments between UNH and UNT.
    public var segments: [Segment]

    public init(reference: String = "", type: String, version: String = "D", release: String = "96A", agency: String = "UN",
                associationCode: String? = nil, segments: [Segment]) {
        self.reference = reference
        self.type = type
        self.version = version
        self.release = release
        self.agency = agency
        self.associationCode = associationCode
        self.segments = segments
    }
}
