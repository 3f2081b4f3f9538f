import Foundation

/// The supplier's answer to one line.
public enum LineAnswer: String, Sendable, Codable, CaseIterable {
    case accepted
    case changed
    case rejected

    public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }
}

/// Decodes a string enum with an error that lists the allowed values.
public enum StrictEnum {
    public static func decode<E: RawRepresentable & CaseIterable>(from decoder: Decoder) throws -> E where E.RawValue == String {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be one of \(allowed), got \"\(raw)\"")
        }
        return value
    }
}

/// One line of an order response.
public struct LineResponse: Equatable, Sendable, Codable {
    public var line: Int
    public var status: LineAnswer
    /// Why the supplier rejected or changed the line, in their words.
    public var reason: String?
    /// Proposed deliveries, for a changed line.
    public var schedule: [ScheduleLine]?
    /// Proposed unit price, for a changed line.
    public var unitPrice: Decimal?

    public init(line: Int, status: LineAnswer, reason: String? = nil, schedule: [ScheduleLine]? = nil, unitPrice: Decimal? = nil) {
        self.line = line
        self.status = status
        self.reason = reason
        self.schedule = schedule
        self.unitPrice = unitPrice
    }

    enum CodingKeys: String, CodingKey { case line, status, reason, schedule, unitPrice }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = try c.decode(Int.self, forKey: .line)
        status = try c.decode(LineAnswer.self, forKey: .status)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        schedule = try c.decodeIfPresent([ScheduleLine].self, forKey: .schedule)
        unitPrice = try c.decodeDecimalIfPresent(forKey: .unitPrice)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(schedule, forKey: .schedule)
        try c.encodeDecimalIfPresent(unitPrice, forKey: .unitPrice)
    }
}

/// A supplier's acknowledgement of one revision of a purchase order.
public struct OrderResponse: Equatable, Sendable, Codable {
    public var revision: Int
    public var lines: [LineResponse]

    public init(revision: Int, lines: [LineResponse]) {
        self.revision = revision
        self.lines = lines
    }
}

/// Why a decision went the way it did, per line where it applies.
public struct Reason: Equatable, Sendable, Codable {
    public var code: String
    public var message: String
    public var line: Int?

    public init(code: Code, message: String, line: Int? = nil) {
        self.code = code.rawValue
        self.message = message
        self.line = line
    }

    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let dateOutOfTolerance = Code(rawValue: "dateOutOfTolerance")
        public static let quantityOutOfTolerance = Code(rawValue: "quantityOutOfTolerance")
        public static let priceOutOfTolerance = Code(rawValue: "priceOutOfTolerance")
        public static let lineRejected = Code(rawValue: "lineRejected")
        public static let orderRejected = Code(rawValue: "orderRejected")
    }
}

/// What the hub decided about an acknowledgement.
public enum Decision: String, Sendable, Codable {
    /// Post to the ERP: the order stands as answered.
    case confirmed
    /// Hold for a buyer: the answer is outside the supplier's tolerances.
    case inReview
    /// The supplier declined the whole order.
    case rejected

    /// The order status that follows the decision.
    public var orderStatus: OrderStatus {
        switch self {
        case .confirmed: return .confirmed
        case .inReview: return .inReview
        case .rejected: return .rejected
        }
    }
}
