/// A business rule said no. Carries a machine-readable code, a sentence for people, and, for
/// invalid documents, the fields at fault. Every channel renders it in its own shape
/// (problem+json, application advice, a portal message).
public struct ProcurementError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Open set of codes; new ones can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The document breaks a field rule (see `fields`).
        public static let invalidDocument = Code(rawValue: "invalidDocument")
        /// The answer names an older revision than the current one.
        public static let staleRevision = Code(rawValue: "staleRevision")
        /// The answer names a revision that was never released.
        public static let unknownRevision = Code(rawValue: "unknownRevision")
        /// The answer names a line the order does not have.
        public static let unknownLine = Code(rawValue: "unknownLine")
        /// A release reuses a revision number with other content, or goes back in revisions.
        public static let revisionConflict = Code(rawValue: "revisionConflict")
        /// The order is not waiting for an acknowledgement (already answered or in review).
        public static let notAwaitingAcknowledgement = Code(rawValue: "notAwaitingAcknowledgement")
        /// The order names a supplier the hub does not know.
        public static let unknownSupplier = Code(rawValue: "unknownSupplier")
        /// A release tries to move an order to another supplier.
        public static let supplierChanged = Code(rawValue: "supplierChanged")
        /// The exception was already resolved or superseded.
        public static let exceptionNotOpen = Code(rawValue: "exceptionNotOpen")
    }

    /// One field at fault, located by JSON Pointer (RFC 6901).
    public struct FieldError: Equatable, Sendable, Codable {
        public let pointer: String
        public let detail: String
        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }
    }

    public let code: Code
    public let message: String
    public let fields: [FieldError]

    public init(_ code: Code, _ message: String, fields: [FieldError] = []) {
        self.code = code
        self.message = message
        self.fields = fields
    }

    public var description: String { message }

    /// Throws `invalidDocument` listing every field error, if there are any.
    public static func throwIfInvalid(_ fields: [FieldError], what: String) throws {
        guard !fields.isEmpty else { return }
        let first = fields[0]
        let more = fields.count > 1 ? " (and \(fields.count - 1) more)" : ""
        throw ProcurementError(.invalidDocument, "The \(what) is invalid: \(first.pointer): \(first.detail)\(more).", fields: fields)
    }
}
