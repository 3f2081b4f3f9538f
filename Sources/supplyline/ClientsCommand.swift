import Flows
import Foundation
import Hub
import Storage

enum ClientsCommand {
    static func run(_ arguments: [String]) throws {
        guard let sub = arguments.first else { throw CommandLineError("clients needs add, list or revoke") }
        var options: [String: String] = [:]
        for (k, v) in try CommandLineOptions.pairs(Array(arguments.dropFirst())) { options[k] = v }
        guard let db = options["db"] else { throw CommandLineError("clients \(sub) needs --db PATH") }
        let admin = try HubAdministration(databasePath: db)
        defer { admin.close() }
        switch sub {
        case "add":
            guard let roleText = options["role"], let role = Role(rawValue: roleText) else {
                throw CommandLineError("--role must be erp, supplier, buyer or admin")
            }
            guard let name = options["name"] else { throw CommandLineError("clients add needs --name") }
            let (client, key) = try admin.addClient(name: name, role: role, supplierID: options["supplier"])
            print("client \(client.id) (\(client.role.rawValue)\(client.supplierID.map { " for \($0)" } ?? "")) \"\(client.name)\"")
            print("This key is shown once; store it now:")
            print(key)
        case "list":
            for c in try admin.clients() {
                let state = c.revokedAt == nil ? "active" : "revoked"
                print("\(c.id)\t\(c.role.rawValue)\t\(c.supplierID ?? "-")\t\(state)\t\(c.name)")
            }
        case "revoke":
            guard let id = options["id"] else { throw CommandLineError("clients revoke needs --id") }
            try admin.revokeClient(id: id)
            print("client \(id) revoked")
        default:
            throw CommandLineError("unknown clients command \(sub)")
        }
    }
}
