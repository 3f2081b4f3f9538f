/// Fault injection for `POST /erp/postings`, changeable at runtime.
public struct FaultSettings: Codable, Sendable, Equatable {
    public enum OutageMode: String, Codable, Sendable {
        /// Answer 503 during the window.
        case unavailable
        /// Stop listening during the window, so connections are refused.
        case refuse
    }

    /// Probability of answering 503 without applying.
    public var failRate: Double
    /// Delay before anything else happens.
    public var latencyMs: Int
    /// Probability of applying and then closing the connection without an answer.
    public var loseResponseRate: Double
    /// Length of an outage window that starts when these settings are applied.
    public var outageSeconds: Double
    public var outageMode: OutageMode

    public init(failRate: Double = 0, latencyMs: Int = 0, loseResponseRate: Double = 0, outageSeconds: Double = 0,
                outageMode: OutageMode = .unavailable) {
        self.failRate = failRate
        self.latencyMs = latencyMs
        self.loseResponseRate = loseResponseRate
        self.outageSeconds = outageSeconds
        self.outageMode = outageMode
    }

    /// Reasons the settings are unusable; empty when fine.
    public func problems() -> [String] {
        var out: [String] = []
        if !(0...1).contains(failRate) { out.append("failRate must be between 0 and 1") }
        if !(0...1).contains(loseResponseRate) { out.append("loseResponseRate must be between 0 and 1") }
        if !(0...600_000).contains(latencyMs) { out.append("latencyMs must be between 0 and 600000") }
        if !(0...86_400).contains(outageSeconds) { out.append("outageSeconds must be between 0 and 86400") }
        return out
    }
}

/// A partial update of `FaultSettings`: absent members keep their value.
struct FaultSettingsPatch: Decodable {
    var failRate: Double?
    var latencyMs: Int?
    var loseResponseRate: Double?
    var outageSeconds: Double?
    var outageMode: FaultSettings.OutageMode?

    func applied(to settings: FaultSettings) -> FaultSettings {
        var s = settings
        if let failRate { s.failRate = failRate }
        if let latencyMs { s.latencyMs = latencyMs }
        if let loseResponseRate { s.loseResponseRate = loseResponseRate }
        if let outageSeconds { s.outageSeconds = outageSeconds }
        if let outageMode { s.outageMode = outageMode }
        return s
    }
}

/// A small, seedable generator (SplitMix64) so fault sequences can be replayed with `--fault-seed`.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
