// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Pace",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "paced", targets: ["paced"]),
        .executable(name: "pace", targets: ["pace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        // Domain: pure Swift, no I/O, no SQLite, no NIO. FoundationEssentials only (no ICU).
        .target(name: "PaceCore"),
        // Wire types shared by daemon and CLI.
        .target(name: "PaceAPI", dependencies: ["PaceCore"]),
        // Leaf: Unix sockets, peer credentials and user lookups over Glibc, errno in errors;
        // glibc's malloc settings.
        .target(name: "PacePosix", dependencies: ["CPaceMalloc"]),
        // mallopt, which Glibc's Swift module does not export.
        .target(name: "CPaceMalloc"),
        // sqlite3_config, which is variadic: libsqlite3-dev's header, the system's libsqlite3.
        .target(name: "CPaceSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The SQLite event log. Migrations are the files of schema/, embedded at build time.
        .target(
            name: "PaceStore",
            dependencies: [
                "PaceCore", "CPaceSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the rebuild's column reads and binds (RawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("schema")]
        ),
        // Application layer: who may do what (the one authorization matrix) and the rules
        // of management changes; no HTTP, no sockets. Tested in-process without root.
        .target(name: "PaceApp", dependencies: ["PaceCore", "PaceAPI", "PaceStore"]),
        // libsystemd (sd-daemon.h) as a system library; libsystemd-dev provides it.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // Daemon internals: HTTP routes, identity, lifecycle.
        .target(
            name: "PaceServer",
            dependencies: [
                "PaceCore", "PaceAPI", "PaceStore", "PaceApp", "PacePosix", "CSystemd",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("Web/templates"), .embedInCode("Web/assets")]
        ),
        // The CLI's small client: blocking HTTP/1.1 over a Unix socket, no NIO.
        // The CLI's HTTPS and SHA-256 through the system's OpenSSL 3, loaded with dlopen at
        // first use (not linked), so local commands start without it. libssl-dev's headers.
        .target(name: "CPaceTLS"),
        .target(name: "PaceClient", dependencies: ["PaceCore", "PaceAPI", "PacePosix", "CPaceTLS"]),
        .executableTarget(
            name: "paced",
            dependencies: [
                "PaceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The CLI's commands and their rendering; no Foundation internationalisation (no ICU).
        .target(
            name: "PaceCLI",
            dependencies: [
                "PaceClient", "PaceAPI", "PaceCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pace", dependencies: ["PaceCLI"]),
        .executableTarget(name: "pace-bench", dependencies: ["PaceClient", "PaceAPI", "PaceCore", "PaceStore", "PacePosix"]),
        .testTarget(
            name: "PaceCoreTests",
            dependencies: ["PaceCore", "PaceAPI", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // The HTTP application in-process: routes, identity, errors, without a socket or root.
        .testTarget(
            name: "PaceServerTests",
            dependencies: [
                "PaceServer", "PaceApp", "PaceAPI", "PaceCore", "PaceStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "PaceAppTests", dependencies: ["PaceApp", "PaceCore", "PaceStore"]),
        .testTarget(name: "PaceStoreTests", dependencies: ["PaceStore", "PaceCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EndToEndTests", dependencies: ["PaceClient", "PaceAPI", "PaceCore", "PacePosix"], exclude: ["nspawn-scenario.sh"]),
    ]
)
