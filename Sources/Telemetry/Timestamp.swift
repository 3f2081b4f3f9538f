#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTC timestamps in the form `2026-12-03T16:00:00.123Z`.
public enum Timestamp {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec) / 1_000_000)
    }

    /// The timestamp `seconds` after 1970-01-01T00:00:00Z (negative for before), plus
    /// `milliseconds` (0–999), for years 0 to 9999. Computed here rather than with `gmtime_r`,
    /// which takes a process-wide lock that busy request threads then queue on.
    public static func format(seconds: Int, milliseconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(days: days)

        var out = [UInt8](repeating: UInt8(ascii: "0"), count: 24)
        func put(_ value: Int, at end: Int, width: Int) {
            var v = value
            for i in stride(from: end - 1, through: end - width, by: -1) {
                out[i] = UInt8(ascii: "0") &+ UInt8(v % 10)
                v /= 10
            }
        }
        put(year, at: 4, width: 4)
        out[4] = UInt8(ascii: "-")
        put(month, at: 7, width: 2)
        out[7] = UInt8(ascii: "-")
        put(day, at: 10, width: 2)
        out[10] = UInt8(ascii: "T")
        put(second / 3_600, at: 13, width: 2)
        out[13] = UInt8(ascii: ":")
        put(second / 60 % 60, at: 16, width: 2)
        out[16] = UInt8(ascii: ":")
        put(second % 60, at: 19, width: 2)
        out[19] = UInt8(ascii: ".")
        put(milliseconds, at: 23, width: 3)
        out[23] = UInt8(ascii: "Z")
        return String(decoding: out, as: UTF8.self)
    }
}

/// The proleptic Gregorian calendar by day number (days since 1970-01-01), in 400-year eras
/// counted from 0000-03-01, without the C library or time zones.
public enum CivilCalendar {
    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }
}
