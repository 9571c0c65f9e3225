// swift-tools-version: 6.2
// casa: backup and recovery for Lightning (lnd) nodes.
//
// The target graph is the architecture (docs/design.md, "Components"):
// - one small target per C library (CSodium/Sodium, CSecp256k1/Secp256k1, CCurl/CurlHTTP);
//   only the wrapper imports its C module;
// - a pure core with no I/O: SeedKit (aezeed, AEZ, BIP32), BackupCore (lnd SCB formats,
//   our keys and envelope), BlobStorage (the storage protocol), LightningWire (BOLT 8, messages);
// - the vault server never depends on SeedKit or BackupCore: it only ever sees ciphertext;
// - executables only parse arguments and wire parts together.
//
// CASA_CORE_ONLY=1 drops the server-side targets (Hummingbird, GRDB, PostgreSQL, lifecycle),
// which makes iterating on the pure core a matter of seconds. CI always builds everything.
// CASA_BENCHMARKS=1 adds the package-benchmark targets (swift package benchmark).
import PackageDescription

let coreOnly = Context.environment["CASA_CORE_ONLY"] != nil
let withBenchmarks = Context.environment["CASA_BENCHMARKS"] != nil

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// MARK: - C libraries, each wrapped by exactly one Swift target

let cTargets: [Target] = [
    .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
    .systemLibrary(name: "CSecp256k1", pkgConfig: "libsecp256k1", providers: [.apt(["libsecp256k1-dev"])]),
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .target(name: "Sodium", dependencies: ["CSodium", "CCrypto"], swiftSettings: swiftSettings),
    .target(name: "Secp256k1", dependencies: ["Codecs", "CSecp256k1", "Sodium"], swiftSettings: swiftSettings),
    .target(name: "CurlHTTP", dependencies: ["CCurl", "Sodium"], swiftSettings: swiftSettings),
]

// MARK: - Pure core (no I/O)

let coreTargets: [Target] = [
    // The version every program prints.
    .target(name: "BuildInfo", swiftSettings: swiftSettings),
    // Byte codecs every layer shares: hex, and the bounds-checked big-endian reader and writer.
    .target(name: "Codecs", swiftSettings: swiftSettings),
    // The Lightning vocabulary every layer shares: networks, key locators, channel points and ids,
    // lnd's wallet states.
    .target(name: "LightningTypes", dependencies: ["Codecs"], swiftSettings: swiftSettings),
    .target(name: "SeedKit", dependencies: ["LightningTypes", "Sodium", "Secp256k1"], swiftSettings: swiftSettings),
    .target(name: "BackupCore", dependencies: ["BlobStorage", "LightningTypes", "Codecs", "Sodium", "Secp256k1", "SeedKit"], swiftSettings: swiftSettings),
    .target(name: "BlobStorage", dependencies: ["Codecs"], swiftSettings: swiftSettings),
    .target(name: "LightningWire", dependencies: ["LightningTypes", "Codecs", "Sodium", "Secp256k1"], swiftSettings: swiftSettings),
]

// MARK: - Clients and flows that need only light dependencies

