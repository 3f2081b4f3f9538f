import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One serving hub per database: the hub holds an exclusive lock on `<database>.lock` while it
/// runs. The dispatcher relies on it (at start it takes over the leases it finds, as left by a
/// run that ended), and two dispatchers on one store would deliver the same message twice at once.
/// The lock goes with the process, so a crashed hub never leaves it behind. Commands that only
/// open the store (`supplyline clients …`) do not take it.
final class DatabaseLock: Sendable {
    struct Held: Error, CustomStringConvertible {
        let path: String
        let holder: String
        var description: String {
            "Another hub is serving this database (\(holder)); run one hub per database. Lock: \(path)"
        }
    }

    let path: String
    private let descriptor = Mutex<Int32?>(nil)

    init(databasePath: String) {
        path = databasePath + ".lock"
    }

    /// Takes the lock, or throws `Held` when another process has it.
    func acquire() throws {
        try descriptor.withLock { held in
            guard held == nil else { return }
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw CommandLineError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                var buffer = [UInt8](repeating: 0, count: 64)
                let n = read(fd, &buffer, buffer.count)
                close(fd)
                let pid = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
                throw Held(path: path, holder: pid.isEmpty ? "another process" : "process \(pid)")
            }
            let text = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = pwrite(fd, text, text.count, 0)
            held = fd
        }
    }

    /// Gives the lock up; safe to call when not held.
    func release() {
        descriptor.withLock { held in
            guard let fd = held else { return }
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
            close(fd)
            held = nil
        }
    }

    deinit { release() }
}
