/// The server could not start. `description` is meant for operators.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    /// What failed, e.g. `bind`.
    public var operation: String
    /// The address involved, `host:port`.
    public var address: String
    /// The system's explanation, e.g. `Address already in use`.
    public var message: String
    /// The errno value when there is one.
    public var code: Int32?

    public var description: String {
        "cannot listen on \(address): \(operation) failed: \(message)"
    }
}
