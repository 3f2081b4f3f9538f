#if canImport(Glibc)
import Glibc
#endif

/// Marks the threads that are running a request handler (a pthread key: far cheaper per
/// request than Foundation's thread dictionary).
enum WorkerThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    static var isHandling: Bool {
        get { pthread_getspecific(key) != nil }
        set { pthread_setspecific(key, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }
}
