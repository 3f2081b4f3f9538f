import Foundation

/// How long to wait before the next delivery attempt, and when to give up.
///
/// Exponential backoff with "equal jitter": attempt n waits between half and all of
/// `min(maxDelay, baseDelay × 2^(n−1))`, so retries from many jobs spread out but never come
/// sooner than half the nominal delay. A receiver's `Retry-After` is honoured when longer.
/// The default budget (50 attempts, 1 s doubling to 5 min) keeps trying for at least
/// 1 h 44 min and typically about 2 h 36 min, so a one-hour ERP outage loses nothing.
public struct RetryPolicy: Sendable, Equatable {
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var maxAttempts: Int
    /// The longest `Retry-After` that is obeyed; longer ones are cut to this.
    public var maxRetryAfter: TimeInterval

    public init(baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 300, maxAttempts: Int = 50, maxRetryAfter: TimeInterval = 3600) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.maxRetryAfter = maxRetryAfter
    }

    public static let `default` = RetryPolicy()

    /// The wait after failed attempt number `attempt` (1-based); `random` is in 0...1.
    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?, random: Double) -> TimeInterval {
        let exponent = Double(min(max(attempt - 1, 0), 40))
        let nominal = min(maxDelay, baseDelay * pow(2, exponent))
        let jittered = nominal / 2 + nominal / 2 * min(max(random, 0), 1)
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }

    /// True when attempt number `attempt` was the last one allowed.
    public func isExhausted(afterAttempt attempt: Int) -> Bool { attempt >= maxAttempts }

    /// The shortest total time the policy keeps trying (every jitter at its minimum).
    public var minimumBudget: TimeInterval {
        (1..<max(maxAttempts, 1)).reduce(0) { $0 + delay(afterAttempt: $1, retryAfter: nil, random: 0) }
    }
}
