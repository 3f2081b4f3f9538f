import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One blocking keep-alive HTTP/1.1 connection for the benchmarks: a request at a time, the
/// whole response read back (status and body). Responses must carry `Content-Length`.
final class BenchConnection {
    struct Response {
        let status: Int
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let fd: Int32
    private var input: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(port: Int) throws { fd = try LoadGenerator.connect(port: port) }

    deinit { close(fd) }

    func request(_ method: String, _ path: String, headers: [(String, String)], body: [UInt8] = []) throws -> Response {
        let bytes = LoadGenerator.request(method, path, headers: headers, body: body)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw LoadGenerator.GeneratorError(description: "send failed: errno \(errno)") }
            sent += n
        }
        var scanned = 0
        var headerEnd = -1
        while true {
            if headerEnd < 0 {
                var i = max(0, scanned - 3)
                while i + 3 < input.count {
                    if input[i] == 13 && input[i + 1] == 10 && input[i + 2] == 13 && input[i + 3] == 10 {
                        headerEnd = i
                        break
                    }
                    i += 1
                }
                scanned = input.count
            }
            if headerEnd >= 0 {
                let head = String(decoding: input[0..<headerEnd], as: UTF8.self).split(separator: "\r\n")
                let status = head.first.flatMap { line in line.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
                var length = 0
                for line in head.dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                let total = headerEnd + 4 + length
                if input.count >= total {
                    let response = Response(status: status, body: Array(input[(headerEnd + 4)..<total]))
                    input.removeFirst(total)
                    return response
                }
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw LoadGenerator.GeneratorError(description: "connection closed by the server") }
            input.append(contentsOf: chunk[0..<n])
        }
    }
}
