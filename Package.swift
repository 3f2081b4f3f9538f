// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Supplyline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "supplyline", targets: ["supplyline"]),
        .executable(name: "supplyline-erp", targets: ["supplyline-erp"]),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),

        // Layers, lowest first; imports only point down.
        .target(name: "Telemetry"),
        .target(name: "Procurement"),
        .target(name: "Interchange", dependencies: ["Procurement"]),
        // A VFS over SQLite's own that writes a write-ahead log's frames in one write per commit.
        .target(name: "CSQLiteVFS", dependencies: ["CSQLite"]),
        .target(name: "SQLite", dependencies: ["CSQLite", "CSQLiteVFS"]),
        .target(name: "Sodium", dependencies: ["CSodium"]),
        .target(name: "Storage", dependencies: ["Procurement", "SQLite", "Sodium", "Telemetry"]),
        .target(name: "Connectors", dependencies: ["Procurement", "Telemetry"]),
        .target(name: "Flows", dependencies: ["Procurement", "Interchange", "Storage", "Connectors", "Sodium", "Telemetry"]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "Telemetry"]),
        .target(name: "API", dependencies: ["Flows", "HTTPServer", "Procurement", "Storage", "Telemetry"]),
        .target(name: "Hub", dependencies: ["API", "Flows", "Connectors", "Storage", "HTTPServer", "Telemetry", "Interchange", "Sodium"]),
        .target(name: "ReferenceERP", dependencies: ["HTTPServer", "SQLite", "Telemetry"]),

        // Helpers shared by the test targets.
        .target(name: "TestSupport"),

        .executableTarget(name: "supplyline", dependencies: ["Hub"]),
        .executableTarget(name: "supplyline-erp", dependencies: ["ReferenceERP"]),

        .testTarget(name: "ProcurementTests", dependencies: ["Procurement"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "Procurement"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Procurement", "SQLite"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "Telemetry", "TestSupport"]),
        .testTarget(name: "FlowsTests", dependencies: ["Flows", "Storage", "Connectors", "Procurement", "Interchange"]),
        .testTarget(name: "APITests", dependencies: ["Hub", "API", "Flows", "Storage", "HTTPServer", "Procurement", "Interchange"]),
        .testTarget(name: "ReferenceERPTests", dependencies: ["ReferenceERP", "HTTPServer", "Telemetry", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["supplyline", "supplyline-erp"]),
    ]
)
