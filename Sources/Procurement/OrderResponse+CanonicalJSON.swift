import Foundation

// The acknowledgement's documents in canonical JSON (see `CanonicalJSON`): the same text
// `JSONEncoder` with sorted keys writes, and a fast path for reading them.

extension OrderResponse {
    /// `{"lines":[…],"revision":…}`, byte for byte what `JSONEncoder` with
    /// `[.sortedKeys, .withoutEscapingSlashes]` writes.
    public var canonicalJSON: String {
        var w = CanonicalJSON.Writer(capacity: 64 + lines.count * 64)
        write(to: &w)
        return w.string
    }

    public func write(to w: inout CanonicalJSON.Writer) {
        w.raw("{\"lines\":")
        w.array(lines) { w, line in line.write(to: &w) }
        w.raw(",\"revision\":")
        w.int(revision)
        w.byte(UInt8(ascii: "}"))
    }

    /// Reads an order response in its plain shape; nil for anything else (including every
    /// invalid document), which `JSONDecoder` then reads and reports on.
    public init?(canonicalJSON bytes: [UInt8]) {
        guard let value = CanonicalJSON.Reader.read(bytes, OrderResponse.read(from:)) else { return nil }
        self = value
    }

    /// The same, reading the text's UTF-8 in place.
    public init?(canonicalJSON text: String) {
        guard let value = CanonicalJSON.Reader.read(text, OrderResponse.read(from:)) else { return nil }
        self = value
    }

    static func read(from r: inout CanonicalJSON.Reader) -> OrderResponse? {
        var revision: Int?
        var lines: [LineResponse]?
        let ok = r.object(keys: ["revision", "lines"]) { r, key in
            switch key {
            case 0:
                revision = r.int()
                return revision != nil
            default:
                var list: [LineResponse] = []
                guard r.array({ r in
                    guard let line = LineResponse.read(from: &r) else { return false }
                    list.append(line)
                    return true
                }) else { return false }
                lines = list
                return true
            }
        }
        guard ok, let revision, let lines else { return nil }
        return OrderResponse(revision: revision, lines: lines)
    }
}

extension LineResponse {
    /// Keys in sorted order: line, reason, schedule, status, unitPrice; absent optionals omitted.
    public func write(to w: inout CanonicalJSON.Writer) {
        w.raw("{\"line\":")
        w.int(line)
        if let reason {
            w.raw(",\"reason\":")
            w.string(reason)
        }
        if let schedule {
            w.raw(",\"schedule\":")
            ScheduleLine.write(schedule, to: &w)
        }
        w.raw(",\"status\":")
        w.string(status.rawValue)
        if let unitPrice {
            w.raw(",\"unitPrice\":")
            w.decimal(unitPrice)
        }
        w.byte(UInt8(ascii: "}"))
    }

    static func read(from r: inout CanonicalJSON.Reader) -> LineResponse? {
        var line: Int?
        var status: LineAnswer?
        var reason: String?
        var schedule: [ScheduleLine]?
        var unitPrice: Decimal?
        let ok = r.object(keys: ["line", "status", "reason", "schedule", "unitPrice"]) { r, key in
            switch key {
            case 0:
                line = r.int()
                return line != nil
            case 1:
                status = r.string().flatMap(LineAnswer.init(rawValue:))
                return status != nil
            case 2:
                if r.consumeNull() { return true }
                reason = r.string()
                return reason != nil
            case 3:
                if r.consumeNull() { return true }
                schedule = ScheduleLine.readArray(from: &r)
                return schedule != nil
            default:
                if r.consumeNull() { return true }
                unitPrice = r.decimal()
                return unitPrice != nil
            }
        }
        guard ok, let line, let status else { return nil }
        return LineResponse(line: line, status: status, reason: reason, schedule: schedule, unitPrice: unitPrice)
    }
}

extension ScheduleLine {
    /// `[{"date":…,"quantity":…},…]`
    public static func write(_ schedule: [ScheduleLine], to w: inout CanonicalJSON.Writer) {
        w.array(schedule) { w, s in
            w.raw("{\"date\":")
            w.string(s.date.iso)
            w.raw(",\"quantity\":")
            w.decimal(s.quantity)
            w.byte(UInt8(ascii: "}"))
        }
    }

    static func readArray(from r: inout CanonicalJSON.Reader) -> [ScheduleLine]? {
        var list: [ScheduleLine] = []
        let ok = r.array { r in
            var quantity: Decimal?
            var date: LocalDate?
            guard r.object(keys: ["quantity", "date"], { r, key in
                if key == 0 {
                    quantity = r.decimal()
                    return quantity != nil
                }
                date = r.date()
                return date != nil
            }), let quantity, let date else { return false }
            list.append(ScheduleLine(quantity: quantity, date: date))
            return true
        }
        return ok ? list : nil
    }
}

