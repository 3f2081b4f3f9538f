#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where log lines go. Each `write` emits one whole line; concurrent writers never interleave.
public final class LogSink: Sendable {
    private enum Target {
        case descriptor(Int32, owned: Bool)
        case memory
        case discard
    }

    private let target: Target
    /// Serializes writes to the descriptor and holds the memory sink's lines.
    private let state = Mutex<[String]>([])

    private init(target: Target) {
        self.target = target
    }

    deinit {
        if case .descriptor(let fd, owned: true) = target {
            close(fd)
        }
    }

    public static let standardError = LogSink(target: .descriptor(2, owned: false))
    public static let standardOutput = LogSink(target: .descriptor(1, owned: false))
    public static let discard = LogSink(target: .discard)

    /// Appends to the file at `path`, creating it if needed.
    public static func file(path: String) throws -> LogSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LogSinkError(path: path, message: String(cString: strerror(errno)))
        }
        return LogSink(target: .descriptor(fd, owned: true))
    }

    /// Keeps lines in memory; read them back with `lines`.
    public static func memory() -> LogSink {
        LogSink(target: .memory)
    }

    /// The lines written to a memory sink so far (empty for other sinks).
    public var lines: [String] {
        state.withLock { $0 }
    }

    /// Writes one line; a trailing newline is added.
    public func write(_ line: String) {
        switch target {
        case .discard:
            return
        case .memory:
            state.withLock { $0.append(line) }
        case .descriptor(let fd, _):
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            state.withLock { _ in
                var offset = 0
                while offset < bytes.count {
                    let n = bytes.withUnsafeBytes { raw in
                        Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    }
                    if n < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += n
                }
            }
        }
    }
}

/// A log file could not be opened.
public struct LogSinkError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "cannot open log file \(path): \(message)" }
}
