// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Airwave",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AirwaveCore", targets: ["AirwaveCore"]),
        .executable(name: "airwaved", targets: ["airwaved"]),
        .executable(name: "airwavectl", targets: ["airwavectl"]),
        .executable(name: "airwave-bench", targets: ["airwave-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Pure DJ core: scoring, discovery, learning, context, catalogs. No I/O, no C, no clocks.
        .target(name: "AirwaveCore"),

        // C libraries, each owned by exactly one Swift module.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),

        // JSON string literals written by hand (exactly JSONEncoder's escapes), shared by the HTTP server's
        // replies and the store's JSON parameters.
        .target(name: "JSONText"),

        // PostgreSQL adapter: the only module that imports libpq.
        .target(name: "AirwaveStore", dependencies: ["AirwaveCore", "CLibPQ", "JSONText"]),
        // Test harness: one real PostgreSQL per test process, a fresh database per test. Not a product.
        .target(name: "AirwaveTestSupport", dependencies: ["AirwaveStore"]),
        // A real daemon on an ephemeral port over a real PostgreSQL, for the daemon and CLI tests.
        .target(name: "AirwaveDaemonTestSupport", dependencies: [
            "AirwaveDaemon", "AirwaveTestSupport", "AirwaveHTTP", "AirwaveRuntime", "AirwaveStore", "AirwaveAPI", "AirwaveCore",
        ]),
        // HTTP server over libmicrohttpd: the only module that imports it.
        .target(name: "AirwaveHTTP", dependencies: ["CMicroHTTPD", "JSONText"]),
        // Wire types shared by the daemon and the CLI.
        .target(name: "AirwaveAPI", dependencies: ["AirwaveCore"]),
        // Stations, listeners and the scheduler: applies the core's decisions; persists through a protocol.
        .target(name: "AirwaveRuntime", dependencies: ["AirwaveCore"]),
        // Configuration, control API routes and process lifecycle.
        .target(name: "AirwaveDaemon", dependencies: ["AirwaveCore", "AirwaveStore", "AirwaveHTTP", "AirwaveAPI", "AirwaveRuntime", "JSONText"]),

        .executableTarget(name: "airwaved", dependencies: [
            "AirwaveDaemon",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The operator CLI's commands as a library, so tests can run them in-process.
        .target(name: "AirwaveCtl", dependencies: [
            "AirwaveAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "airwavectl", dependencies: ["AirwaveCtl"]),
        // Benchmarks: the core, the runtime's scheduler (in-process), a bare HTTP server to compare routes against and the
        // daemon's hand-written interaction reply.
        .executableTarget(name: "airwave-bench", dependencies: ["AirwaveCore", "AirwaveRuntime", "AirwaveHTTP", "AirwaveAPI", "AirwaveDaemon", "JSONText"]),

        .testTarget(name: "AirwaveCoreTests", dependencies: ["AirwaveCore"]),
        .testTarget(name: "AirwaveStoreTests", dependencies: ["AirwaveStore", "AirwaveCore", "AirwaveTestSupport"]),
        .testTarget(name: "AirwaveHTTPTests", dependencies: ["AirwaveHTTP"]),
        .testTarget(name: "AirwaveRuntimeTests", dependencies: ["AirwaveRuntime", "AirwaveCore"]),
        .testTarget(name: "AirwaveCtlTests", dependencies: ["AirwaveCtl", "AirwaveDaemonTestSupport", "AirwaveDaemon", "AirwaveAPI", "AirwaveCore"]),
        .testTarget(name: "AirwaveDaemonTests", dependencies: ["AirwaveDaemonTestSupport", "AirwaveDaemon", "AirwaveRuntime", "AirwaveStore", "AirwaveAPI", "AirwaveCore", "AirwaveTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
