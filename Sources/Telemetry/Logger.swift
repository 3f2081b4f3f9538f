/// A structured logger writing one JSON object per line:
/// `{"ts":"…","level":"info","logger":"label","msg":"…",<fields>}`.
/// Loggers are values: pass them in, and add context with `with(_:)`.
public struct Logger: Sendable {
    public var label: String
    public var level: LogLevel
    public let sink: LogSink
    public private(set) var fields: [String: LogValue]

    private static let reserved: Set<String> = ["ts", "level", "logger", "msg"]

    public init(label: String, level: LogLevel = .info, sink: LogSink = .standardError) {
        self.label = label
        self.level = level
        self.sink = sink
        self.fields = [:]
    }

    /// A logger that adds `fields` to every line (later values win).
    public func with(_ fields: [String: LogValue]) -> Logger {
        var copy = self
        copy.fields.merge(fields) { _, new in new }
        return copy
    }

    public func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    public func debug(_ message: String, _ fields: [String: LogValue] = [:]) {
        log(.debug, message, fields)
    }

    public func info(_ message: String, _ fields: [String: LogValue] = [:]) {
        log(.info, message, fields)
    }

    public func warning(_ message: String, _ fields: [String: LogValue] = [:]) {
        log(.warning, message, fields)
    }

    public func error(_ message: String, _ fields: [String: LogValue] = [:]) {
        log(.error, message, fields)
    }

    public func log(_ level: LogLevel, _ message: String, _ fields: [String: LogValue] = [:]) {
        guard isEnabled(level) else { return }
        sink.write(line(level: level, message: message, fields: fields, timestamp: Timestamp.now()))
    }

    /// The JSON line for a message; context and call fields follow the fixed members in key order.
    func line(level: LogLevel, message: String, fields extra: [String: LogValue], timestamp: String) -> String {
        var merged = fields
        merged.merge(extra) { _, new in new }
        var out = "{\"ts\":\"\(timestamp)\",\"level\":\"\(level.name)\",\"logger\":"
        out += JSONText.quoted(label)
        out += ",\"msg\":"
        out += JSONText.quoted(message)
        for key in merged.keys.sorted() where !Self.reserved.contains(key) {
            out += ","
            out += JSONText.quoted(key)
            out += ":"
            out += merged[key]!.json
        }
        out += "}"
        return out
    }
}
