import Foundation
import Hub
import Storage

enum BenchCommand {
    static func run(_ arguments: [String]) throws {
        guard let which = arguments.first else { throw CommandLineError("bench needs acks, mrp or edi") }
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
        case "mrp":
            var mrp = MRPBenchmark.Options()
            mrp.orders = try CommandLineOptions.int(options["orders"] ?? "5000", "orders", 1...1_000_000)
            mrp.lines = try CommandLineOptions.int(options["lines"] ?? "20", "lines", 1...500)
            mrp.batch = try CommandLineOptions.int(options["batch"] ?? "500", "batch", 1...MRPBenchmark.maxBatch)
            mrp.suppliers = try CommandLineOptions.int(options["suppliers"] ?? "10", "suppliers", 1...1000)
            mrp.connections = try CommandLineOptions.int(options["connections"] ?? "2", "connections", 1...64)
            guard let durability = SQLiteStore.Durability(rawValue: options["durability"] ?? "full") else {
                throw CommandLineError("--durability must be full or normal")
            }
            mrp.durability = durability
            print(try MRPBenchmark.run(mrp), terminator: "")
        case "edi":
            let megabytes = try CommandLineOptions.int(options["megabytes"] ?? "50", "megabytes", 1...2000)
            print(EDIBenchmarkRunner.run(megabytes: megabytes), terminator: "")
        default:
            throw CommandLineError("unknown benchmark \(which); use acks, mrp or edi")
        }
    }
}
