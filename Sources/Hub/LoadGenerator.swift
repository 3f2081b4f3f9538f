import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives many keep-alive HTTP/1.1 connections from one thread with `poll`, so the load
/// generator costs little CPU next to the server it measures on the same machine. Each
/// connection has one request in flight; responses must carry `Content-Length`.
final class LoadGenerator {
    struct GeneratorError: Error, CustomStringConvertible {
        let description: String
    }

    struct Result {
        var latencies: [Double] = []
        var failures = 0
        var seconds = 0.0
        /// CPU time the generator itself used.
        var cpuSeconds = 0.0
    }

    /// CPU seconds used so far by the calling thread.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds used so far by the whole process (every thread, user and system).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The machine's CPU time so far, in clock ticks: idle (idle and waiting for I/O) and in
    /// all, from the first line of `/proc/stat`; nil where there is none.
    static func machineCPUTicks() -> (idle: Int, total: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        // user, nice, system, idle, iowait, irq, softirq, steal; guest time is already in user.
        let ticks = line.split(separator: " ").dropFirst().compactMap { Int($0) }.prefix(8)
        guard ticks.count >= 5 else { return nil }
        return (ticks[3] + ticks[4], ticks.reduce(0, +))
    }

    private struct Conn {
        var fd: Int32
        var out: [UInt8] = []
        var sent = 0
        var input: [UInt8] = []
        var started: UInt64 = 0
        var busy = false
    }

    /// Sends `count` requests over `connections` connections; request i is `make(i)`, as raw bytes.
    static func run(port: Int, connections: Int, count: Int, make: (Int) -> [UInt8]) throws -> Result {
        var conns: [Conn] = []
        for _ in 0..<connections { conns.append(Conn(fd: try connect(port: port))) }
        defer { for c in conns { close(c.fd) } }
        var result = Result()
        result.latencies.reserveCapacity(count)
        var next = 0
        var done = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        var fds = [pollfd](repeating: pollfd(), count: connections)
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = threadCPUSeconds()
        func issue(_ i: Int) {
            guard next < count else { return }
            conns[i].out = make(next)
            conns[i].sent = 0
            conns[i].busy = true
            conns[i].started = DispatchTime.now().uptimeNanoseconds
            next += 1
        }
        for i in 0..<connections { issue(i) }
        while done < count {
            for i in 0..<connections {
                fds[i].fd = conns[i].busy ? conns[i].fd : -1
                fds[i].events = Int16(conns[i].sent < conns[i].out.count ? POLLOUT : POLLIN)
                fds[i].revents = 0
            }
            guard poll(&fds, nfds_t(connections), 10_000) > 0 else {
                throw LoadGenerator.GeneratorError(description: "no progress for 10 s")
            }
            for i in 0..<connections where fds[i].revents != 0 {
                if conns[i].sent < conns[i].out.count {
                    let n = conns[i].out[conns[i].sent...].withUnsafeBytes { send(conns[i].fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if n <= 0 { throw LoadGenerator.GeneratorError(description: "send failed: errno \(errno)") }
                    conns[i].sent += n
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { recv(conns[i].fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { throw LoadGenerator.GeneratorError(description: "connection closed by the server") }
                conns[i].input.append(contentsOf: buffer[0..<n])
                if let (status, length) = parse(conns[i].input) {
                    conns[i].input.removeFirst(length)
                    result.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - conns[i].started) / 1e9)
                    if !(200..<300).contains(status) { result.failures += 1 }
                    done += 1
                    conns[i].busy = false
                    issue(i)
                }
            }
        }
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        result.cpuSeconds = threadCPUSeconds() - cpuStart
        return result
    }

    /// Status and total length of a complete response at the start of `bytes`, if there is one.
    /// Reads the bytes in place (status code, then a `Content-Length` header in any case), so
    /// the generator spends little of the machine the server runs on.
    static func parse(_ bytes: [UInt8]) -> (Int, Int)? {
        bytes.withUnsafeBufferPointer { b -> (Int, Int)? in
            let n = b.count
            var headerEnd = -1
            var i = 0
            while i + 3 < n {
                if b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 {
                    headerEnd = i
                    break
                }
                i += 1
            }
            guard headerEnd >= 0 else { return nil }
            // "HTTP/1.1 201 Created": the three digits after the first space.
            var status = 0
            if let space = b[0..<headerEnd].firstIndex(of: 32), space + 3 < headerEnd {
                for j in space + 1...space + 3 where (48...57).contains(b[j]) { status = status * 10 + Int(b[j] - 48) }
            }
            let name = Array("content-length:".utf8)
            var length = 0
            var lineStart = 0
            while lineStart < headerEnd {
                var lineEnd = lineStart
                while lineEnd < headerEnd && b[lineEnd] != 13 { lineEnd += 1 }
                if lineEnd - lineStart > name.count {
                    var matches = true
                    for k in 0..<name.count where b[lineStart + k] | 0x20 != name[k] {
                        matches = false
                        break
                    }
                    if matches {
                        length = 0
                        for k in lineStart + name.count..<lineEnd where (48...57).contains(b[k]) { length = length * 10 + Int(b[k] - 48) }
                    }
                }
                lineStart = lineEnd + 2
            }
            let total = headerEnd + 4 + length
            return n >= total ? (status, total) : nil
        }
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoadGenerator.GeneratorError(description: "socket() failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw LoadGenerator.GeneratorError(description: "connect failed: errno \(errno)")
        }
        return fd
    }

    /// A request as bytes.
    static func request(_ method: String, _ path: String, headers: [(String, String)], body: [UInt8]) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
