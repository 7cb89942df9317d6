import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// The one suite every store passes (SQLite in memory and on file; PostgreSQL when a server is given).
@Suite("Broker store")
struct BrokerStoreTests {
  @Test("publishing creates pacticipants and the version with its branch and tags", arguments: StoreKind.available)
  func publishCreates(kind: StoreKind) async throws {
    let store = try await kind.make()
    let outcome = try await Fixtures.publish(store, "web", "1.0.0", branch: "main", tags: ["dev"], to: ["users"])
    #expect(outcome.changes == [.created])
    #expect(outcome.version.branches == ["main"])
    #expect(outcome.version.tags == ["dev"])
    #expect(try await store.pacticipants().map(\.name) == ["users", "web"])
    let pact = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
    #expect(pact.sha == outcome.stored[0].sha)
    #expect(try await store.content(sha: pact.sha)?["consumer"]?["name"] == "web")
  }

  @Test(
    "branch and tag names with quotes, backslashes, commas and non-ASCII come back exactly",
    arguments: StoreKind.available)
  func awkwardNames(kind: StoreKind) async throws {
    let store = try await kind.make()
    let tags = [#"a","b"#, #"back\slash"#, "ünïcødé 🚀", "[]", "x"]
    let branch = #"feat/"quoted",\"#
    let outcome = try await Fixtures.publish(store, "web", "1.0.0", branch: branch, tags: tags, to: ["users"])
    #expect(outcome.version.branches == [branch])
    #expect(Set(outcome.version.tags) == Set(tags))  // in the order of the database's collation
    let read = try #require(try await store.version(of: "web", number: "1.0.0"))
    #expect(read.branches == [branch])
    #expect(Set(read.tags) == Set(tags))
  }

  @Test("republishing the same content is idempotent", arguments: StoreKind.available)
  func republishSame(kind: StoreKind) async throws {
    let store = try await kind.make()
    let first = try await Fixtures.publish(store, "web", "1.0.0", to: ["users"])
    let second = try await Fixtures.publish(store, "web", "1.0.0", to: ["users"])
    #expect(second.changes == [.unchanged])
    #expect(second.stored[0].id == first.stored[0].id)
  }

  @Test("different content for a published consumer version is a conflict with a diff", arguments: StoreKind.available)
  func republishDifferent(kind: StoreKind) async throws {
    let store = try await kind.make()
    try await Fixtures.publish(store, "web", "1.0.0", to: ["users"])
    do {
      try await Fixtures.publish(store, "web", "1.0.0", to: ["users"], descriptions: ["another request"])
      Issue.record("expected a conflict")
    } catch {
      guard case .conflict(let message, let diff) = error as? BrokerError else { throw error }
      #expect(message.contains("web and users"))
      #expect(message.contains("1.0.0"))
      #expect(diff.contains("$.interactions[0].description"))
      #expect(diff.contains("another request"))
    }
    // Nothing of the refused publication was stored.
    #expect(try await store.versions(of: "web", limit: 10).count == 1)
  }

  @Test("identical content from two versions is stored once and shares verifications", arguments: StoreKind.available)
  func contentShared(kind: StoreKind) async throws {
    let store = try await kind.make()
    let one = try await Fixtures.publish(store, "web", "1", to: ["users"]).stored[0]
    let two = try await Fixtures.publish(store, "web", "2", to: ["users"]).stored[0]
    #expect(one.sha == two.sha)
    try await Fixtures.verify(store, one, by: "u1", success: true)
    let providerVersion = try #require(try await store.version(of: "users", number: "u1"))
    let shared = try await store.latestVerification(sha: two.sha, providerVersionID: providerVersion.id)
    #expect(shared?.success == true)
    #expect(shared?.number == 1)
  }

  @Test("the content SHA ignores metadata and the broker's links", arguments: StoreKind.available)
  func shaIgnoresMetadata(kind: StoreKind) throws {
    var json = Fixtures.pact("web", "users")
    let plain = try PactContent(json: json, path: "a").sha
    if case .object(var members) = json {
      members["metadata"] = ["pactSpecification": ["version": "3.0.0"], "pact-jvm": ["version": "4.6.1"]]
      members["_links"] = ["self": ["href": "http://x"]]
      json = .object(members)
    }
    #expect(try PactContent(json: json, path: "b").sha == plain)
    #expect(try Fixtures.content("web", "users", ["other"]).sha != plain)
  }

  @Test("verification numbers count from 1 per content", arguments: StoreKind.available)
  func verificationNumbers(kind: StoreKind) async throws {
    let store = try await kind.make()
    let pact = try await Fixtures.publish(store, "web", "1", to: ["users"]).stored[0]
    let first = try await Fixtures.verify(store, pact, by: "u1", success: false)
    let second = try await Fixtures.verify(store, pact, by: "u1", success: true)
    #expect([first.number, second.number] == [1, 2])
    #expect(try await store.verification(sha: pact.sha, number: 1)?.success == false)
    #expect(try await store.latestVerification(sha: pact.sha)?.number == 2)
  }

  @Test("successful verification by branch", arguments: StoreKind.available)
  func successByBranch(kind: StoreKind) async throws {
    let store = try await kind.make()
    let pact = try await Fixtures.publish(store, "web", "1", to: ["users"]).stored[0]
    #expect(try await !store.hasSuccessfulVerification(sha: pact.sha, provider: "users", branch: nil))
    try await Fixtures.verify(store, pact, by: "u1", branch: "feature", success: true)
    #expect(try await store.hasSuccessfulVerification(sha: pact.sha, provider: "users", branch: nil))
    #expect(try await store.hasSuccessfulVerification(sha: pact.sha, provider: "users", branch: "feature"))
    #expect(try await !store.hasSuccessfulVerification(sha: pact.sha, provider: "users", branch: "main"))
  }

  @Test("batch lookups answer as the single ones do", arguments: StoreKind.available)
  func batchLookups(kind: StoreKind) async throws {
    let store = try await kind.make()
    let stored = try await Fixtures.publish(store, "web", "1", to: ["users", "orders"]).stored
    let users = try #require(stored.first { $0.provider == "users" })
    let orders = try #require(stored.first { $0.provider == "orders" })
    let failed = try await Fixtures.verify(store, users, by: "u1", branch: "main", success: false)
    let passed = try await Fixtures.verify(store, users, by: "u1", branch: "main", success: true)
    let feature = try await Fixtures.verify(store, orders, by: "o1", branch: "feature", success: true)
    let unknown = VerificationKey(sha: users.sha, providerVersionID: feature.providerVersion.id)
    let latest = try await store.latestVerifications([
      VerificationKey(sha: users.sha, providerVersionID: failed.providerVersion.id),
      VerificationKey(sha: orders.sha, providerVersionID: feature.providerVersion.id), unknown,
    ])
    #expect(latest.count == 2)
    #expect(latest[VerificationKey(sha: users.sha, providerVersionID: passed.providerVersion.id)]?.number == 2)
    #expect(latest[VerificationKey(sha: orders.sha, providerVersionID: feature.providerVersion.id)]?.success == true)
    #expect(latest[unknown] == nil)
    #expect(try await store.latestVerifications([]).isEmpty)

    #expect(try await store.successfullyVerified([users, orders], branch: nil) == [users.sha, orders.sha])
    #expect(try await store.successfullyVerified([users, orders, users], branch: "main") == [users.sha])
    #expect(try await store.successfullyVerified([users, orders], branch: "release").isEmpty)
    #expect(try await store.successfullyVerified([], branch: nil).isEmpty)

    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    try await Fixtures.deploy(store, "users", "u1", to: "production")
    let u2 = try await store.saveVersion(VersionChange(pacticipant: "users", number: "u2"))
    _ = try await store.recordRelease(versionID: u2.id, environmentID: production.id)
    _ = try await store.recordRelease(versionID: feature.providerVersion.id, environmentID: production.id)
    let inProduction = try await store.versionsInEnvironment(
      named: "production", pacticipants: ["users", "orders", "nobody"])
    #expect(inProduction?.mapValues { $0.map(\.number) } == ["users": ["u1", "u2"], "orders": ["o1"]])
    #expect(try await store.versionsInEnvironment(named: "production", pacticipants: []) == [:])
    #expect(try await store.versionsInEnvironment(named: "staging", pacticipants: ["users"]) == nil)

    let web = try #require(try await store.versionWithPacts(of: "web", number: "1"))
    #expect(web.version.number == "1" && web.pacts.map(\.provider) == ["orders", "users"])
    let provider = try #require(try await store.versionWithPacts(of: "users", number: "u2"))
    #expect(provider.version.number == "u2" && provider.pacts.isEmpty)
    #expect(try await store.versionWithPacts(of: "web", number: "2") == nil)
    #expect(try await store.versionWithPacts(of: "nobody", number: "1") == nil)
  }

  @Test("pacts of consumer versions deployed or released, each once", arguments: StoreKind.available)
  func deployedOrReleased(kind: StoreKind) async throws {
    let store = try await kind.make()
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    _ = try await store.saveEnvironment(EnvironmentChange(name: "test", production: false))
    for number in ["1", "2", "3", "4"] {
      try await Fixtures.publish(store, "web", number, to: ["users"], descriptions: ["call \(number)"])
    }
    try await Fixtures.publish(store, "ios", "1", to: ["users"])
    try await Fixtures.deploy(store, "web", "2", to: "production")
    let three = try #require(try await store.version(of: "web", number: "3"))
    _ = try await store.recordRelease(versionID: three.id, environmentID: production.id)
    let two = try #require(try await store.version(of: "web", number: "2"))
    _ = try await store.recordRelease(versionID: two.id, environmentID: production.id)
    try await Fixtures.deploy(store, "ios", "1", to: "test")
    let inProduction = try await store.pacts(
      provider: "users", consumer: nil, query: .deployedOrReleased(environment: "production"))
    #expect(inProduction.map { "\($0.consumer) \($0.consumerVersion.number)" } == ["web 3", "web 2"])
    let anywhere = try await store.pacts(provider: "users", consumer: nil, query: .deployedOrReleased(environment: nil))
    #expect(Set(anywhere.map { "\($0.consumer) \($0.consumerVersion.number)" }) == ["web 3", "web 2", "ios 1"])
    #expect(anywhere.count == 3)
  }

  @Test("latest versions by branch and tag", arguments: StoreKind.available)
  func latestVersions(kind: StoreKind) async throws {
    let store = try await kind.make()
    _ = try await store.saveVersion(VersionChange(pacticipant: "web", number: "1", branch: "main", tags: ["prod"]))
    _ = try await store.saveVersion(VersionChange(pacticipant: "web", number: "2", branch: "feature"))
    _ = try await store.saveVersion(VersionChange(pacticipant: "web", number: "3", branch: "main"))
    #expect(try await store.latestVersion(of: "web", branch: nil, tag: nil)?.number == "3")
    #expect(try await store.latestVersion(of: "web", branch: "feature", tag: nil)?.number == "2")
    #expect(try await store.latestVersion(of: "web", branch: nil, tag: "prod")?.number == "1")
    #expect(try await store.versions(of: "web", limit: 2).map(\.number) == ["3", "2"])
    #expect(try await store.deleteTag("prod", of: "web", number: "1"))
    #expect(try await store.latestVersion(of: "web", branch: nil, tag: "prod") == nil)
  }

  @Test(
    "branches: listed last-used first, their versions, and deleting one keeps the versions",
    arguments: StoreKind.available)
  func branches(kind: StoreKind) async throws {
    let store = try await kind.make()
    _ = try await store.saveVersion(VersionChange(pacticipant: "web", number: "1", branch: "main"))
    _ = try await store.saveVersion(VersionChange(pacticipant: "web", number: "2", branch: "feature"))
    _ = try await store.saveVersion(VersionChange(pacticipant: "web", number: "3", branch: "main"))
    _ = try await store.saveVersion(VersionChange(pacticipant: "other", number: "1", branch: "feature"))
    let branches = try await store.branches(of: "web")
    #expect(branches.map(\.name) == ["main", "feature"])
    #expect(branches.allSatisfy { $0.pacticipant == "web" && $0.createdAt <= $0.updatedAt })
    #expect(try await store.versions(of: "web", branch: "main", limit: 10).map(\.number) == ["3", "1"])
    #expect(try await store.versions(of: "web", branch: "main", limit: 1).map(\.number) == ["3"])
    #expect(try await store.branches(of: "nobody").isEmpty)

    #expect(try await store.deleteBranch("feature", of: "web"))
    #expect(try await !store.deleteBranch("feature", of: "web"))
    #expect(try await store.branches(of: "web").map(\.name) == ["main"])
    #expect(try await store.version(of: "web", number: "2")?.branches == [])
    #expect(try await store.latestVersion(of: "web", branch: "feature", tag: nil) == nil)
    // Another pacticipant's branch of the same name stays.
    #expect(try await store.branches(of: "other").map(\.name) == ["feature"])
  }

  @Test("deleting a pacticipant takes all of it and nothing of others", arguments: StoreKind.available)
  func deletePacticipant(kind: StoreKind) async throws {
    let store = try await kind.make()
    let web = try await Fixtures.publish(store, "web", "1", branch: "main", to: ["users", "orders"]).stored
    let ios = try await Fixtures.publish(store, "ios", "1", to: ["users"]).stored[0]
    try await Fixtures.verify(store, web[0], by: "u1", success: true)
    try await Fixtures.verify(store, ios, by: "u1", success: true)
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    try await Fixtures.deploy(store, "users", "u1", to: "production")

    let counts = try #require(try await store.deletePacticipant(named: "users"))
    #expect(counts.versions == 1 && counts.publications == 2 && counts.verifications == 2)
    #expect(try await store.pacticipant(named: "users") == nil)
    #expect(try await store.deletePacticipant(named: "users") == nil)
    #expect(try await store.pacts(provider: "users", consumer: nil, query: .latest).isEmpty)
    // The consumers, their other pacts and versions stay.
    #expect(try await store.pacts(provider: "orders", consumer: "web", query: .latest).count == 1)
    #expect(try await store.version(of: "ios", number: "1") != nil)
    #expect(try await store.content(sha: web[1].sha) != nil)
    #expect(try await store.deployedVersions(environmentID: production.id, pacticipant: nil).isEmpty)

    #expect(try await store.deletePact(provider: "orders", consumer: "web", consumerVersion: "1"))
    #expect(try await !store.deletePact(provider: "orders", consumer: "web", consumerVersion: "1"))
    #expect(try await store.pacts(provider: "orders", consumer: nil, query: .latest).isEmpty)
    #expect(try await store.content(sha: web[1].sha) == nil)
  }

  @Test("pacticipant main branch and details are updated, not replaced", arguments: StoreKind.available)
  func pacticipantUpdate(kind: StoreKind) async throws {
    let store = try await kind.make()
    _ = try await store.savePacticipant(PacticipantChange(name: "web", mainBranch: "main"))
    let updated = try await store.savePacticipant(PacticipantChange(name: "web", repositoryURL: "https://git/web"))
    #expect(updated.mainBranch == "main")
    #expect(updated.repositoryURL == "https://git/web")
  }

  @Test("names with control characters are refused", arguments: StoreKind.available)
  func controlCharacters(kind: StoreKind) async throws {
    let store = try await kind.make()
    await #expect(throws: BrokerError.self) {
      try await store.saveVersion(VersionChange(pacticipant: "web\u{1B}[31m", number: "1"))
    }
    await #expect(throws: BrokerError.self) {
      try await store.saveVersion(VersionChange(pacticipant: "web", number: "1", branch: "a\nb"))
    }
    #expect(try await store.pacticipants().isEmpty)
  }

  @Test("a deployment replaces the one before in the same environment and instance", arguments: StoreKind.available)
  func deployments(kind: StoreKind) async throws {
    let store = try await kind.make()
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    let one = try await store.saveVersion(VersionChange(pacticipant: "web", number: "1"))
    let two = try await store.saveVersion(VersionChange(pacticipant: "web", number: "2"))
    let first = try await store.recordDeployment(
      versionID: one.id, environmentID: production.id, applicationInstance: nil)
    _ = try await store.recordDeployment(versionID: two.id, environmentID: production.id, applicationInstance: nil)
    _ = try await store.recordDeployment(versionID: one.id, environmentID: production.id, applicationInstance: "eu")
    let current = try await store.deployedVersions(environmentID: production.id, pacticipant: "web")
    #expect(current.map(\.version.number) == ["2", "1"])
    #expect(current.map(\.applicationInstance) == [nil, "eu"])
    #expect(try await store.deployedVersion(uuid: first.uuid)?.currentlyDeployed == false)
    let undeployed = try await store.undeploy(uuid: current[1].uuid)
    #expect(undeployed?.currentlyDeployed == false)
    #expect(try await store.deployedVersions(environmentID: production.id, pacticipant: nil).count == 1)
  }

  @Test("releases stay until their support ends", arguments: StoreKind.available)
  func releases(kind: StoreKind) async throws {
    let store = try await kind.make()
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    let one = try await store.saveVersion(VersionChange(pacticipant: "app", number: "1"))
    let two = try await store.saveVersion(VersionChange(pacticipant: "app", number: "2"))
    let released = try await store.recordRelease(versionID: one.id, environmentID: production.id)
    _ = try await store.recordRelease(versionID: two.id, environmentID: production.id)
    #expect(try await store.releasedVersions(environmentID: production.id, pacticipant: "app").count == 2)
    #expect(try await store.endSupport(uuid: released.uuid)?.currentlySupported == false)
    #expect(
      try await store.releasedVersions(environmentID: production.id, pacticipant: nil).map(\.version.number) == ["2"])
  }

  @Test("environments: names are unique, updates keep the uuid", arguments: StoreKind.available)
  func environments(kind: StoreKind) async throws {
    let store = try await kind.make()
    let test = try await store.saveEnvironment(EnvironmentChange(name: "test", production: false))
    await #expect(throws: BrokerError.self) {
      try await store.saveEnvironment(EnvironmentChange(name: "test", production: true))
    }
    let renamed = try await store.saveEnvironment(
      EnvironmentChange(uuid: test.uuid, name: "staging", displayName: "Staging", production: false))
    #expect(renamed.uuid == test.uuid)
    #expect(try await store.environments().map(\.name) == ["staging"])
    #expect(try await store.deleteEnvironment(uuid: test.uuid))
    #expect(try await store.environment(named: "staging") == nil)
  }
}
