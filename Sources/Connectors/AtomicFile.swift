import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader sees either nothing or all of it, and so that it survives a
/// power loss once written: a hidden temporary file in the same directory, written and
/// fsync'd, then renamed over the final name, then the directory fsync'd.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameter replace: when false and the file exists, nothing is written and false is returned.
    @discardableResult
    public static func write(_ bytes: [UInt8], to url: URL, replace: Bool = true) throws -> Bool {
        let directory = url.deletingLastPathComponent()
        if !replace && FileManager.default.fileExists(atPath: url.path) { return false }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(temporary.path): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let message = String(cString: strerror(errno))
                close(fd)
                unlink(temporary.path)
                throw WriteError(description: "cannot write \(temporary.path): \(message)")
            }
            written += n
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary.path, url.path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary.path)
            throw WriteError(description: "cannot put \(url.path) in place: \(message)")
        }
        let dir = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
        return true
    }
}
