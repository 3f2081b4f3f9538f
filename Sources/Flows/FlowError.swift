/// Why a flow refused a request before any business rule ran: identity, permission,
/// existence, idempotency. Business rules throw `ProcurementError` instead.
public struct FlowError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// No credentials, or credentials that match no active client.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// The client is known but its role may not do this.
        public static let forbidden = Code(rawValue: "forbidden")
        /// No such object, or not one this client may see.
        public static let notFound = Code(rawValue: "notFound")
        /// The idempotency key was used before for a different request.
        public static let idempotencyKeyReused = Code(rawValue: "idempotencyKeyReused")
        /// The request names the same thing twice in conflicting ways (path vs body).
        public static let mismatch = Code(rawValue: "mismatch")
        /// The object is not in a state that allows this (e.g. replaying a delivered message).
        public static let conflict = Code(rawValue: "conflict")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension FlowError.Code {
    /// The body is neither X12 (ISA), EDIFACT (UNA/UNB) nor cXML (an XML document).
    public static let unrecognisedInterchange = FlowError.Code(rawValue: "unrecognisedInterchange")
    /// The interchange's envelope cannot be read far enough to acknowledge it.
    public static let malformedInterchange = FlowError.Code(rawValue: "malformedInterchange")
}
