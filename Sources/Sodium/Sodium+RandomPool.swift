import CSodium
#if canImport(Glibc)
import Glibc
#endif

extension Sodium {
    /// `count` random bytes for identifiers, from a buffer each thread fills from libsodium
    /// 4 KiB at a time: one system call per few hundred ids instead of one per id (the store's
    /// writer makes an event id for every acknowledgement). The bytes come from the same
    /// generator as `randomBytes`; secrets (API keys) still take theirs straight from it. The
    /// process never forks, so no two processes hand out the same buffer.
    public static func identifierBytes(_ count: Int) -> [UInt8] {
        precondition(count <= RandomPool.size, "identifiers take at most \(RandomPool.size) random bytes")
        let pool = RandomPool.current
        if pool.used + count > RandomPool.size { pool.refill() }
        let bytes = Array(pool.bytes[pool.used..<pool.used + count])
        pool.used += count
        return bytes
    }
}

/// One thread's unused random bytes. Used by that thread only.
final class RandomPool {
    static let size = 4096
    var bytes = [UInt8](repeating: 0, count: size)
    var used = size

    func refill() {
        _ = Sodium.initialized
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        used = 0
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        // The thread's pool is released when the thread ends.
        precondition(pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<RandomPool>.fromOpaque(pointer).release() }
        } == 0, "pthread_key_create failed")
        return key
    }()

    /// The calling thread's pool, made on first use.
    static var current: RandomPool {
        if let pointer = pthread_getspecific(key) { return Unmanaged<RandomPool>.fromOpaque(pointer).takeUnretainedValue() }
        let pool = RandomPool()
        pthread_setspecific(key, Unmanaged.passRetained(pool).toOpaque())
        return pool
    }
}