extension ConfirmedLine {
    /// `[{"cancelled"?:true,"line":…,"reason"?:…,"schedule":[…],"status":…,"unitPrice":…},…]`
    public static func canonicalJSON(_ lines: [ConfirmedLine]) -> String {
        var w = CanonicalJSON.Writer(capacity: 16 + lines.count * 128)
        w.array(lines) { w, l in
            if l.cancelled { w.raw("{\"cancelled\":true,\"line\":") } else { w.raw("{\"line\":") }
            w.int(l.line)
            if let reason = l.reason {
                w.raw(",\"reason\":")
                w.string(reason)
            }
            w.raw(",\"schedule\":")
            ScheduleLine.write(l.schedule, to: &w)
            w.raw(",\"status\":")
            w.string(l.status.rawValue)
            w.raw(",\"unitPrice\":")
            w.decimal(l.unitPrice)
            w.byte(UInt8(ascii: "}"))
        }
        return w.string
    }

    /// One confirmed line as `JSONDecoder` reads it: `schedule` and `unitPrice` required,
    /// `reason` and `cancelled` optional (null or absent; `cancelled` then false).
    static func read(from r: inout CanonicalJSON.Reader) -> ConfirmedLine? {
        var line: Int?
        var status: LineAnswer?
        var schedule: [ScheduleLine]?
        var unitPrice: Decimal?
        var reason: String?
        var cancelled: Bool?
        // In the order the writer puts them, which is the order keys are looked up in.
        let ok = r.object(keys: ["cancelled", "line", "reason", "schedule", "status", "unitPrice"]) { r, key in
            switch key {
            case 0:
                if r.consumeNull() { return true }
                cancelled = r.bool()
                return cancelled != nil
            case 1:
                line = r.int()
                return line != nil
            case 2:
                if r.consumeNull() { return true }
                reason = r.string()
                return reason != nil
            case 3:
                schedule = ScheduleLine.readArray(from: &r)
                return schedule != nil
            case 4:
                status = r.string().flatMap(LineAnswer.init(rawValue:))
                return status != nil
            default:
                unitPrice = r.decimal()
                return unitPrice != nil
            }
        }
        guard ok, let line, let status, let schedule, let unitPrice else { return nil }
        return ConfirmedLine(line: line, status: status, schedule: schedule, unitPrice: unitPrice, reason: reason,
                             cancelled: cancelled ?? false)
    }

    static func readArray(from r: inout CanonicalJSON.Reader) -> [ConfirmedLine]? {
        r.list(ConfirmedLine.read(from:))
    }
}

extension Array where Element == ConfirmedLine {
    /// Reads stored confirmed lines in their plain shape (what `ConfirmedLine.canonicalJSON`
    /// and `JSONEncoder` write); nil for anything else, which `JSONDecoder` then reads.
    public init?(canonicalJSON bytes: [UInt8]) {
        guard let value = CanonicalJSON.Reader.read(bytes, ConfirmedLine.readArray(from:)) else { return nil }
        self = value
    }

    /// The same, reading the text's UTF-8 in place.
    public init?(canonicalJSON text: String) {
        guard let value = CanonicalJSON.Reader.read(text, ConfirmedLine.readArray(from:)) else { return nil }
        self = value
    }
}

extension Reason {
    /// `[{"code":…,"line"?:…,"message":…},…]`
    public static func canonicalJSON(_ reasons: [Reason]) -> String {
        if reasons.isEmpty { return "[]" }
        var w = CanonicalJSON.Writer(capacity: 16 + reasons.count * 160)
        w.array(reasons) { w, reason in
            w.raw("{\"code\":")
            w.string(reason.code)
            if let line = reason.line {
                w.raw(",\"line\":")
                w.int(line)
            }
            w.raw(",\"message\":")
            w.string(reason.message)
            w.byte(UInt8(ascii: "}"))
        }
        return w.string
    }

    /// One reason as `JSONDecoder` reads it: `line` optional (null or absent).
    static func read(from r: inout CanonicalJSON.Reader) -> Reason? {
        var code: String?
        var message: String?
        var line: Int?
        let ok = r.object(keys: ["code", "line", "message"]) { r, key in
            switch key {
            case 0:
                code = r.string()
                return code != nil
            case 1:
                if r.consumeNull() { return true }
                line = r.int()
                return line != nil
            default:
                message = r.string()
                return message != nil
            }
        }
        guard ok, let code, let message else { return nil }
        return Reason(code: Code(rawValue: code), message: message, line: line)
    }

    static func readArray(from r: inout CanonicalJSON.Reader) -> [Reason]? {
        r.list(Reason.read(from:))
    }
}

extension Array where Element == Reason {
    /// Reads stored reasons in their plain shape (what `Reason.canonicalJSON` and
    /// `JSONEncoder` write); nil for anything else, which `JSONDecoder` then reads.
    public init?(canonicalJSON bytes: [UInt8]) {
        guard let value = CanonicalJSON.Reader.read(bytes, Reason.readArray(from:)) else { return nil }
        self = value
    }

    /// The same, reading the text's UTF-8 in place.
    public init?(canonicalJSON text: String) {
        guard let value = CanonicalJSON.Reader.read(text, Reason.readArray(from:)) else { return nil }
        self = value
    }
}
