import Foundation
import Synchronization

/// Where flows and services get the time, so rules and retries can be tested without waiting.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The real time, to the millisecond (what the store keeps), so a stored time reads back
/// exactly as it was first reported.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date().roundedToMilliseconds }
}

extension Date {
    public var roundedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

/// A clock that moves only when told; for tests.
public final class ManualClock: Clock {
    private let current: Mutex<Date>
    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }
    public func now() -> Date { current.withLock { $0 }.roundedToMilliseconds }
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A long-running part of the hub, started and stopped together by the composition root.
public protocol Service: Sendable {
    var name: String { get }
    /// Runs until `stop()` is called; returns after finishing work in hand.
    func run()
    func stop()
}
