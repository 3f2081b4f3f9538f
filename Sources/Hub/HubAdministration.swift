import Flows
import Foundation
import Storage
import Telemetry

/// Direct administration of a hub database from the command line (no server needed).
public final class HubAdministration {
    private let store: SQLiteStore
    private let context: FlowContext
    private let request = RequestContext(principal: .system, requestID: nil)

    public init(databasePath: String) throws {
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(configuration: .init(path: databasePath, readers: 1))
        context = FlowContext(store: store, logger: Logger(label: "supplyline", level: .warning))
    }

    public func addClient(name: String, role: Role, supplierID: String?) throws -> (client: ClientRecord, key: String) {
        try ClientAdministration(context: context).create(name: name, role: role, supplierID: supplierID, by: request)
    }

    public func clients() throws -> [ClientRecord] {
        try ClientAdministration(context: context).list(by: request)
    }

    public func revokeClient(id: String) throws {
        try ClientAdministration(context: context).revoke(clientID: id, by: request)
    }

    public func close() { store.close() }
}
