import Synchronization

/// A registry of counters, gauges and histograms rendered in the Prometheus text
/// exposition format 0.0.4. Asking again for the same name and labels returns the same instrument.
public final class Metrics: Sendable {
    enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    enum Instrument: Sendable {
        case counter(Counter)
        case gauge(Gauge)
        case histogram(Histogram)
    }

    struct Family: Sendable {
        var help: String
        var kind: Kind
        var members: [String: (labels: [(String, String)], instrument: Instrument)]
    }

    private let families = Mutex<[String: Family]>([:])

    public init() {}

    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        let instrument = register(name, help: help, kind: .counter, labels: labels) { .counter(Counter()) }
        guard case .counter(let counter) = instrument else { preconditionFailure("metric \(name) is not a counter") }
        return counter
    }

    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        let instrument = register(name, help: help, kind: .gauge, labels: labels) { .gauge(Gauge()) }
        guard case .gauge(let gauge) = instrument else { preconditionFailure("metric \(name) is not a gauge") }
        return gauge
    }

    public func histogram(
        _ name: String, help: String, labels: [String: String] = [:],
        buckets: [Double] = Histogram.defaultBuckets
    ) -> Histogram {
        let instrument = register(name, help: help, kind: .histogram, labels: labels) {
            .histogram(Histogram(buckets: buckets))
        }
        guard case .histogram(let histogram) = instrument else {
            preconditionFailure("metric \(name) is not a histogram")
        }
        return histogram
    }

    private func register(
        _ name: String, help: String, kind: Kind, labels: [String: String], make: () -> Instrument
    ) -> Instrument {
        precondition(Self.isValidName(name), "invalid metric name \(name)")
        let sortedLabels = labels.sorted { $0.key < $1.key }
        let key = Self.labelText(sortedLabels)
        return families.withLock { families in
            var family = families[name] ?? Family(help: help, kind: kind, members: [:])
            precondition(family.kind == kind, "metric \(name) is already registered as a \(family.kind.rawValue)")
            if let existing = family.members[key] {
                return existing.instrument
            }
            let instrument = make()
            family.members[key] = (sortedLabels, instrument)
            families[name] = family
            return instrument
        }
    }

    /// All families in name order, each with one HELP and one TYPE line.
    public func render() -> String {
        let snapshot = families.withLock { $0 }
        var out = ""
        for name in snapshot.keys.sorted() {
            let family = snapshot[name]!
            out += "# HELP \(name) \(Self.escapeHelp(family.help))\n"
            out += "# TYPE \(name) \(family.kind.rawValue)\n"
            for key in family.members.keys.sorted() {
                let member = family.members[key]!
                switch member.instrument {
                case .counter(let counter):
                    out += "\(name)\(key) \(counter.value)\n"
                case .gauge(let gauge):
                    out += "\(name)\(key) \(Self.number(gauge.value))\n"
                case .histogram(let histogram):
                    let snapshot = histogram.snapshot()
                    var cumulative = 0
                    for (bound, count) in zip(histogram.buckets, snapshot.counts) {
                        cumulative += count
                        let labels = Self.labelText(member.labels + [("le", Self.number(bound))])
                        out += "\(name)_bucket\(labels) \(cumulative)\n"
                    }
                    let infinity = Self.labelText(member.labels + [("le", "+Inf")])
                    out += "\(name)_bucket\(infinity) \(snapshot.count)\n"
                    out += "\(name)_sum\(key) \(Self.number(snapshot.sum))\n"
                    out += "\(name)_count\(key) \(snapshot.count)\n"
                }
            }
        }
        return out
    }

    static func isValidName(_ name: String) -> Bool {
        func allowed(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c == ":" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy(allowed)
    }

    static func labelText(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    static func escapeLabel(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
