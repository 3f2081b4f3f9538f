#if canImport(Glibc)
import Glibc
#endif

/// A value behind a readers-writer lock: any number of readers at once, or one writer.
///
/// For state that every request reads and one thread changes now and then. Under `Mutex`,
/// readers on a busy machine queued behind one another: a reader preempted while holding the
/// lock kept the rest spinning and then sleeping, though none of them changed anything.
// @unchecked Sendable: `value` is only touched while `lock` is held, shared for reading and
// exclusive for writing.
final class ReadWriteLocked<Value>: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        let rc = pthread_rwlock_init(lock, nil)
        precondition(rc == 0, "pthread_rwlock_init failed: \(rc)")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// Runs `body` with shared access: it must not change anything it reaches through `value`.
    func read<T>(_ body: (borrowing Value) throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(value)
    }

    /// Runs `body` with exclusive access.
    func write<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&value)
    }
}
