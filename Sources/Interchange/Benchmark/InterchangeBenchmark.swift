import Foundation

/// Measures the readers on generated files: a large X12 850 interchange and a large EDIFACT
/// ORDERS interchange, each written to a temporary file and checked while streaming from it.
public enum InterchangeBenchmark {
    public struct Figures: Sendable, CustomStringConvertible {
        public var standard: String
        public var bytes: Int
        public var documents: Int
        public var segments: Int
        public var seconds: Double
        public var verdict: Verdict
        public var peakResidentKilobytes: Int?

        public var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / seconds }
        public var documentsPerSecond: Double { Double(documents) / seconds }

        public var description: String {
            let size = String(format: "%.1f", Double(bytes) / 1_048_576)
            let rate = String(format: "%.0f", megabytesPerSecond)
            let docs = String(format: "%.0f", documentsPerSecond)
            let time = String(format: "%.3f", seconds)
            let rss = peakResidentKilobytes.map { "\($0 / 1024) MB" } ?? "n/a"
            return "\(standard): \(size) MB, \(documents) documents, \(segments) segments in \(time) s: \(rate) MB/s, \(docs) documents/s, verdict \(verdict.rawValue), peak RSS \(rss)"
        }
    }

    /// Generates, checks and deletes one file per standard of about `megabytes` each; returns printable lines.
    public static func run(megabytes: Int) -> String {
        var lines: [String] = []
        for standard in [Standard.x12, .edifact] {
            do {
                lines.append(try measure(standard, megabytes: megabytes).description)
            } catch {
                lines.append("\(standard.rawValue): could not run: \(error)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func measure(_ standard: Standard, megabytes: Int) throws -> Figures {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("supplyline-bench-\(ProcessInfo.processInfo.processIdentifier)-\(standard.rawValue).edi")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try standard == .x12 ? writeX12(to: url, megabytes: megabytes) : writeEdifact(to: url, megabytes: megabytes)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let source = FileDescriptorByteSource(fileHandle: handle)
        let clock = ContinuousClock()
        var documents = 0
        var segments = 0
        var verdict = Verdict.accepted
        let elapsed = clock.measure {
            if standard == .x12 {
                var validator = X12Validator()
                validator.setSummaryLimit = 100
                X12Scanner(source: source).run(&validator)
                validator.finish()
                documents = validator.setCount
                segments = validator.segmentCount
                verdict = validator.errors.isEmpty ? .accepted : .rejected
            } else {
                var validator = EdifactValidator()
                validator.setSummaryLimit = 100
                EdifactScanner(source: source).run(&validator)
                validator.finish()
                documents = validator.messageCount
                segments = validator.segmentCount
                verdict = validator.errors.isEmpty ? .accepted : .rejected
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Figures(standard: standard.rawValue, bytes: size, documents: documents, segments: segments,
                       seconds: seconds, verdict: verdict, peakResidentKilobytes: peakResidentKilobytes())
    }

    /// VmHWM from /proc/self/status (Linux); nil elsewhere.
    public static func peakResidentKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// Writes in 1 MB chunks so generating does not hold the file in memory.
    private final class ChunkedFile {
        let handle: FileHandle
        var buffer: [UInt8] = []
        var written = 0

        init(_ url: URL) throws {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
            buffer.reserveCapacity(1 << 20 + 4096)
        }

        func append(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }

        func flush() throws {
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }

        func close() throws -> Int {
            try flush()
            try handle.close()
            return written
        }
    }

    static func writeX12(to url: URL, megabytes: Int) throws -> Int {
        let file = try ChunkedFile(url)
        let target = megabytes << 20
        try file.append("ISA*00*          *00*          *ZZ*BUYER          *ZZ*SUPPLIER       *240115*1200*U*00401*000000001*0*P*>~\n")
        try file.append("GS*PO*BUYER*SUPPLIER*20240115*1200*1*X*004010~\n")
        var sets = 0
        while file.written + file.buffer.count < target {
            sets += 1
            let number = String(sets)
            var count = 0
            func segment(_ text: String) throws {
                count += 1
                try file.append(text + "~\n")
            }
            try segment("ST*850*" + String(repeating: "0", count: max(0, 4 - number.count)) + number)
            try segment("BEG*00*SA*PO-\(number)**20240115")
            try segment("REF*DP*038")
            try segment("DTM*002*20240201")
            try segment("N1*ST*PLANT 7*92*P7")
            try segment("N3*1 INDUSTRIAL WAY")
            try segment("N4*SPRINGFIELD*IL*62701")
            for line in 1...20 {
                try segment("PO1*\(line)*\(line * 5)*EA*\(line).25*PE*BP*PART-\(line)-\(number)*VP*V\(line)")
                try segment("PID*F****WIDGET NUMBER \(line)")
                try segment("PO4*4*4*EA*PLT94**6*LR*19*CT")
            }
            try segment("CTT*20")
            count += 1
            try file.append("SE*\(count)*" + String(repeating: "0", count: max(0, 4 - number.count)) + number + "~\n")
        }
        try file.append("GE*\(sets)*1~\nIEA*1*000000001~\n")
        return try file.close()
    }

    static func writeEdifact(to url: URL, megabytes: Int) throws -> Int {
        let file = try ChunkedFile(url)
        let target = megabytes << 20
        try file.append("UNA:+.? '\nUNB+UNOC:3+BUYER:14+SUPPLIER:14+240115:1200+1'\n")
        var messages = 0
        while file.written + file.buffer.count < target {
            messages += 1
            let number = String(messages)
            var count = 0
            func segment(_ text: String) throws {
                count += 1
                try file.append(text + "'\n")
            }
            try segment("UNH+\(number)+ORDERS:D:96A:UN")
            try segment("BGM+220+PO-\(number)+9")
            try segment("DTM+137:20240115:102")
            try segment("NAD+BY+5412345000013::9")
            try segment("NAD+SU+4012345500004::9")
            try segment("CUX+2:EUR:9")
            for line in 1...20 {
                try segment("LIN+\(line)++PART-\(line)-\(number):BP")
                try segment("IMD+F++:::Widget number \(line)?: grade A")
                try segment("QTY+21:\(line * 5)")
                try segment("PRI+AAA:\(line).25")
            }
            try segment("UNS+S")
            try segment("CNT+2:20")
            count += 1
            try file.append("UNT+\(count)+\(number)'\n")
        }
        try file.append("UNZ+\(messages)+1'\n")
        return try file.close()
    }
}
