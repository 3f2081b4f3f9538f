import Sodium

/// What an `Idempotency-Key` remembers of its request: a hash of the request's parts (its
/// operation, its target, its canonical body), so a retry is known as the same request.
///
/// Written as `b2:` and the BLAKE2b-256 of the parts, each framed by its length, so no two
/// lists of parts hash alike. Records kept by earlier versions hold the SHA-256 of the parts
/// joined another way (`legacy`); those still match the same request.
struct RequestFingerprint {
    let value: String
    private let legacy: () -> String

    /// - Parameter legacy: the text earlier versions hashed for this request.
    init(_ parts: [String], legacy: @escaping () -> String) {
        value = "b2:" + Sodium.hex(Sodium.hash(Sodium.framed(parts)))
        self.legacy = legacy
    }

    /// True when `stored` is this request's fingerprint, in either form.
    func matches(_ stored: String) -> Bool {
        if stored.hasPrefix("b2:") { return stored == value }
        return stored == Sodium.hex(Sodium.sha256(Array(legacy().utf8)))
    }
}
