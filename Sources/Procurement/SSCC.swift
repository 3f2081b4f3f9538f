/// The Serial Shipping Container Code (GS1 SSCC-18) that labels a pallet or carton: 18 digits,
/// the last a GS1 mod-10 check digit over the other 17. Checked on every ship notice package so
/// a mistyped label is refused before the goods reach the dock.
public enum SSCC {
    /// What is wrong with a code that is not a valid SSCC.
    public enum Fault: Equatable, Sendable {
        /// Not 18 characters long.
        case length(Int)
        /// A character that is not a digit 0-9.
        case notDigits
        /// The last digit is not the check digit of the first 17.
        case checkDigit(expected: Int, found: Int)

        public var detail: String {
            switch self {
            case .length(let n): return "must be 18 digits, got \(n) characters"
            case .notDigits: return "must contain only the digits 0-9"
            case .checkDigit(let expected, let found): return "check digit is \(found), but the first 17 digits give \(expected)"
            }
        }
    }

    /// nil when `code` is a valid SSCC-18.
    public static func fault(_ code: String) -> Fault? {
        guard code.count == 18 else { return .length(code.count) }
        let bytes = Array(code.utf8)
        guard bytes.count == 18, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return .notDigits }
        let digits = bytes.map { Int($0 - 48) }
        let expected = checkDigit(Array(digits.prefix(17)))
        return expected == digits[17] ? nil : .checkDigit(expected: expected, found: digits[17])
    }

    public static func isValid(_ code: String) -> Bool { fault(code) == nil }

    /// The GS1 mod-10 check digit of `digits` (each 0-9): from the rightmost digit leftwards the
    /// weights are 3, 1, 3, 1, …; the check digit brings the weighted sum up to a multiple of ten.
    public static func checkDigit(_ digits: [Int]) -> Int {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() { sum += d * (i % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10
    }
}
