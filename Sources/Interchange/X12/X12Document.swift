/// An X12 interchange as values: what the writer takes and the reader gives back.
public struct X12Interchange: Sendable, Equatable {
    public var header: X12InterchangeHeader
    public var groups: [X12FunctionalGroup]

    public init(header: X12InterchangeHeader, groups: [X12FunctionalGroup]) {
        self.header = header
        self.groups = groups
    }
}

/// The ISA fields other than the delimiters.
public struct X12InterchangeHeader: Sendable, Equatable {
    public var authorizationQualifier = "00"
    public var authorization = ""
    public var securityQualifier = "00"
    public var security = ""
    public var senderQualifier: String
    public var senderId: String
    public var receiverQualifier: String
    public var receiverId: String
    /// YYMMDD.
    public var date: String
    /// HHMM.
    public var time: String
    /// ISA12, e.g. `00401`.
    public var version: String
    /// ISA13 as written (9 digits); assigned by the writer.
    public var controlNumber: String
    public var acknowledgmentRequested: Bool
    /// `P` production, `T` test.
    public var usage: String

    public init(senderQualifier: String = "ZZ", senderId: String, receiverQualifier: String = "ZZ", receiverId: String,
                date: String, time: String, version: String = "00401", controlNumber: String = "",
                acknowledgmentRequested: Bool = false, usage: String = "P") {
        self.senderQualifier = senderQualifier
        self.senderId = senderId
        self.receiverQualifier = receiverQualifier
        self.receiverId = receiverId
        self.date = date
        self.time = time
        self.version = version
        self.controlNumber = controlNumber
        self.acknowledgmentRequested = acknowledgmentRequested
        self.usage = usage
    }
}

public struct X12FunctionalGroup: Sendable, Equatable {
    /// GS01, e.g. `PO`, `PR`, `FA`.
    public var functionalId: String
    public var applicationSender: String
    public var applicationReceiver: String
    /// CCYYMMDD.
    public var date: String
    /// HHMM.
    public var time: String
    /// GS06; assigned by the writer.
    public var controlNumber: String
    /// GS08, e.g. `004010`.
    public var version: String
    public var sets: [X12TransactionSet]

    public init(functionalId: String, applicationSender: String, applicationReceiver: String, date: String, time: String,
                controlNumber: String = "", version: String = "004010", sets: [X12TransactionSet]) {
        self.functionalId = functionalId
        self.applicationSender = applicationSender
        self.applicationReceiver = applicationReceiver
        self.date = date
        self.time = time
        self.controlNumber = controlNumber
        self.version = version
        self.sets = sets
    }
}

public struct X12TransactionSet: Sendable, Equatable {
    /// ST01, e.g. `850`.
    public var type: String
    /// ST02; assigned by the writer.
    public var controlNumber: String
    /// The segments between ST and SE.
    public var segments: [Segment]

    public init(type: String, controlNumber: String = "", segments: [Segment]) {
        self.type = type
        self.controlNumber = controlNumber
        self.segments = segments
    }
}
