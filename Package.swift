// swift-tools-version:6.1
import PackageDescription

/// What every sample service is built from.
var sampleDependencies: [Target.Dependency] {
  [
    "SampleKit", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "GRDB", package: "GRDB.swift"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    .product(name: "Logging", package: "swift-log"),
  ]
}

let package = Package(
  name: "Accord",
  // Mutex (Synchronization) and task executors need macOS 15 and iOS 18.
  platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11)],
  products: [
    .library(name: "Accord", targets: ["Accord"]),
    .library(name: "AccordModel", targets: ["AccordModel"]),
    .library(name: "AccordMatching", targets: ["AccordMatching"]),
    .library(name: "AccordMockServer", targets: ["AccordMockServer"]),
    .library(name: "AccordClient", targets: ["AccordClient"]),
    .library(name: "AccordVerifier", targets: ["AccordVerifier"]),
    .library(name: "AccordTesting", targets: ["AccordTesting"]),
    .executable(name: "accord", targets: ["accord"]),
  ],
  dependencies: [
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
    .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
  ],
  targets: [
    // Contracts, interactions, matching rules, generators, JSON, the Pact file codec. No I/O.
    .target(name: "AccordModel"),
    // Pure matching of expected against actual, returning mismatches with paths. No I/O.
    .target(name: "AccordMatching", dependencies: ["AccordModel"]),
    // The in-process mock server (consumer tests) and stub server (`accord stub`), on Hummingbird.
    .target(
      name: "AccordMockServer",
      dependencies: [
        "AccordModel", "AccordMatching", "AccordHTTP",
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOFoundationCompat", package: "swift-nio"),
      ]
    ),
    // Provider contracts: a consumer contract compared with a provider's OpenAPI document. Pure, as AccordMatching.
    .target(
      name: "AccordOpenAPI",
      dependencies: [
        "AccordModel", "AccordMatching",
        .product(name: "OpenAPIKit", package: "OpenAPIKit"),
        .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
        .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Headers and bodies between Accord's model and swift-http-types, which Hummingbird servers speak.
    .target(
      name: "AccordHTTP",
      dependencies: ["AccordModel", .product(name: "HTTPTypes", package: "swift-http-types")]
    ),
    // Calling out: one HTTP client configuration, contract sources (files, URLs, a broker), the HAL broker client.
    .target(
      name: "AccordClient",
      dependencies: [
        "AccordModel",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOFoundationCompat", package: "swift-nio"),
      ]
    ),
    // The broker's domain: pacticipants, versions, pacts, verifications, environments, selectors, can-i-deploy, and
    // the storage protocol its stores implement. No HTTP, no SQL.
    .target(
      name: "AccordBroker",
      dependencies: ["AccordModel", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The broker's store written once in SQL: every query and its row decoding, over a database protocol that
    // the SQLite and PostgreSQL modules implement (their differences named in SQLDialect). No driver here.
    .target(
      name: "AccordBrokerSQL",
      dependencies: ["AccordBroker", "AccordModel"]
    ),
    // The broker's embedded store: one SQLite file through GRDB (WAL, foreign keys, versioned migrations).
    .target(
      name: "AccordBrokerSQLite",
      dependencies: [
        "AccordBroker", "AccordBrokerSQL", "AccordModel", .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    // The broker's store for several replicas: one PostgreSQL database through PostgresNIO.
    .target(
      name: "AccordBrokerPostgres",
      dependencies: [
        "AccordBroker", "AccordBrokerSQL", "AccordModel", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The broker's HTTP API (the Pact Broker's HAL resources) on Hummingbird, over any BrokerStore.
    .target(
      name: "AccordBrokerServer",
      dependencies: [
        "AccordBroker", "AccordModel", "AccordClient",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Provider verification: provider states, HTTP and message replay, reports.
    .target(name: "AccordVerifier", dependencies: ["AccordModel", "AccordMatching", "AccordClient"]),
    // The `accord` command line, one file per subcommand; the executable is a thin wrapper.
    .target(
      name: "AccordCLI",
      dependencies: [
        "AccordModel", "AccordMatching", "AccordMockServer", "AccordClient", "AccordVerifier", "AccordBroker",
        "AccordOpenAPI",
        "AccordBrokerSQLite", "AccordBrokerPostgres", "AccordBrokerServer", "AccordDemo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ]
    ),
    .executableTarget(name: "accord", dependencies: ["AccordCLI"]),
    // `accord demo`: a broker, the sample services, and the whole loop between them, in one process.
    .target(
      name: "AccordDemo",
      dependencies: [
        "AccordBroker", "AccordBrokerSQLite", "AccordBrokerServer", "AccordClient", "AccordModel", "AccordVerifier",
        "SampleSystem", "SampleKit", "UserService", "OrderService",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // For providers' own tests: run a Hummingbird app in-process on port 0 and verify it.
    .target(
      name: "AccordTesting",
      dependencies: [
        "AccordVerifier", "AccordHTTP",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The consumer DSL: describe interactions in `swift test`, run real client code, write contracts.
    .target(name: "Accord", dependencies: ["AccordModel", "AccordMatching", "AccordMockServer"]),
    // `swift run -c release accord-bench [case…]`: medians for the speed goals of each issue.
    .executableTarget(
      name: "accord-bench",
      dependencies: [
        "Accord", "AccordModel", "AccordMatching", "AccordMockServer", "AccordVerifier", "AccordBroker",
        "AccordBrokerSQL", "AccordBrokerSQLite", "AccordBrokerPostgres", "AccordBrokerServer", "AccordClient",
        "AccordTesting", "AccordDemo", "AccordOpenAPI",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),

    // Test support: locating the shared files under Tests/Fixtures.
    .target(name: "AccordFixtures", path: "Tests/AccordFixtures"),

    .testTarget(name: "AccordModelTests", dependencies: ["AccordModel", "AccordMatching", "AccordFixtures"]),
    .testTarget(name: "AccordOpenAPITests", dependencies: ["AccordOpenAPI", "AccordModel"]),
    // The broker's tests, one target per layer. Test support: fixtures and the stores the store suite runs on
    // (SQLite in memory, a SQLite file, and PostgreSQL when ACCORD_TEST_POSTGRES_URL names a server).
    .target(
      name: "AccordBrokerTestSupport",
      dependencies: [
        "AccordBroker", "AccordBrokerSQLite", "AccordBrokerPostgres", "AccordModel",
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ],
      path: "Tests/AccordBrokerTestSupport"
    ),
    .testTarget(name: "AccordBrokerDomainTests", dependencies: ["AccordBroker", "AccordModel"]),
    .testTarget(
      name: "AccordBrokerStoreTests",
      dependencies: [
        "AccordBroker", "AccordBrokerSQLite", "AccordBrokerPostgres", "AccordModel", "AccordBrokerTestSupport",
      ]
    ),
    .testTarget(
      name: "AccordBrokerServerTests",
      dependencies: [
        "AccordBroker", "AccordBrokerSQLite", "AccordBrokerServer", "AccordModel", "AccordBrokerTestSupport",
        "AccordTesting", "AccordClient", "AccordDemo",
      ]
    ),
    .testTarget(
      name: "AccordTestingTests",
      dependencies: [
        "AccordTesting", "AccordVerifier", "AccordModel", "AccordFixtures",
        .product(name: "Hummingbird", package: "hummingbird"),
      ]
    ),
    .testTarget(
      name: "AccordClientTests",
      dependencies: [
        "AccordClient", "AccordModel", "AccordFixtures", .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    .testTarget(name: "AccordMatchingTests", dependencies: ["AccordMatching", "AccordModel", "AccordFixtures"]),
    .testTarget(
      name: "AccordMockServerTests",
      dependencies: [
        "AccordMockServer", "AccordModel", "AccordFixtures",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "AccordTests",
      dependencies: [
        "Accord", "AccordModel", "accord-contract-stress",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
    .testTarget(
      name: "AccordVerifierTests",
      dependencies: [
        "AccordVerifier", "AccordModel", "AccordFixtures", "AccordTesting",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]
    ),
    .testTarget(
      name: "AccordCLITests",
      dependencies: [
        "accord", "AccordCLI", "AccordModel", "AccordMatching", "AccordFixtures", "AccordTesting", "AccordBroker",
        "AccordBrokerSQLite", "AccordBrokerPostgres", "AccordClient", "AccordBrokerTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    // The sample microservices (sample-services/): real Hummingbird services with their own SQLite stores, which
    // depend on nothing of Accord; their contract tests do.
    .target(
      name: "SampleKit",
      dependencies: [
        .product(name: "Hummingbird", package: "hummingbird"), .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "sample-services/Sources/SampleKit"
    ),
    .target(name: "UserService", dependencies: sampleDependencies, path: "sample-services/Sources/UserService"),
    .target(name: "OrderService", dependencies: sampleDependencies, path: "sample-services/Sources/OrderService"),
    .target(
      name: "InventoryService", dependencies: sampleDependencies, path: "sample-services/Sources/InventoryService"),
    .target(name: "PaymentService", dependencies: sampleDependencies, path: "sample-services/Sources/PaymentService"),
    .target(
      name: "ShippingService", dependencies: sampleDependencies, path: "sample-services/Sources/ShippingService"),
    .target(
      name: "NotificationService", dependencies: sampleDependencies,
      path: "sample-services/Sources/NotificationService"),
    .target(name: "OrderSaga", dependencies: sampleDependencies, path: "sample-services/Sources/OrderSaga"),
    .target(name: "ApiGateway", dependencies: sampleDependencies, path: "sample-services/Sources/ApiGateway"),
    .target(name: "WebClient", dependencies: ["SampleKit"], path: "sample-services/Sources/WebClient"),
    .target(
      name: "SampleSystem",
      dependencies: [
        "SampleKit", "UserService", "OrderService", "InventoryService", "PaymentService", "ShippingService",
        "NotificationService", "OrderSaga", "ApiGateway",
      ],
      path: "sample-services/Sources/SampleSystem"
    ),
    .executableTarget(
      name: "sample-services",
      dependencies: ["SampleSystem", "SampleKit", .product(name: "UnixSignals", package: "swift-service-lifecycle")],
      path: "sample-services/Sources/sample-services"
    ),
    .testTarget(
      name: "SampleServicesTests",
      dependencies: [
        "SampleSystem", "WebClient", "Accord", "AccordTesting", "AccordVerifier", "AccordClient", "AccordModel",
        .product(name: "Hummingbird", package: "hummingbird"), .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      path: "sample-services/Tests/SampleServicesTests"
    ),
    .testTarget(name: "AccordDemoTests", dependencies: ["AccordDemo", "SampleSystem"]),
    // A stand-in test process for the concurrent-writers test of AccordTests.
    .executableTarget(
      name: "accord-contract-stress",
      dependencies: ["Accord", .product(name: "AsyncHTTPClient", package: "async-http-client")],
      path: "Tests/AccordContractStress"
    ),
  ]
)
