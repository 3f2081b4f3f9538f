import Foundation
import Telemetry

/// UTC timestamps with milliseconds (`2026-12-03T16:00:00.123Z`), the text
/// `Date.ISO8601FormatStyle(includingFractionalSeconds: true)` writes, without its cost:
/// every acknowledgement writes two.
public enum TimestampText {
    public static func iso(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        guard t >= 0, t < 253_402_300_800 else { return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
        let millis = min(999, Int(((t - whole) * 1000).rounded(.down)))
        return Timestamp.format(seconds: Int(whole), milliseconds: millis)
    }
}
