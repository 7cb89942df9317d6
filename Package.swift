// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Accord",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "AccordModel", targets: ["AccordModel"]),
    .library(name: "AccordMatching", targets: ["AccordMatching"]),
  ],
  targets: [
    // Contracts, interactions, matching rules, generators, JSON, the Pact file codec. No I/O.
    .target(name: "AccordModel"),
    // Pure matching of expected against actual, returning mismatches with paths. No I/O.
    .target(name: "AccordMatching", dependencies: ["AccordModel"]),
    // `swift run -c release accord-bench [case…]`: medians for the speed goals of each issue.
    .executableTarget(name: "accord-bench", dependencies: ["AccordModel", "AccordMatching"]),

    // Test support: locating the shared files under Tests/Fixtures.
    .target(name: "AccordFixtures", path: "Tests/AccordFixtures"),
    .testTarget(name: "AccordModelTests", dependencies: ["AccordModel", "AccordFixtures"]),
    .testTarget(name: "AccordMatchingTests", dependencies: ["AccordMatching", "AccordModel", "AccordFixtures"]),
  ]
)
