import Synchronization

/// A monotonically increasing count.
public final class Counter: Sendable {
    private let storage = Atomic<Int>(0)

    init() {}

    public func increment(by amount: Int = 1) {
        precondition(amount >= 0, "counters only go up")
        storage.wrappingAdd(amount, ordering: .relaxed)
    }

    public var value: Int { storage.load(ordering: .relaxed) }
}

/// A value that goes up and down.
public final class Gauge: Sendable {
    private let bits = Atomic<UInt64>(0.0.bitPattern)

    init() {}

    public func set(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    public func add(_ delta: Double) {
        var current = bits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + delta).bitPattern
            let (exchanged, original) = bits.compareExchange(
                expected: current, desired: next, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    public var value: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }
}

/// Counts observations into buckets with upper bounds (`le`), plus their sum and count.
/// Observing takes no lock (every request thread observes): each bucket is its own atomic
/// count, and the total is the buckets' sum, so a scrape never shows more in a bucket than in
/// the total.
public final class Histogram: Sendable {
    /// Prometheus' usual latency buckets, in seconds.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Snapshot {
        var counts: [Int]
        var sum: Double
        var count: Int
    }

    let buckets: [Double]
    /// One count per bucket, and a last one for observations above every bound.
    private let counts: [Counter]
    private let total = Gauge()

    init(buckets: [Double]) {
        let sorted = Array(Set(buckets.filter { $0.isFinite })).sorted()
        self.buckets = sorted
        self.counts = (0...sorted.count).map { _ in Counter() }
    }

    public func observe(_ value: Double) {
        counts[buckets.firstIndex { value <= $0 } ?? buckets.count].increment()
        total.add(value)
    }

    /// Number of observations so far.
    public var count: Int { counts.reduce(0) { $0 + $1.value } }

    /// Sum of all observations so far.
    public var sum: Double { total.value }

    func snapshot() -> Snapshot {
        let all = counts.map(\.value)
        return Snapshot(counts: Array(all.dropLast()), sum: total.value, count: all.reduce(0, +))
    }
}