let clientTargets: [Target] = [
    .target(name: "VaultAPI", dependencies: ["Codecs", "BlobStorage"], swiftSettings: swiftSettings),
    .target(name: "VaultClient", dependencies: ["Codecs", "VaultAPI", "BlobStorage", "CurlHTTP", "Sodium"], swiftSettings: swiftSettings),
    .target(name: "LNDClient", dependencies: ["LightningTypes", "Codecs", "CurlHTTP", "Sodium"], swiftSettings: swiftSettings),
    .target(name: "LightningPeer", dependencies: ["LightningTypes", "LightningWire", "Secp256k1"], swiftSettings: swiftSettings),
    // Test doubles for LightningPeer (a scripted responder peer), as HummingbirdTesting: never linked into casa-recover.
    .target(name: "LightningPeerTesting", dependencies: ["LightningTypes", "LightningPeer", "LightningWire", "Secp256k1"], swiftSettings: swiftSettings),
    // Terminal I/O and output shapes both CLIs share (secrets, confirmations, tables, JSON, exit codes); no domain types.
    .target(name: "CommandLineSupport", dependencies: ["Sodium"], swiftSettings: swiftSettings),
    .target(
        name: "Recovery",
        dependencies: ["LightningTypes", "Codecs",
            "BackupCore", "SeedKit", "BlobStorage", "VaultAPI", "VaultClient", "LNDClient", "LightningWire", "LightningPeer", "Sodium", "Secp256k1",
            "CommandLineSupport",
        ],
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "casa-recover",
        dependencies: ["BuildInfo", "LightningTypes", "Recovery", "CommandLineSupport", "SeedKit", "VaultClient",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "TestSupport",
        dependencies: ["Codecs", "BlobStorage", "Sodium"],
        swiftSettings: swiftSettings
    ),
]

// MARK: - Server side: vault, agent, simulator (heavy dependencies)

let serverTargets: [Target] = [
    // Runs a server as a service in its own task, with its bound port and a graceful stop
    // (the vault in tests and embedding, lnd-sim's REST and control ports).
    .target(
        name: "ServerSupport",
        dependencies: [
            .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "VaultServer",
        dependencies: ["ServerSupport", "Codecs",
            "VaultAPI", "BlobStorage", "Sodium",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            "TOMLConfig",
        ],
        swiftSettings: swiftSettings
    ),
    // Benchmark only (benchmarks/vault-upload.sh): the contract's per-upload work on Hummingbird, no storage.
    .executableTarget(
        name: "vault-floor",
        dependencies: ["Codecs",
            "VaultAPI", "BlobStorage", "Sodium", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ],
        path: "benchmarks/Benchmarks/VaultFloor",
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "casa-vault",
        dependencies: ["BuildInfo", "Codecs",
            "VaultServer", "VaultAPI", "BlobStorage", .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: swiftSettings
    ),
    // Configuration files: TOMLKit behind checks for input its C++ parser aborts on.
    .target(
        name: "TOMLConfig",
        dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
        swiftSettings: swiftSettings
    ),
    .target(
        name: "LocalStore",
        dependencies: ["Codecs", "Sodium", .product(name: "GRDB", package: "GRDB.swift")],
        swiftSettings: swiftSettings
    ),
    // Test doubles for LocalStore (a fault-injecting file system over a virtual disk, for the
    // power-loss sweeps), as HummingbirdTesting: never linked into the agent.
    .target(name: "LocalStoreTesting", dependencies: ["LocalStore"], swiftSettings: swiftSettings),
    .target(
        name: "BackupAgent",
        dependencies: ["LightningTypes", "Codecs",
            "BackupCore", "SeedKit", "BlobStorage", "LocalStore", "LNDClient", "VaultAPI", "VaultClient", "Sodium", "Secp256k1",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            "TOMLConfig",
        ],
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "casa-backupd",
        dependencies: ["BuildInfo", "LightningTypes", "Codecs",
            "BackupAgent", "CommandLineSupport", "BackupCore", "BlobStorage", "SeedKit", "Sodium",
            .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: swiftSettings
    ),
    // Test and demo tool only: a simulated lnd. Never linked into the agent.
    .target(
        name: "LNDSimulator",
        dependencies: ["ServerSupport",
            "Codecs", "CurlHTTP", "LightningTypes",
            "BackupCore", "SeedKit", "LightningWire", "LightningPeer", "LightningPeerTesting", "Sodium", "Secp256k1",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ],
        swiftSettings: swiftSettings
    ),
    .executableTarget(
        name: "lnd-sim",
        dependencies: ["BuildInfo", "LightningTypes", "LNDSimulator", .product(name: "ArgumentParser", package: "swift-argument-parser")],
        swiftSettings: swiftSettings
    ),
    // Measurement tool, not shipped: issue 5's event → durable benchmark, built in release by
    // benchmarks/event-to-durable.sh.
    .executableTarget(
        name: "EventToDurableBenchmark",
        dependencies: ["BlobStorage", "BackupAgent", "BackupCore", "LocalStore", "Sodium", "TestSupport"],
        path: "benchmarks/Benchmarks/EventToDurable",
        swiftSettings: swiftSettings
    ),
]

// MARK: - Tests

let coreTests: [Target] = [
    .testTarget(name: "CodecsTests", dependencies: ["Codecs"], swiftSettings: swiftSettings),
    .testTarget(name: "LightningTypesTests", dependencies: ["LightningTypes", "Codecs", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(name: "SodiumTests", dependencies: ["Codecs", "Sodium"], swiftSettings: swiftSettings),
    .testTarget(name: "Secp256k1Tests", dependencies: ["Secp256k1", "Sodium"], swiftSettings: swiftSettings),
    .testTarget(name: "SeedKitTests", dependencies: ["LightningTypes", "Codecs", "SeedKit", "Sodium", "Secp256k1", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(name: "BackupCoreTests", dependencies: ["BlobStorage", "LightningTypes", "Codecs", "BackupCore", "SeedKit", "Sodium", "Secp256k1", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(name: "BlobStorageTests", dependencies: ["BlobStorage", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(name: "LightningWireTests", dependencies: ["LightningTypes", "Codecs", "LightningWire", "Sodium", "Secp256k1", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(
        name: "LightningPeerTests",
        dependencies: ["LightningTypes", "Codecs", "LightningPeer", "LightningPeerTesting", "LightningWire", "Sodium", "Secp256k1", "TestSupport"],
        exclude: ["Peers"],  // pyln_peer.py, run as a subprocess
        swiftSettings: swiftSettings
    ),
    .testTarget(name: "CurlHTTPTests", dependencies: ["CurlHTTP", "Sodium", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(name: "LNDClientTests", dependencies: ["LightningTypes", "Codecs", "LNDClient", "CurlHTTP", "Sodium", "SeedKit", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(
        name: "VaultClientTests",
        dependencies: ["Codecs", "VaultClient", "VaultAPI", "BlobStorage", "CurlHTTP", "Sodium", "TestSupport"],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "RecoveryTests",
        dependencies: ["LightningTypes", "Codecs",
            "Recovery", "CommandLineSupport", "casa-recover", "TestSupport", "BackupCore", "SeedKit", "BlobStorage", "CurlHTTP", "LightningPeer",
            "LightningPeerTesting", "LightningWire",
            "Secp256k1", "Sodium", "VaultAPI", "VaultClient", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: swiftSettings
    ),
]

let serverTests: [Target] = [
    .testTarget(
        name: "VaultServerTests",
        dependencies: ["ServerSupport", "Codecs",
            "VaultServer", "VaultAPI", "VaultClient", "BlobStorage", "CurlHTTP", "Sodium", "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ],
        swiftSettings: swiftSettings
    ),
    .testTarget(name: "LocalStoreTests", dependencies: ["LocalStoreTesting", "LocalStore", "Sodium", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(
        name: "BackupAgentTests",
        dependencies: ["ServerSupport", "LightningTypes", "Codecs",
            "BackupAgent", "VaultServer", "TestSupport", "BackupCore", "BlobStorage", "CurlHTTP", "LocalStore", "Secp256k1", "SeedKit",
            "Sodium", "VaultAPI", "VaultClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
        ],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "LNDSimulatorTests",
        dependencies: ["LightningTypes", "Codecs", "LNDSimulator", "LNDClient", "TestSupport", "BackupCore", "LightningPeer", "LightningWire", "Secp256k1", "SeedKit", "Sodium"],
        swiftSettings: swiftSettings
    ),
    // Runs recovery/drills/drill-*.sh against the built executables (listed so they are built first).
    .testTarget(
        name: "DrillTests",
        dependencies: ["TestSupport", "casa-vault", "casa-backupd", "casa-recover", "lnd-sim"],
        exclude: ["Scripts"],
        swiftSettings: swiftSettings
    ),
]

// MARK: - Assembly

var targets = cTargets + coreTargets + clientTargets + coreTests
var dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
]
if !coreOnly {
    targets += serverTargets + serverTests
    dependencies += [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ]
}
if withBenchmarks {
    dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    targets.append(
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: ["BackupCore", "Sodium", "TestSupport", .product(name: "Benchmark", package: "benchmark")],
            path: "benchmarks/Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}

let package = Package(
    name: "casa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "casa-recover", targets: ["casa-recover"]),
    ] + (coreOnly ? [] : [
        .executable(name: "casa-backupd", targets: ["casa-backupd"]),
        .executable(name: "casa-vault", targets: ["casa-vault"]),
        .executable(name: "lnd-sim", targets: ["lnd-sim"]),
    ]),
    dependencies: dependencies,
    targets: targets
)
