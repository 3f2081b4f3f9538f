import Procurement
import Testing

@Suite("SSCC-18 labels")
struct SSCCTests {
    @Test(arguments: [
        // GS1's own examples, and codes whose check digit is 0 and 9.
        ("006141411234567890", nil),
        ("106141411234567897", nil),
        ("000000000000000000", nil),
        ("340123450000000017", nil),
        // One digit off in the check digit, and a transposition that mod 10 catches.
        ("006141411234567891", SSCC.Fault.checkDigit(expected: 0, found: 1)),
        ("106141411234567890", SSCC.Fault.checkDigit(expected: 7, found: 0)),
        ("006141411234567980", SSCC.Fault.checkDigit(expected: 2, found: 0)),
        // Wrong lengths: the 17 data digits alone, one digit too many, empty.
        ("00614141123456789", SSCC.Fault.length(17)),
        ("0061414112345678900", SSCC.Fault.length(19)),
        ("", SSCC.Fault.length(0)),
        // The (00) application identifier printed in front makes it 20 characters.
        ("00006141411234567890", SSCC.Fault.length(20)),
        // Not digits.
        ("00614141123456789X", SSCC.Fault.notDigits),
        ("0061414112345678 0", SSCC.Fault.notDigits),
        ("００6141411234567890", SSCC.Fault.notDigits),
    ] as [(String, SSCC.Fault?)])
    func validates(code: String, fault: SSCC.Fault?) {
        #expect(SSCC.fault(code) == fault)
        #expect(SSCC.isValid(code) == (fault == nil))
    }

    @Test func checkDigitWeightsFromTheRight() {
        #expect(SSCC.checkDigit([0, 0, 6, 1, 4, 1, 4, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]) == 0)
        #expect(SSCC.checkDigit([1]) == 7)
        #expect(SSCC.checkDigit([1, 0]) == 9)
        #expect(SSCC.fault("006141411234567891")?.detail == "check digit is 1, but the first 17 digits give 0")
    }
}
