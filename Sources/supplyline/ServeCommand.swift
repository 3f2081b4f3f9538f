import Foundation
import Hub

enum ServeCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws {
        let configuration = try HubConfiguration.parse(arguments: arguments, environment: environment)
        let hub = try Hub(configuration: configuration)
        try hub.start()
        say("supplyline listening on http://\(configuration.host):\(hub.port)")
        waitForTerminationSignal()
        hub.stop()
    }
}

/// Writes a line to standard output unbuffered, so a parent process sees it at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
