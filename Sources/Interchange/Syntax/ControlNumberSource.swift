/// Hands out interchange, group and set control numbers for outbound documents. The hub keeps
/// them in its store so numbers survive restarts; tests use `SequentialControlNumbers`.
public protocol ControlNumberSource: AnyObject {
    func next(_ kind: ControlNumberKind, sender: String, receiver: String) -> Int
}

public enum ControlNumberKind: String, Sendable, CaseIterable {
    case interchange, group, set
}

/// Counts up from a start value per kind, ignoring the partner pair.
public final class SequentialControlNumbers: ControlNumberSource {
    private var counters: [ControlNumberKind: Int]

    public init(interchange: Int = 1, group: Int = 1, set: Int = 1) {
        counters = [.interchange: interchange, .group: group, .set: set]
    }

    public func next(_ kind: ControlNumberKind, sender: String, receiver: String) -> Int {
        let value = counters[kind, default: 1]
        counters[kind] = value + 1
        return value
    }
}

/// A document could not be written as given.
public struct InterchangeWriteError: Error, Equatable, CustomStringConvertible {
    public var segment: String
    public var elementPosition: Int?
    public var message: String

    public var description: String {
        "\(segment)\(elementPosition.map { " element \($0)" } ?? ""): \(message)"
    }
}
