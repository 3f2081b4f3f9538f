import Connectors
import Foundation
import Storage
import Telemetry

/// Polls the drop folder of every partner profile that names one and feeds each new file in
/// `<folder>/inbox/` through the same inbound path as `POST /v1/interchanges`.
///
/// A file is taken only when its size and modification time are the same on two consecutive
/// polls, so a file still being written is never read half. Names starting with `.` or ending in
/// `.tmp` or `.part` are ignored: writing under such a name and renaming into place makes the file
/// visible whole. After processing the file moves to `processed/` (something in it was accepted)
/// or `failed/` (nothing was, with `<name>.report.json` beside it); when the profile expects
/// functional acknowledgements the 997, CONTRL or cXML Response is written to
/// `outbox/<name>.997`, `.contrl` or `.response.xml`, atomically.
public final class DropFolderService: Service, @unchecked Sendable {
    // @unchecked Sendable: `stopping` and `sightings` are only touched under `condition`
    // (sightings by the single polling thread, between lock and unlock in pollOnce).
    public let name = "drop-folders"
    private let context: FlowContext
    private let flow: InterchangeFlow
    private let interval: TimeInterval
    private let logger: Logger
    private let condition = NSCondition()
    private var stopping = false
    /// Size and modification time of each inbox file at the previous poll.
    private var sightings: [String: (size: Int, modified: Date, attempts: Int)] = [:]

    /// Files larger than this go to `failed/` unread.
    public let maxFileBytes: Int
    /// A file that fails this many polls in a row for reasons other than its content (for
    /// example a store error) goes to `failed/` so it cannot block the folder for ever.
    public let maxAttempts = 5

    public init(context: FlowContext, interval: TimeInterval = 1, maxFileBytes: Int = 64 << 20) {
        self.maxFileBytes = maxFileBytes
        self.context = context
        self.flow = InterchangeFlow(context: context)
        self.interval = interval
        self.logger = context.logger.with(["service": "drop-folders"])
    }

    public func run() {
        while true {
            condition.lock()
            if stopping { condition.unlock(); break }
            condition.unlock()
            do {
                try pollOnce()
            } catch {
                logger.error("drop folder poll failed", ["error": .string(String(reflecting: error))])
            }
            condition.lock()
            if !stopping { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            condition.unlock()
        }
    }

    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// One pass over every drop folder; returns how many files were processed.
    @discardableResult
    public func pollOnce() throws -> Int {
        let profiles = try context.store.read { try $0.partnerProfiles() }
        var processed = 0
        var seen: [String: (size: Int, modified: Date, attempts: Int)] = [:]
        let previous = condition.withLock { sightings }
        for stored in profiles where stored.profile.channel.isInterchange {
            guard let path = stored.profile.transport?.dropFolder else { continue }
            let folder = URL(fileURLWithPath: path, isDirectory: true)
            let inbox = folder.appendingPathComponent("inbox", isDirectory: true)
            for sub in ["inbox", "outbox", "processed", "failed"] {
                try? FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") {
                let file = inbox.appendingPathComponent(name)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
                      attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = attributes[.modificationDate] as? Date ?? .distantPast
                guard let before = previous[file.path], before.size == size, before.modified == modified else {
                    seen[file.path] = (size, modified, 0)
                    continue
                }
                if size > maxFileBytes {
                    fail(file, name: name, folder: folder, code: "fileTooLarge",
                         message: "The file has \(size) bytes; the most a drop folder takes is \(maxFileBytes).")
                    processed += 1
                } else if process(file, name: name, folder: folder, profile: stored.profile) {
                    processed += 1
                } else if before.attempts + 1 >= maxAttempts {
                    fail(file, name: name, folder: folder, code: "notProcessed",
                         message: "The file could not be processed in \(maxAttempts) attempts; see the hub's log, then move it back to inbox/.")
                    processed += 1
                } else {
                    seen[file.path] = (size, modified, before.attempts + 1)
                }
            }
        }
        condition.withLock { sightings = seen }
        return processed
    }

    /// Moves a file to `failed/` with a report beside it saying why.
    private func fail(_ file: URL, name: String, folder: URL, code: String, message: String) {
        do {
            let destination = try move(file, to: folder.appendingPathComponent("failed"), name: name)
            let report = "{\"error\":\(JSON.quote(code)),\"message\":\(JSON.quote(message))}\n"
            try Self.writeAtomically(Array(report.utf8),
                                     to: destination.deletingLastPathComponent().appendingPathComponent("\(destination.lastPathComponent).report.json"))
            logger.warning("drop folder file failed", ["file": .string(name), "error": .string(code)])
        } catch {
            logger.error("cannot move a failed drop folder file", ["file": .string(file.path), "error": .string("\(error)")])
        }
    }

    /// Processes one stable file; false when it should be tried again at the next poll.
    private func process(_ file: URL, name: String, folder: URL, profile: PartnerProfile) -> Bool {
        let request = RequestContext(principal: Principal(clientID: "dropfolder:\(profile.supplier)", name: "drop folder",
                                                          role: .supplier, supplierID: profile.supplier))
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: file))
        } catch {
            logger.warning("cannot read a drop folder file", ["file": .string(file.path), "error": .string("\(error)")])
            return false
        }
        do {
            let receipt = try flow.receive(bytes, source: name, by: request)
            let accepted = receipt.record.status == .processed || receipt.record.status == .partiallyProcessed
            if profile.functionalAcknowledgements, !receipt.acknowledgement.isEmpty {
                let suffix = receipt.record.standard == "X12" ? "997" : receipt.record.standard == "EDIFACT" ? "contrl" : "response.xml"
                try Self.writeAtomically(receipt.acknowledgement, to: folder.appendingPathComponent("outbox/\(name).\(suffix)"))
            }
            let destination = try move(file, to: folder.appendingPathComponent(accepted ? "processed" : "failed"), name: name)
            if !accepted {
                try Self.writeAtomically(Array(Self.report(receipt.record.reportJSON, interchange: receipt.record.id).utf8),
                                         to: destination.deletingLastPathComponent().appendingPathComponent("\(destination.lastPathComponent).report.json"))
            }
            logger.info("drop folder file processed", ["file": .string(name), "supplier": .string(profile.supplier),
                                                       "interchange": .string(receipt.record.id), "status": .string(receipt.record.status.rawValue)])
            return true
        } catch let error as FlowError where error.code == .unrecognisedInterchange || error.code == .malformedInterchange {
            fail(file, name: name, folder: folder, code: error.code.rawValue, message: error.message)
            return true
        } catch {
            logger.error("drop folder file not processed; will retry", ["file": .string(file.path), "error": .string(String(reflecting: error))])
            return false
        }
    }

    static func report(_ json: String, interchange: String) -> String {
        "{\"interchange\":\(JSON.quote(interchange)),\"report\":\(json)}\n"
    }

    /// Moves `file` into `directory`, keeping its name unless taken (then adding a time suffix).
    private func move(_ file: URL, to directory: URL, name: String) throws -> URL {
        var target = directory.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) {
            target = directory.appendingPathComponent("\(name).\(Int(Date().timeIntervalSince1970 * 1000))")
        }
        try FileManager.default.moveItem(at: file, to: target)
        return target
    }

    /// Writes a hidden temporary file next to `url` and renames it into place.
    static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        try AtomicFile.write(bytes, to: url)
    }
}
