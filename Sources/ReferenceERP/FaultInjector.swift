import Foundation
import Synchronization

/// Decides, per posting, which fault to inject. Thread-safe.
final class FaultInjector: Sendable {
    enum Decision: Equatable {
        case proceed
        /// Answer 503 without applying; `retryAfter` adds `Retry-After: 1`.
        case fail(retryAfter: Bool)
        /// Apply, then drop the connection without answering.
        case loseResponse
    }

    private struct State {
        var settings: FaultSettings
        var outageEnds: ContinuousClock.Instant?
        var random: SplitMix64
    }

    private let state: Mutex<State>

    init(settings: FaultSettings, seed: UInt64) {
        state = Mutex(State(settings: settings, outageEnds: nil, random: SplitMix64(seed: seed)))
    }

    var settings: FaultSettings { state.withLock { $0.settings } }

    /// Installs new settings; a positive `outageSeconds` starts a window now.
    func update(_ settings: FaultSettings) {
        state.withLock { s in
            s.settings = settings
            s.outageEnds = settings.outageSeconds > 0
                ? ContinuousClock.now + .milliseconds(Int(settings.outageSeconds * 1000)) : nil
        }
    }

    /// Seconds left in the current outage window, or nil.
    var outageRemaining: Double? {
        state.withLock { s in
            guard let end = s.outageEnds else { return nil }
            let left = end - ContinuousClock.now
            guard left > .zero else { return nil }
            return Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        }
    }

    var latency: Duration { .milliseconds(state.withLock { $0.settings.latencyMs }) }

    func decide() -> Decision {
        state.withLock { s in
            if let end = s.outageEnds, ContinuousClock.now < end, s.settings.outageMode == .unavailable {
                return .fail(retryAfter: true)
            }
            let roll = Double.random(in: 0..<1, using: &s.random)
            if roll < s.settings.failRate {
                return .fail(retryAfter: Bool.random(using: &s.random))
            }
            let second = Double.random(in: 0..<1, using: &s.random)
            if second < s.settings.loseResponseRate {
                return .loseResponse
            }
            return .proceed
        }
    }
}
