import Foundation
import Hub
import Interchange
import Procurement

/// `supplyline edi check|ack|to-json FILE`.
enum EDICommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        guard arguments.count >= 2 else { throw CommandLineError("usage: supplyline edi check|ack|to-json FILE [--order PO.json]") }
        let url = URL(fileURLWithPath: arguments[1])
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw CommandLineError("cannot read \(url.path)") }
        switch arguments[0] {
        case "check":
            let (json, accepted) = try EDITools.check(fileAt: url)
            print(json)
            return accepted ? 0 : 1
        case "ack":
            print(try EDITools.acknowledgement(fileAt: url), terminator: "")
            return 0
        case "to-json":
            var order: PurchaseOrder?
            let options = try CommandLineOptions.pairs(Array(arguments.dropFirst(2)))
            for (name, value) in options {
                guard name == "order" else { throw CommandLineError("unknown option --\(name)") }
                do {
                    order = try JSONDecoder().decode(PurchaseOrder.self, from: Data(contentsOf: URL(fileURLWithPath: value)))
                } catch {
                    throw CommandLineError("--order \(value) is not a purchase order in the API's JSON form: \(error)")
                }
            }
            let (json, accepted) = try EDITools.toJSON(fileAt: url, answering: order)
            print(json)
            return accepted ? 0 : 1
        default:
            throw CommandLineError("unknown edi command \(arguments[0]); use check, ack or to-json")
        }
    }
}

enum EDIBenchmarkRunner {
    static func run(megabytes: Int) -> String { InterchangeBenchmark.run(megabytes: megabytes) }
}
