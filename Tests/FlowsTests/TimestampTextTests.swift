import Flows
import Foundation
import Testing

@Suite("Timestamp text")
struct TimestampTextTests {
    /// The same text as Foundation's ISO 8601 style with fractional seconds, for times the
    /// store keeps (whole milliseconds) and for arbitrary ones.
    @Test func writesWhatFoundationWrites() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.999), Date(timeIntervalSince1970: 4_102_444_799.9995)]
        for i in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double(1_780_000_000_000 + i * 7919) / 1000))
            dates.append(Date(timeIntervalSince1970: Double(i) * 190_000.123_456_7))
        }
        for date in dates {
            #expect(TimestampText.iso(date) == style.format(date), "\(date.timeIntervalSince1970)")
        }
    }
}
