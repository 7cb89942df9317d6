import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@Suite("can-i-deploy")
struct CanIDeployTests {
  /// web 1 → users; users 5 deployed in production.
  func seeded(_ kind: StoreKind) async throws -> (any BrokerStore, StoredPact) {
    let store = try await kind.make()
    _ = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    let pact = try await Fixtures.publish(store, "web", "1", branch: "main", to: ["users"]).stored[0]
    try await Fixtures.deploy(store, "users", "5", to: "production")
    return (store, pact)
  }

  @Test("verified: yes, naming the provider version", arguments: StoreKind.available)
  func verified(kind: StoreKind) async throws {
    let (store, pact) = try await seeded(kind)
    try await Fixtures.verify(store, pact, by: "5", success: true)
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "web", version: "1", to: .environment("production"))
    #expect(answer.deployable == true)
    #expect(answer.integrations.map(\.reason) == [.verified])
    #expect(answer.integrations[0].text.contains("verified by users 5"))
  }

  @Test("a failed verification: no", arguments: StoreKind.available)
  func failed(kind: StoreKind) async throws {
    let (store, pact) = try await seeded(kind)
    try await Fixtures.verify(store, pact, by: "5", success: false)
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "web", version: "1", to: .environment("production"))
    #expect(answer.deployable == false)
    #expect(answer.integrations.map(\.reason) == [.failed])
    #expect(answer.reason.hasPrefix("No"))
  }

  @Test("never verified by the deployed version, though by another: unknown", arguments: StoreKind.available)
  func neverVerified(kind: StoreKind) async throws {
    let (store, pact) = try await seeded(kind)
    try await Fixtures.verify(store, pact, by: "6", success: true)
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "web", version: "1", to: .environment("production"))
    #expect(answer.deployable == nil)
    #expect(answer.integrations.map(\.reason) == [.neverVerified])
  }

  @Test("never verified by anyone: pending, unknown", arguments: StoreKind.available)
  func pending(kind: StoreKind) async throws {
    let (store, _) = try await seeded(kind)
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "web", version: "1", to: .environment("production"))
    #expect(answer.deployable == nil)
    #expect(answer.integrations.map(\.reason) == [.pending])
  }

  @Test("the provider is not deployed: unknown, deploy it first", arguments: StoreKind.available)
  func providerMissing(kind: StoreKind) async throws {
    let store = try await kind.make()
    _ = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    try await Fixtures.publish(store, "web", "1", to: ["users"])
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "web", version: "1", to: .environment("production"))
    #expect(answer.deployable == nil)
    #expect(answer.integrations.map(\.reason) == [.providerVersionUnknown])
    #expect(answer.integrations[0].text.contains("deployed or released in production"))
    #expect(answer.integrations[0].text.contains("deploy it first"))
  }

  @Test(
    "no provider version on the tag, branch or main branch: the reason says which and what to do",
    arguments: StoreKind.available)
  func providerMissingPerTarget(kind: StoreKind) async throws {
    let store = try await kind.make()
    try await Fixtures.publish(store, "web", "1", to: ["users"])
    let cases: [(CanIDeploy.Target, String)] = [
      (.tag("prod"), "no version of users is tagged 'prod' to check against; tag the version of users"),
      (.branch("release"), "no version of users is on branch 'release' to check against"),
      (.mainBranch, "no version of users is on its main branch to check against"),
      (.latest, "users has no version to check against yet"),
    ]
    for (target, expected) in cases {
      _ = try? await store.saveVersion(VersionChange(pacticipant: "other", number: "2"))
      let answer = try await CanIDeploy(store: store).ask(pacticipant: "web", version: "1", to: target)
      #expect(answer.deployable == nil, "\(target)")
      #expect(answer.integrations.map(\.reason) == [.providerVersionUnknown], "\(target)")
      #expect(answer.reason.contains(expected), "\(target): \(answer.reason)")
    }
  }

  @Test("an unknown version: unknown, with what to do", arguments: StoreKind.available)
  func unknownVersion(kind: StoreKind) async throws {
    let (store, _) = try await seeded(kind)
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "web", version: "9", to: .environment("production"))
    #expect(answer.deployable == nil)
    #expect(answer.reason.contains("unknown to the broker"))
  }

  @Test("a provider with nothing deployed that uses it: yes, no integration needed", arguments: StoreKind.available)
  func nothingDeployed(kind: StoreKind) async throws {
    let (store, _) = try await seeded(kind)
    _ = try await store.saveVersion(VersionChange(pacticipant: "users", number: "6"))
    let answer = try await CanIDeploy(store: store).ask(
      pacticipant: "users", version: "6", to: .environment("production"))
    #expect(answer.deployable == true)
    #expect(answer.integrations.isEmpty)
    #expect(answer.reason.contains("nothing is deployed") || answer.reason.contains("no integration"))
  }

  @Test("as provider: every deployed consumer's pact must be verified by this version", arguments: StoreKind.available)
  func asProvider(kind: StoreKind) async throws {
    let (store, pact) = try await seeded(kind)
    try await Fixtures.deploy(store, "web", "1", to: "production")
    try await Fixtures.verify(store, pact, by: "6", success: false)
    let no = try await CanIDeploy(store: store).ask(pacticipant: "users", version: "6", to: .environment("production"))
    #expect(no.deployable == false)
    #expect(no.integrations.map(\.consumer) == ["web"])
    try await Fixtures.verify(store, pact, by: "7", success: true)
    let yes = try await CanIDeploy(store: store).ask(pacticipant: "users", version: "7", to: .environment("production"))
    #expect(yes.deployable == true)
  }

  @Test("to a branch and to a tag", arguments: StoreKind.available)
  func branchAndTag(kind: StoreKind) async throws {
    let store = try await kind.make()
    let pact = try await Fixtures.publish(store, "web", "1", to: ["users"]).stored[0]
    _ = try await store.saveVersion(VersionChange(pacticipant: "users", number: "5", branch: "main", tags: ["prod"]))
    try await Fixtures.verify(store, pact, by: "5", success: true)
    let checker = CanIDeploy(store: store)
    #expect(try await checker.ask(pacticipant: "web", version: "1", to: .branch("main")).deployable == true)
    #expect(try await checker.ask(pacticipant: "web", version: "1", to: .tag("prod")).deployable == true)
    #expect(try await checker.ask(pacticipant: "web", version: "1", to: .tag("none")).deployable == nil)
  }

  @Test("an unknown environment names what to do")
  func unknownEnvironment() async throws {
    let store = try await StoreKind.sqliteMemory.make()
    try await Fixtures.publish(store, "web", "1", to: ["users"])
    do {
      _ = try await CanIDeploy(store: store).ask(pacticipant: "web", version: "1", to: .environment("prod"))
      Issue.record("expected not found")
    } catch {
      guard case .notFound(let message) = error as? BrokerError else { throw error }
      #expect(message.contains("accord create-environment"))
    }
  }
}
