/// The outcome of checking one file of interchanges, as shown by `supplyline edi check`.
public struct CheckReport: Codable, Sendable, Equatable {
    public var verdict: Verdict
    public var standard: Standard
    /// X12 GS08 (or ISA12 without groups); EDIFACT syntax identifier and version, e.g. `UNOC:3`.
    public var version: String?
    public var interchanges: [InterchangeSummary]
    /// Problems that decide the verdict.
    public var errors: [InterchangeIssue]
    /// Observations that do not change the verdict (character repertoire, duplicate numbers across interchanges).
    public var notes: [InterchangeIssue]

    public init(verdict: Verdict, standard: Standard, version: String?, interchanges: [InterchangeSummary],
                errors: [InterchangeIssue], notes: [InterchangeIssue]) {
        self.verdict = verdict
        self.standard = standard
        self.version = version
        self.interchanges = interchanges
        self.errors = errors
        self.notes = notes
    }
}

public enum Verdict: String, Codable, Sendable, Comparable {
    case accepted
    case acceptedWithErrors
    case rejected

    private var rank: Int {
        switch self {
        case .accepted: 0
        case .acceptedWithErrors: 1
        case .rejected: 2
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }

    /// Verdict of a container from its parts: all accepted, all rejected, or a mix.
    static func combining(_ parts: [Verdict]) -> Verdict {
        if parts.isEmpty { return .accepted }
        if parts.allSatisfy({ $0 == .rejected }) { return .rejected }
        if parts.allSatisfy({ $0 == .accepted }) { return .accepted }
        return .acceptedWithErrors
    }
}

public enum Standard: String, Codable, Sendable {
    case x12 = "X12"
    case edifact = "EDIFACT"
    case unknown
}

public struct InterchangeSummary: Codable, Sendable, Equatable {
    public var controlNumber: String
    public var sender: String
    public var receiver: String
    /// X12 ISA12 or EDIFACT syntax identifier:version.
    public var version: String
    public var verdict: Verdict
    public var groups: [GroupSummary]
}

public struct GroupSummary: Codable, Sendable, Equatable {
    /// GS06 / UNG05; nil for the implicit group of EDIFACT messages sent without UNG.
    public var controlNumber: String?
    /// GS01 / UNG01.
    public var functionalId: String?
    /// GS08 / UNG07.
    public var version: String?
    public var verdict: Verdict
    /// Number of sets / messages in the group; `sets` may list fewer when a summary limit is set.
    public var setCount: Int
    public var sets: [SetSummary]
}

public struct SetSummary: Codable, Sendable, Equatable {
    /// ST01 (`850`) or UNH message type (`ORDERS`).
    public var type: String
    public var controlNumber: String
    /// Segments counted, header and trailer included.
    public var segments: Int
    /// EDIFACT message version, e.g. `D:96A:UN`; X12 ST03 when present.
    public var version: String?
    public var verdict: Verdict
}
