import Foundation
import Hub

/// `supplyline <command> …`: the hub's command line.
let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("supplyline: \(message)\n".utf8))
    exit(2)
}

let usage = """
    supplyline: integration hub between a manufacturer's ERP and its suppliers

    usage:
      supplyline serve [--listen HOST:PORT] [--db PATH] [--erp-url URL] [options]
      supplyline demo [--port 8080] [--erp-port 8090] [--dir .supplyline]
      supplyline clients add --db PATH --role erp|supplier|buyer|admin [--supplier ID] --name NAME
      supplyline clients list --db PATH
      supplyline clients revoke --db PATH --id CLIENT_ID
      supplyline bench acks [--requests N] [--concurrency C] [--durability full|normal]
      supplyline bench mrp [--orders 5000] [--lines 20] [--batch 500] [--suppliers 10] [--connections 2] [--durability full|normal]
      supplyline bench edi [--megabytes N]
      supplyline edi check FILE | edi ack FILE | edi to-json FILE
      supplyline help

    serve options (environment variables SUPPLYLINE_LISTEN, SUPPLYLINE_DB, SUPPLYLINE_ERP_URL, …):
      --listen HOST:PORT            where to listen (default 127.0.0.1:8080)
      --db PATH                     SQLite database file (default .supplyline/hub.db)
      --erp-url URL                 the ERP's base URL; postings go to URL/erp/postings
      --durability full|normal      fsync every commit (full, default) or not (normal)
      --max-connections N           most open HTTP connections, a thread each (default 1024)
      --max-body-bytes N            largest request body accepted (default 1048576)
      --max-document-bytes N        largest quality document upload (default 10485760)
      --retry-max-attempts N        delivery attempts before a dead letter (default 50)
      --retry-base-seconds S        first retry delay (default 1)
      --retry-max-seconds S         longest retry delay (default 300)
      --dispatcher-concurrency N    postings in flight at once (default 8)
      --log-level debug|info|warning|error
      --access-log true|false
      --drop-folder-poll-seconds S  how often partner drop folders are polled (default 1)
      --timer-interval-seconds S    how often the timers sweep (default 60)
      --acknowledgement-overdue-hours N  hours after release an unanswered order is overdue (default 48)
      --ship-notice-late-days N     days before a confirmed delivery it needs a ship notice (default 2)

    """

do {
    switch arguments.first {
    case "serve": try ServeCommand.run(Array(arguments.dropFirst()), environment: environment)
    case "demo": try DemoCommand.run(Array(arguments.dropFirst()), environment: environment)
    case "clients": try ClientsCommand.run(Array(arguments.dropFirst()))
    case "bench": try BenchCommand.run(Array(arguments.dropFirst()))
    case "edi": exit(try EDICommand.run(Array(arguments.dropFirst())))
    case "help", "--help", "-h", nil: print(usage, terminator: "")
    case let other?: fail("unknown command \(other); see 'supplyline help'")
    }
} catch let error as CommandLineError {
    fail(error.description)
} catch {
    fail(String(describing: error))
}
