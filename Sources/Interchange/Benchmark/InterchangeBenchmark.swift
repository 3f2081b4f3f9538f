import Foundation
import Procurement

/// Measures the readers on generated files: a large X12 850 interchange and a large EDIFACT
/// ORDERS interchange, each written to a temporary file and read while streaming from it, twice:
/// once checking syntax and envelopes only, once also building each set as values and mapping it
/// to a `PurchaseOrder` (one set in memory at a time).
public enum InterchangeBenchmark {
    public enum Pass: String, Sendable {
        /// Syntax and envelope checks, no values built.
        case check = "check"
        /// The same checks, plus each set built as values and mapped to a `PurchaseOrder`.
        case map = "check+map"
    }

    public struct Figures: Sendable, CustomStringConvertible {
        public var standard: String
        public var pass: Pass
        public var bytes: Int
        public var documents: Int
        /// Documents mapped to a `PurchaseOrder` (map pass only).
        public var mapped: Int
        /// The first map error, if any document failed to map.
        public var firstMapError: String?
        public var seconds: Double
        public var verdict: Verdict
        /// VmRSS when the pass started.
        public var residentBeforeKilobytes: Int?
        /// VmHWM when the pass ended; reset to the current RSS before the pass when `peakWasReset`.
        public var peakResidentKilobytes: Int?
        /// The kernel accepted the high-water mark reset, so the peak belongs to this pass alone.
        public var peakWasReset: Bool

        public var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / seconds }
        public var documentsPerSecond: Double { Double(documents) / seconds }
        /// Peak during the pass minus RSS at its start.
        public var growthKilobytes: Int? {
            guard let peak = peakResidentKilobytes, let before = residentBeforeKilobytes else { return nil }
            return max(0, peak - before)
        }

