import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// UTC timestamps with milliseconds (`2026-12-03T16:00:00.123Z`), the text
/// `Date.ISO8601FormatStyle(includingFractionalSeconds: true)` writes, without its cost:
/// every acknowledgement writes two.
public enum TimestampText {
    public static func iso(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        let whole = t.rounded(.down)
        guard t >= 0, t < 253_402_300_800 else { return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
        let millis = min(999, Int(((t - whole) * 1000).rounded(.down)))
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        var out = [UInt8](repeating: UInt8(ascii: "0"), count: 24)
        func put(_ value: Int, at end: Int, width: Int) {
            var v = value
            for i in stride(from: end - 1, through: end - width, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, at: 4, width: 4)
        out[4] = UInt8(ascii: "-")
        put(Int(parts.tm_mon) + 1, at: 7, width: 2)
        out[7] = UInt8(ascii: "-")
        put(Int(parts.tm_mday), at: 10, width: 2)
        out[10] = UInt8(ascii: "T")
        put(Int(parts.tm_hour), at: 13, width: 2)
        out[13] = UInt8(ascii: ":")
        put(Int(parts.tm_min), at: 16, width: 2)
        out[16] = UInt8(ascii: ":")
        put(Int(parts.tm_sec), at: 19, width: 2)
        out[19] = UInt8(ascii: ".")
        put(millis, at: 23, width: 3)
        out[23] = UInt8(ascii: "Z")
        return String(decoding: out, as: UTF8.self)
    }
}
