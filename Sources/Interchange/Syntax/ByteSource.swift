#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a reader pulls its bytes from: memory or a file, read chunk by chunk so a large
/// interchange is never held in memory whole.
public protocol ByteSource {
    /// Copies up to `buffer.count` bytes into `buffer`; returns the count, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
}

/// Bytes already in memory.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Bytes read from an open file descriptor (for example `FileHandle.fileDescriptor`).
/// The descriptor stays owned by the caller.
public struct FileDescriptorByteSource: ByteSource {
    private let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }
    public init(fileHandle: FileHandle) { self.descriptor = fileHandle.fileDescriptor }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            return 0
        }
    }
}

/// A sliding window over a `ByteSource`: the scanners look at `bytes[start..<end]` and ask for
/// more when a segment runs past the end. Memory stays at about one chunk plus the longest segment.
final class ByteWindow<Source: ByteSource> {
    private(set) var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var start = 0
    private(set) var end = 0
    private(set) var exhausted = false
    /// Offset in the whole input of `storage[0]`.
    private(set) var baseOffset = 0
    private var source: Source
    private let chunkSize: Int

    init(source: Source, chunkSize: Int = 1 << 20) {
        // A window of one byte would never grow (`chunkSize / 2` is 0), so reads start at two.
        let chunkSize = max(chunkSize, 2)
        self.source = source
        self.chunkSize = chunkSize
        self.capacity = chunkSize
        self.storage = .allocate(capacity: chunkSize)
    }

    deinit { storage.deallocate() }

    /// Moves unread bytes to the front and reads more. Returns false when nothing more came.
    func refill() -> Bool {
        if exhausted { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0 { storage.update(from: storage + start, count: pending) }
            baseOffset += start
            end = pending
            start = 0
        }
        if capacity - end < chunkSize / 2 {
            let newCapacity = capacity * 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: storage, count: end)
            storage.deallocate()
            storage = grown
            capacity = newCapacity
        }
        let count = source.read(into: UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end))
        if count <= 0 { exhausted = true; return false }
        end += count
        return true
    }

    /// Makes sure at least `count` bytes are available from `start`, if the input has them.
    func ensure(_ count: Int) -> Bool {
        while end - start < count {
            if !refill() { return end - start >= count }
        }
        return true
    }
}
