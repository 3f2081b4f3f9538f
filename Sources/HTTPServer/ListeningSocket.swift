#if canImport(Glibc)
import Glibc
#endif

/// Creates a bound, listening, non-blocking TCP socket, so binding errors are reported precisely.
/// The descriptor is handed to libmicrohttpd, which closes it when the daemon stops.
enum ListeningSocket {
    struct Bound {
        var descriptor: Int32
        var port: Int
        var isIPv6: Bool
    }

    static func open(host: String, port: Int, backlog: Int32 = 1024) throws(HTTPServerError) -> Bound {
        let display = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        func failure(_ operation: String, _ code: Int32) -> HTTPServerError {
            HTTPServerError(operation: operation, address: display, message: String(cString: strerror(code)), code: code)
        }
        guard (0...65535).contains(port) else {
            throw HTTPServerError(operation: "configure", address: display, message: "port out of range", code: nil)
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPServerError(operation: "resolve", address: display,
                                  message: String(cString: gai_strerror(status)), code: nil)
        }
        defer { freeaddrinfo(list) }

        let family = first.pointee.ai_family
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket", errno) }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET6 {
            var off: Int32 = 0
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &off, socklen_t(MemoryLayout<Int32>.size))
        }
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw failure("bind", code)
        }
        guard listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw failure("listen", code)
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)

        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let boundPort = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address -> Int in
                guard getsockname(fd, address, &length) == 0 else { return port }
                return socketPort(address)
            }
        }
        return Bound(descriptor: fd, port: boundPort, isIPv6: family == AF_INET6)
    }

    /// True when `descriptor` is a listening socket bound to `port`.
    static func isListening(_ descriptor: Int32, port: Int) -> Bool {
        var accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0, accepting != 0 else { return false }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                getsockname(descriptor, address, &length) == 0 && socketPort(address) == port
            }
        }
    }

    static func socketPort(_ address: UnsafePointer<sockaddr>) -> Int {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
        default:
            return 0
        }
    }

    /// `host:port` (IPv6 in brackets) for a peer address.
    static func describe(_ address: UnsafePointer<sockaddr>) -> String {
        let length: socklen_t
        switch Int32(address.pointee.sa_family) {
        case AF_INET: length = socklen_t(MemoryLayout<sockaddr_in>.size)
        case AF_INET6: length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        default: return ""
        }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return ""
        }
        let name = String(cCharacters: host)
        let port = socketPort(address)
        return address.pointee.sa_family == sa_family_t(AF_INET6) ? "[\(name)]:\(port)" : "\(name):\(port)"
    }
}

extension String {
    /// Decodes a NUL-terminated C character buffer.
    init(cCharacters buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
