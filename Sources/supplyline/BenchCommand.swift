import Foundation
import Hub
import Storage

enum BenchCommand {
    static func run(_ arguments: [String]) throws {
        guard let which = arguments.first else { throw CommandLineError("bench needs acks or edi") }
        var options: [String: String] = [:]
        for (k, v) in try CommandLineOptions.pairs(Array(arguments.dropFirst())) { options[k] = v }
        switch which {
        case "acks":
            let requests = try CommandLineOptions.int(options["requests"] ?? "20000", "requests", 1...10_000_000)
            let concurrency = try CommandLineOptions.int(options["concurrency"] ?? "64", "concurrency", 1...1000)
            guard let durability = SQLiteStore.Durability(rawValue: options["durability"] ?? "full") else {
                throw CommandLineError("--durability must be full or normal")
            }
            print(try AckBenchmark.run(requests: requests, concurrency: concurrency, durability: durability), terminator: "")
        case "edi":
            let megabytes = try CommandLineOptions.int(options["megabytes"] ?? "50", "megabytes", 1...2000)
            print(EDIBenchmarkRunner.run(megabytes: megabytes), terminator: "")
        default:
            throw CommandLineError("unknown benchmark \(which); use acks or edi")
        }
    }
}
