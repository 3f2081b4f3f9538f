import Foundation
import Hub

enum EDICommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        throw CommandLineError("edi commands are not built into this binary")
    }
}

enum EDIBenchmarkRunner {
    static func run(megabytes: Int) -> String { "" }
}
