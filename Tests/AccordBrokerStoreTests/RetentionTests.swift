import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// `accord broker clean`: what a retention policy keeps and deletes, on every store.
@Suite("retention")
struct RetentionTests {
  @Test(
    "keeps the latest per branch, the recent, the deployed or released, the main branch's latest and what they need",
    arguments: StoreKind.available)
  func clean(_ kind: StoreKind) async throws {
    let store = try await kind.make()
    _ = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    // web: 1.0.0 … 1.0.5 on main, 0.9.0 on an old branch; users: 7 (deployed) and 8 (latest of main).
    for minor in 0...5 {
      try await Fixtures.publish(
        store, "web", "1.0.\(minor)", branch: "main", to: ["users"], descriptions: ["r\(minor)"])
    }
    try await Fixtures.publish(store, "web", "0.9.0", branch: "spike", to: ["users"], descriptions: ["old"])
    let webOld = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.1"))
    let webLatest = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.5"))
    // users 3 verified the deployed web 1.0.1; users 4 and 5 verified only what is going away.
    try await Fixtures.verify(store, webOld, by: "3", branch: "feature", success: true)
    try await Fixtures.verify(store, webLatest, by: "8", branch: "main", success: true)
    let webTwo = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.2"))
    try await Fixtures.verify(store, webTwo, by: "4", branch: "feature", success: false)
    // Two newer feature versions of users, so 3 and 4 are not among the latest two of their branch.
    for number in ["5", "6"] {
      _ = try await store.saveVersion(VersionChange(pacticipant: "users", number: number, branch: "feature"))
    }
    try await Fixtures.deploy(store, "web", "1.0.1", to: "production")
    try await Fixtures.deploy(store, "users", "7", to: "production")

    // Everything is old: only the rules keep anything.
    let later = Date().addingTimeInterval(400 * 86_400)
    let plan = try await RetentionPolicy(keepLatest: 2, keepDays: 30).plan(store: store, now: later)
    let doomed = Set(plan.doomed.map { "\($0.pacticipant) \($0.number)" })
    #expect(doomed == ["web 1.0.0", "web 1.0.2", "web 1.0.3", "users 4"], "\(doomed)")
    let web = try #require(try await store.version(of: "web", number: "1.0.1"))
    #expect(plan.kept[web.id] == .deployedOrReleased)
    let needed = try #require(try await store.version(of: "users", number: "3"))
    #expect(plan.kept[needed.id] == .needed)

    // Nothing is deleted by planning (the dry run); deleting takes exactly the plan.
    #expect(try await store.version(of: "web", number: "1.0.0") != nil)
    let counts = try await store.deleteVersions(plan.doomed.map(\.id))
    #expect(counts.versions == 4)
    #expect(counts.publications == 3)
    #expect(counts.contents == 3)
    #expect(counts.verifications == 1)
    #expect(try await store.version(of: "web", number: "1.0.0") == nil)
    #expect(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.1") != nil)
    #expect(try await store.latestVerification(sha: webOld.sha) != nil)
    #expect(try await store.version(of: "users", number: "7") != nil)
    // A second run finds nothing more to delete: the database stays bounded.
    let again = try await RetentionPolicy(keepLatest: 2, keepDays: 30).plan(store: store, now: later)
    #expect(again.doomed.isEmpty)
    #expect(try await store.deleteVersions([]) == RetentionCounts())
  }

  @Test("a steady stream of publishes stays bounded")
  func bounded() async throws {
    let store = try await StoreKind.sqliteMemory.make()
    let policy = RetentionPolicy(keepLatest: 3, keepDays: 0)
    for round in 0..<5 {
      for build in 0..<10 {
        let number = "\(round).\(build)"
        try await Fixtures.publish(store, "web", number, branch: "main", to: ["users"], descriptions: [number])
      }
      let plan = try await policy.plan(store: store, now: Date().addingTimeInterval(60))
      _ = try await store.deleteVersions(plan.doomed.map(\.id))
      #expect(try await store.versions(of: "web", limit: 1000).count == 3)
    }
  }
}
