import CSodium

/// The few libsodium primitives the hub needs: random bytes, hashing, HMAC, constant-time
/// comparison. `sodium_init` runs once, on first use.
public enum Sodium {
    static let initialized: Bool = {
        precondition(sodium_init() >= 0, "libsodium failed to initialise")
        return true
    }()

    /// `count` cryptographically secure random bytes.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        _ = initialized
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 { bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) } }
        return bytes
    }

    /// A uniformly random integer in `0..<upperBound`.
    public static func randomUniform(_ upperBound: UInt32) -> UInt32 {
        _ = initialized
        return randombytes_uniform(upperBound)
    }

    /// BLAKE2b with a 32-byte output (libsodium's generic hash), optionally keyed.
    public static func hash(_ message: [UInt8], key: [UInt8] = []) -> [UInt8] {
        _ = initialized
        var out = [UInt8](repeating: 0, count: 32)
        _ = out.withUnsafeMutableBufferPointer { o in
            withPointer(message) { m, mCount in
                key.withUnsafeBufferPointer { k in
                    crypto_generichash(o.baseAddress!, 32, m, UInt64(mCount), k.isEmpty ? nil : k.baseAddress, k.count)
                }
            }
        }
        return out
    }

    /// The fields one after another, each as its UTF-8 byte count in decimal, `:` and its bytes:
    /// no two lists of fields give the same bytes.
    public static func framed(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count + 8 })
        for field in fields {
            bytes.append(contentsOf: String(field.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field.utf8)
        }
        return bytes
    }

    /// HMAC-SHA-256 with a key of any length.
    public static func hmacSHA256(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        _ = initialized
        var state = crypto_auth_hmacsha256_state()
        var out = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        withPointer(key) { k, n in _ = crypto_auth_hmacsha256_init(&state, k, n) }
        withPointer(message) { m, n in _ = crypto_auth_hmacsha256_update(&state, m, UInt64(n)) }
        out.withUnsafeMutableBufferPointer { _ = crypto_auth_hmacsha256_final(&state, $0.baseAddress!) }
        return out
    }

    /// SHA-256.
    public static func sha256(_ message: [UInt8]) -> [UInt8] {
        _ = initialized
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = out.withUnsafeMutableBufferPointer { o in
            withPointer(message) { m, n in crypto_hash_sha256(o.baseAddress!, m, UInt64(n)) }
        }
        return out
    }

    /// Compares two byte strings in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        _ = initialized
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in sodium_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0 }
        }
    }

    /// Calls `body` with a non-null pointer to the bytes (libsodium's parameters are non-null
    /// even for empty input).
    private static func withPointer<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        if bytes.isEmpty {
            let zero: UInt8 = 0
            return withUnsafePointer(to: zero) { body($0, 0) }
        }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }

    /// Lower-case hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Random bytes as an unpadded URL-safe base64 string: tokens, keys, ids.
    public static func randomToken(bytes: Int = 32) -> String {
        base64URL(randomBytes(bytes))
    }

    public static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
