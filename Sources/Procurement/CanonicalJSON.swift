import Foundation

/// A small JSON reader and writer for the documents on the acknowledgement path, where
/// Foundation's `JSONEncoder`/`JSONDecoder` cost more than the rest of the request.
///
/// The writer produces exactly what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// produces for the same value, so stored rows, fingerprints and API answers do not depend on
/// which of the two wrote them. The reader is a fast path only: it accepts the plain shapes
/// these documents take and gives up (returns nil) on anything else, so the caller can fall
/// back to `JSONDecoder`, which then reports errors in its usual words and pointers.
public enum CanonicalJSON {
    /// Appends JSON text to a byte buffer.
    public struct Writer {
        public private(set) var bytes: [UInt8] = []

        public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

        public var string: String { String(decoding: bytes, as: UTF8.self) }

        public mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        public mutating func byte(_ b: UInt8) { bytes.append(b) }

        /// Text that is already JSON (a value encoded earlier), as it is.
        public mutating func json(_ text: String) { bytes.append(contentsOf: text.utf8) }

        /// `"name":`, after a comma unless it is the first member of the object just opened.
        public mutating func key(_ name: StaticString) {
            if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            raw(name)
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }

        /// A member whose value is a string.
        public mutating func member(_ name: StaticString, _ value: String) {
            key(name)
            string(value)
        }

        /// A member whose value is a number.
        public mutating func member(_ name: StaticString, _ value: Int) {
            key(name)
            int(value)
        }

        /// A member whose value is already JSON text.
        public mutating func member(_ name: StaticString, json value: String) {
            key(name)
            json(value)
        }

        public mutating func int(_ value: Int) {
            if value >= 0 && value < 10 {
                bytes.append(UInt8(ascii: "0") &+ UInt8(value))
                return
            }
            bytes.append(contentsOf: String(value).utf8)
        }

        /// A decimal as the documents carry it: a JSON string such as "12.5".
        public mutating func decimal(_ value: Decimal) { string(DecimalText.format(value)) }

