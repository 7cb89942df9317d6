import AccordBroker
import AccordBrokerPostgres
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// Several brokers on one database: concurrent writes through different replicas lose nothing and create no
/// duplicates (unique constraints and transactions, not locks in a process).
@Suite("Broker replicas")
struct ReplicaTests {
  static var kinds: [StoreKind] { StoreKind.replicable }

  @Test("concurrent publishes, verifications and deployments through two replicas", arguments: kinds)
  func concurrentWrites(kind: StoreKind) async throws {
    let (first, second) = try #require(try await kind.makeReplicas())
    let production = try await first.saveEnvironment(EnvironmentChange(name: "production", production: true))
    // 40 publishes: 4 consumers × 10 versions, every one sent through both replicas at once (the same content
    // for the same version, so both must succeed and share one publication).
    try await withThrowingTaskGroup(of: Void.self) { group in
      for consumer in 0..<4 {
        for version in 0..<10 {
          for store in [first, second] {
            group.addTask {
              try await Fixtures.publish(
                store, "consumer-\(consumer)", "\(version)", branch: "main", to: ["users", "orders"],
                descriptions: ["call \(version % 3)"])
            }
          }
        }
      }
      try await group.waitForAll()
    }
    #expect(
      try await first.pacticipants().map(\.name) == [
        "consumer-0", "consumer-1", "consumer-2", "consumer-3", "orders", "users",
      ])
    for consumer in 0..<4 {
      #expect(try await second.versions(of: "consumer-\(consumer)", limit: 100).count == 10)
    }
    // 20 verifications of one content through both replicas: numbered 1…20 with none lost or doubled.
    let pact = try #require(try await first.pact(provider: "users", consumer: "consumer-0", consumerVersion: "0"))
    let numbers = try await withThrowingTaskGroup(of: Int64.self) { group in
      for index in 0..<20 {
        let store = index.isMultiple(of: 2) ? first : second
        group.addTask { try await Fixtures.verify(store, pact, by: "u\(index % 5)", success: true).number }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(numbers.sorted() == Array(1...20))
    // Deployments of one pacticipant to one environment through both replicas: exactly one stays current.
    let versions = try await first.versions(of: "consumer-1", limit: 10)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (index, version) in versions.enumerated() {
        let store = index.isMultiple(of: 2) ? first : second
        group.addTask {
          _ = try await store.recordDeployment(
            versionID: version.id, environmentID: production.id, applicationInstance: nil)
        }
      }
      try await group.waitForAll()
    }
    #expect(try await second.deployedVersions(environmentID: production.id, pacticipant: "consumer-1").count == 1)
  }

  /// A replica of a newer release migrates the tables while this one holds prepared statements of them (with
  /// `SELECT *`, whose result type changes): the next calls prepare again instead of failing.
  @Test("another replica's migration does not break this one's prepared statements")
  func migrationUnderPreparedStatements() async throws {
    guard StoreKind.available.contains(.postgres) else { return }
    let (first, second) = try #require(try await StoreKind.postgres.makeReplicas())
    let newer = try #require(second as? PostgresBrokerStore)
    try await Fixtures.publish(first, "web", "1", branch: "main", to: ["users"], descriptions: ["a call"])
    _ = try await first.saveEnvironment(EnvironmentChange(name: "production", production: true))
    for _ in 0..<3 {
      _ = try await first.pacticipant(named: "web")
      _ = try await first.environment(named: "production")
    }
    try await newer.execute(unsafeSQL: "ALTER TABLE pacticipants ADD COLUMN next_release_field TEXT")
    try await newer.execute(unsafeSQL: "ALTER TABLE environments ADD COLUMN next_release_field TEXT")
    for _ in 0..<3 {
      #expect(try await first.pacticipant(named: "web")?.mainBranch == "main")
      #expect(try await first.environment(named: "production")?.production == true)
    }
    let saved = try await first.saveVersion(VersionChange(pacticipant: "web", number: "2", branch: "main"))
    #expect(saved.number == "2")
  }
}

@Suite("PostgreSQL test databases")
struct PostgresTestDatabaseTests {
  @Test("only test databases over an hour old, or without a time, are stale")
  func stale() {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let names = [
      "accord_test_1799999000_ab12", "accord_test_1799990000_cd34", "accord_test_0123abcd", "accord_bench_1",
      "postgres",
    ]
    #expect(PostgresTestDatabase.stale(names, now: now) == ["accord_test_1799990000_cd34", "accord_test_0123abcd"])
  }
}
