/// How a `ReferenceERP` listens, where it keeps its data and how it reaches the hub.
public struct ERPConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (see `ReferenceERP.port`).
    public var port: Int
    public var databasePath: String
    /// The hub's base URL, e.g. `http://127.0.0.1:8080`; nil disables releases.
    public var hubURL: String?
    /// API key sent as `Authorization: Bearer <key>`.
    public var hubKey: String
    public var faults: FaultSettings
    /// Seed for fault decisions; random when nil.
    public var faultSeed: UInt64?

    public init(host: String = "127.0.0.1", port: Int = 8090, databasePath: String, hubURL: String? = nil,
                hubKey: String = "", faults: FaultSettings = FaultSettings(), faultSeed: UInt64? = nil) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.hubURL = hubURL
        self.hubKey = hubKey
        self.faults = faults
        self.faultSeed = faultSeed
    }
}