        /// A JSON string literal, escaped as `JSONEncoder` escapes it (slashes left alone).
        public mutating func string(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            var text = text
            text.withUTF8 { utf8 in
                var start = 0
                for i in 0..<utf8.count {
                    let c = utf8[i]
                    guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                    if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                    start = i + 1
                    bytes.append(UInt8(ascii: "\\"))
                    switch c {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(c)
                    case 0x08: bytes.append(UInt8(ascii: "b"))
                    case 0x0C: bytes.append(UInt8(ascii: "f"))
                    case 0x0A: bytes.append(UInt8(ascii: "n"))
                    case 0x0D: bytes.append(UInt8(ascii: "r"))
                    case 0x09: bytes.append(UInt8(ascii: "t"))
                    default:
                        let hex: [UInt8] = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(c >> 4)], hex[Int(c & 15)]])
                    }
                }
                if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
            }
            bytes.append(UInt8(ascii: "\""))
        }

        /// `[` element, element, … `]`
        public mutating func array<S: Sequence>(_ elements: S, _ write: (inout Writer, S.Element) -> Void) {
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(&self, element)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    /// Reads JSON text from bytes; every method returns nil (or false) when the input is not in
    /// the plain shape it expects, and the reader is then of no further use.
    public struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// Runs `read` over `bytes`; nil unless it succeeds and only whitespace follows.
        public static func read<T>(_ bytes: [UInt8], _ read: (inout Reader) -> T?) -> T? {
            bytes.withUnsafeBufferPointer { whole($0, read) }
        }

        /// The same over the UTF-8 of `text`, read where it is (a stored column, say) rather
        /// than copied out first.
        public static func read<T>(_ text: String, _ read: (inout Reader) -> T?) -> T? {
            var text = text
            return text.withUTF8 { whole($0, read) }
        }

        private static func whole<T>(_ buffer: UnsafeBufferPointer<UInt8>, _ read: (inout Reader) -> T?) -> T? {
            var reader = Reader(buffer)
            guard let value = read(&reader) else { return nil }
            reader.skipWhitespace()
            return reader.index == buffer.count ? value : nil
        }

        public mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// Consumes `b` (after whitespace) if it is next.
        public mutating func consume(_ b: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == b else { return false }
            index += 1
            return true
        }

        /// Consumes `null` if it is next.
        public mutating func consumeNull() -> Bool {
            skipWhitespace()
            guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
                  bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l") else { return false }
            index += 4
            return true
        }

        public mutating func bool() -> Bool? {
            skipWhitespace()
            if index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "t"), bytes[index + 1] == UInt8(ascii: "r"),
               bytes[index + 2] == UInt8(ascii: "u"), bytes[index + 3] == UInt8(ascii: "e") {
                index += 4
                return true
            }
            if index + 5 <= bytes.count, bytes[index] == UInt8(ascii: "f"), bytes[index + 1] == UInt8(ascii: "a"),
               bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "s"), bytes[index + 4] == UInt8(ascii: "e") {
                index += 5
                return false
            }
            return nil
        }

        /// A plain integer: `0` or `-?[1-9][0-9]*` of at most 18 digits, not followed by a
        /// fraction or exponent.
        public mutating func int() -> Int? {
            skipWhitespace()
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let start = index
            var value = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                guard index - start < 18 else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            let digits = index - start
            guard digits > 0, !(digits > 1 && bytes[start] == UInt8(ascii: "0")), !(negative && value == 0) else { return nil }
            if index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
                default: break
                }
            }
            return negative ? -value : value
        }

        /// A string literal, unescaped; nil for control characters, invalid UTF-8 or lone
        /// surrogates.
        public mutating func string() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            var ascii = true
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return ascii ? String(decoding: content, as: UTF8.self) : String(validating: content, as: UTF8.self)
                }
                if c == UInt8(ascii: "\\") { return escapedString(from: start) }
                if c < 0x20 { return nil }
                if c >= 0x80 { ascii = false }
                index += 1
            }
            return nil
        }

        /// The slow half of `string()`: the literal has escapes.
        private mutating func escapedString(from start: Int) -> String? {
            var out: [UInt8] = Array(bytes[start..<index])
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    index += 1
                    return String(validating: out, as: UTF8.self)
                }
                if c < 0x20 { return nil }
                guard c == UInt8(ascii: "\\") else {
                    out.append(c)
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { return nil }
                let e = bytes[index + 1]
                index += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                        index += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: String(Character(unicode)).utf8)
                default: return nil
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// A decimal written as a JSON string ("12.50"), by the documents' strict rule.
        public mutating func decimal() -> Decimal? {
            string().flatMap(DecimalText.parse)
        }

        /// A date written as a JSON string ("2027-03-01"); a plain `"YYYY-MM-DD"` is read in
        /// place, anything else as a string first.
        public mutating func date() -> LocalDate? {
            skipWhitespace()
            if index + 12 <= bytes.count, bytes[index] == UInt8(ascii: "\""), bytes[index + 11] == UInt8(ascii: "\""),
               bytes[index + 5] == UInt8(ascii: "-"), bytes[index + 8] == UInt8(ascii: "-"),
               let year = digits(at: index + 1, count: 4), let month = digits(at: index + 6, count: 2),
               let day = digits(at: index + 9, count: 2) {
                index += 12
                return LocalDate(year: year, month: month, day: day)
            }
            return string().flatMap { LocalDate(iso: $0) }
        }

        private func digits(at start: Int, count: Int) -> Int? {
            var value = 0
            for i in start..<(start + count) {
                let c = bytes[i]
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            }
            return value
        }

        /// Reads an object: `field` is called with each key and must read its value. Every key
        /// must be one of `keys` and appear at most once.
        public mutating func object(keys: [StaticString], _ field: (inout Reader, Int) -> Bool) -> Bool {
            guard consume(UInt8(ascii: "{")) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            var seen: UInt64 = 0
            repeat {
                guard let k = key(in: keys), seen & (1 << UInt64(k)) == 0, consume(UInt8(ascii: ":")) else { return false }
                seen |= 1 << UInt64(k)
                guard field(&self, k) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        }

        /// Reads an array whose elements `element` reads; nil when one of them does not read.
        public mutating func list<T>(_ element: (inout Reader) -> T?) -> [T]? {
            var list: [T] = []
            let ok = array { r in
                guard let value = element(&r) else { return false }
                list.append(value)
                return true
            }
            return ok ? list : nil
        }

        /// Reads an array, calling `element` for each element.
        public mutating func array(_ element: (inout Reader) -> Bool) -> Bool {
            guard consume(UInt8(ascii: "[")) else { return false }
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard element(&self) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        }

        /// The position of the next key in `keys`; nil for any other key. Plain keys are
        /// compared in place; keys with escapes are unescaped first.
        private mutating func key(in keys: [StaticString]) -> Int? {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
                for (i, key) in keys.enumerated() where key.utf8CodeUnitCount == name.count {
                    if sameBytes(key.utf8Start, name.baseAddress!, name.count) {
                        index = end + 1
                        return i
                    }
                }
                return nil
            }
            guard let name = string() else { return nil }
            return keys.firstIndex { $0.description == name }
        }
    }
}

@inline(__always)
private func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}