        public var description: String {
            let size = String(format: "%.1f", Double(bytes) / 1_048_576)
            let rate = String(format: "%.0f", megabytesPerSecond)
            let docs = String(format: "%.0f", documentsPerSecond)
            let time = String(format: "%.3f", seconds)
            let mb = { (kb: Int?) in kb.map { String(format: "%.1f MB", Double($0) / 1024) } ?? "n/a" }
            var text = "\(standard) \(pass.rawValue): \(size) MB, \(documents) documents in \(time) s: \(rate) MB/s, \(docs) documents/s, "
                + "verdict \(verdict.rawValue)"
            if pass == .map { text += ", mapped \(mapped)" }
            text += ", RSS at start \(mb(residentBeforeKilobytes)), peak \(mb(peakResidentKilobytes))"
                + "\(peakWasReset ? "" : " (process-wide)"), growth \(mb(growthKilobytes))"
            if let firstMapError { text += "; first map error: \(firstMapError)" }
            return text
        }
    }

    /// Generates, reads (both passes) and deletes one file per standard of about `megabytes`
    /// each; returns printable lines.
    public static func run(megabytes: Int) -> String {
        let reset = resetPeakResident()
        var lines = [
            "check: streams the file and checks segment syntax and envelopes, building no values. "
                + "check+map: the same checks, plus each set/message built as segment values and mapped to a PurchaseOrder "
                + "(one in memory at a time). MB/s and documents/s are file size and set/message count over the pass's wall-clock time.",
            reset ? "Peak RSS is VmHWM, reset to the current RSS before each pass, so it is that pass's own peak; growth is peak minus RSS at the pass start."
                  : "Peak RSS is the process-wide VmHWM (this kernel does not reset it); growth is peak minus RSS at the pass start, passes run smallest first.",
        ]
        for standard in [Standard.x12, .edifact] {
            do {
                for figures in try measure(standard, megabytes: megabytes) { lines.append(figures.description) }
            } catch {
                lines.append("\(standard.rawValue): could not run: \(error)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Both passes over one generated file.
    public static func measure(_ standard: Standard, megabytes: Int) throws -> [Figures] {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("supplyline-bench-\(UUID().uuidString)-\(standard.rawValue).edi")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try standard == .x12 ? writeX12(to: url, megabytes: megabytes) : writeEdifact(to: url, megabytes: megabytes)
        return [try check(standard, url: url, bytes: size), try map(standard, url: url, bytes: size)]
    }

    private static func check(_ standard: Standard, url: URL, bytes: Int) throws -> Figures {
        let reset = resetPeakResident()
        let before = residentKilobytes()
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let source = FileDescriptorByteSource(fileHandle: handle)
        var documents = 0
        var verdict = Verdict.accepted
        let seconds = timed {
            if standard == .x12 {
                var validator = X12Validator()
                validator.setSummaryLimit = 100
                X12Scanner(source: source).run(&validator)
                validator.finish()
                documents = validator.setCount
                verdict = validator.errors.isEmpty ? .accepted : .rejected
            } else {
                var validator = EdifactValidator()
                validator.setSummaryLimit = 100
                EdifactScanner(source: source).run(&validator)
                validator.finish()
                documents = validator.messageCount
                verdict = validator.errors.isEmpty ? .accepted : .rejected
            }
        }
        return Figures(standard: standard.rawValue, pass: .check, bytes: bytes, documents: documents, mapped: 0, seconds: seconds,
                       verdict: verdict, residentBeforeKilobytes: before, peakResidentKilobytes: peakResidentKilobytes(), peakWasReset: reset)
    }

    private static func map(_ standard: Standard, url: URL, bytes: Int) throws -> Figures {
        let reset = resetPeakResident()
        let before = residentKilobytes()
        var documents = 0
        var mapped = 0
        var firstError: MapError?
        var report: CheckReport?
        func record(_ result: () throws(MapError) -> PurchaseOrder) {
            documents += 1
            do {
                _ = try result()
                mapped += 1
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        var failure: Error?
        let seconds = timed {
            do {
                if standard == .x12 {
                    report = try X12Reader.forEachTransactionSet(fileAt: url, setSummaryLimit: 100) { set in
                        record { () throws(MapError) in try X12OrderMaps.purchaseOrder(from: set) }
                    }
                } else {
                    report = try EdifactReader.forEachMessage(fileAt: url, setSummaryLimit: 100) { message in
                        record { () throws(MapError) in try EdifactOrderMaps.purchaseOrder(from: message) }
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return Figures(standard: standard.rawValue, pass: .map, bytes: bytes, documents: documents, mapped: mapped,
                       firstMapError: firstError.map { "\($0.location ?? "") \($0)" }, seconds: seconds,
                       verdict: report?.verdict ?? .rejected, residentBeforeKilobytes: before,
                       peakResidentKilobytes: peakResidentKilobytes(), peakWasReset: reset)
    }

    private static func timed(_ work: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(work)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// VmHWM from /proc/self/status (Linux); nil elsewhere.
    public static func peakResidentKilobytes() -> Int? { statusField("VmHWM:") }

    /// VmRSS from /proc/self/status (Linux); nil elsewhere.
    public static func residentKilobytes() -> Int? { statusField("VmRSS:") }

    /// Resets VmHWM to the current RSS (Linux 4.0 and later: `5` to /proc/self/clear_refs).
    @discardableResult
    public static func resetPeakResident() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
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

    /// 850s of 20 lines each; every fourth line has two deliveries (SCH), the others one.
    static func writeX12(to url: URL, megabytes: Int) throws -> Int {
        let file = try ChunkedFile(url)
        let target = megabytes << 20
        try file.append("ISA*00*          *00*          *ZZ*BUYER          *ZZ*SUPPLIER       *240115*1200*U*00401*000000001*0*P*>~\n")
        try file.append("GS*PO*BUYER*SUPPLIER*20240115*1200*1*X*004010~\n")
        var sets = 0
        while file.written + file.buffer.count < target {
            sets += 1
            let number = String(sets)
            let control = String(repeating: "0", count: max(0, 4 - number.count)) + number
            var count = 0
            func segment(_ text: String) throws {
                count += 1
                try file.append(text + "~\n")
            }
            try segment("ST*850*" + control)
            try segment("BEG*00*SA*PO-\(number)**20240115")
            try segment("CUR*BY*USD")
            try segment("REF*PP*1")
            try segment("REF*DP*038")
            try segment("DTM*002*20240201")
            try segment("N1*ST*PLANT 7*92*P7")
            try segment("N3*1 INDUSTRIAL WAY")
            try segment("N4*SPRINGFIELD*IL*62701")
            try segment("N1*SU*ACME SUPPLY*92*SUP-7")
            for line in 1...20 {
                let quantity = line * 10
                try segment("PO1*\(line)*\(quantity)*EA*\(line).25*PE*BP*PART-\(line)-\(number)*VP*V\(line)")
                try segment("PID*F****WIDGET NUMBER \(line)")
                try segment("PO4*4*4*EA*PLT94**6*LR*19*CT")
                if line % 4 == 0 {
                    try segment("SCH*\(quantity / 2)*EA***002*20240201")
                    try segment("SCH*\(quantity / 2)*EA***002*20240301")
                } else {
                    try segment("SCH*\(quantity)*EA***002*20240201")
                }
            }
            try segment("CTT*20")
            count += 1
            try file.append("SE*\(count)*" + control + "~\n")
        }
        try file.append("GE*\(sets)*1~\nIEA*1*000000001~\n")
        return try file.close()
    }

    /// ORDERS of 20 lines each; every fourth line has two deliveries (SCC groups).
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
            try segment("DTM+2:20240201:102")
            try segment("RFF+PP:1")
            try segment("NAD+BY+5412345000013::9")
            try segment("NAD+DP+P7::92")
            try segment("NAD+SU+4012345500004::9")
            try segment("CUX+2:EUR:9")
            for line in 1...20 {
                let quantity = line * 10
                try segment("LIN+\(line)++PART-\(line)-\(number):BP")
                try segment("IMD+F++:::Widget number \(line)?: grade A")
                try segment("QTY+21:\(quantity):PCE")
                try segment("PRI+AAA:\(line).25")
                if line % 4 == 0 {
                    try segment("SCC+1")
                    try segment("QTY+21:\(quantity / 2)")
                    try segment("DTM+2:20240201:102")
                    try segment("SCC+1")
                    try segment("QTY+21:\(quantity / 2)")
                    try segment("DTM+2:20240301:102")
                }
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
