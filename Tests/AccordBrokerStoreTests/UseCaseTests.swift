import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// The domain's use cases over every store: publishing and recording a verification, with the webhooks each fires.
@Suite("use cases")
struct UseCaseTests {
  static func hook(_ uuid: String, _ events: [WebhookEvent]) -> Webhook {
    Webhook(uuid: uuid, events: events, request: WebhookRequest(url: "https://ci.example.com/\(uuid)"))
  }

  @Test(
    "publishing stores the pacts, then queues contract_published and, when the content changed, …_changed",
    arguments: StoreKind.available)
  func publish(_ kind: StoreKind) async throws {
    let store = try await kind.make()
    let webhooks = try #require(store as? any WebhookStore)
    _ = try await webhooks.saveWebhook(Self.hook("published-hook", [.contractPublished, .contractContentChanged]))
    let publish = PublishContracts(store: store, webhooks: webhooks)
    let first = Publication(
      version: VersionChange(pacticipant: "web", number: "1", branch: "main"),
      contracts: [try Fixtures.content("web", "users")])
    let published = try await publish(first) { "https://broker/pacts/\($0.sha)" }
    #expect(!published.existed)
    #expect(published.outcome.changes == [.created])
    #expect(Set(published.deliveries.map(\.event)) == [.contractPublished, .contractContentChanged])
    #expect(published.deliveries.allSatisfy { $0.parameters["pactUrl"]?.hasPrefix("https://broker/pacts/") == true })

    // The same content again, under a new version: published, not changed.
    var again = first
    again.version.number = "2"
    let republished = try await publish(again) { _ in "u" }
    #expect(republished.deliveries.map(\.event) == [.contractPublished])
    #expect(try await publish(again) { _ in "u" }.existed)

    // Without a webhook store: published, nothing queued.
    var third = first
    third.version.number = "3"
    let quiet = try await PublishContracts(store: store, webhooks: nil)(third) { _ in "u" }
    #expect(quiet.deliveries.isEmpty && quiet.outcome.stored.count == 1)
  }

  @Test(
    "recording a verification needs the pact, then queues …_published and …_succeeded or …_failed",
    arguments: StoreKind.available)
  func verify(_ kind: StoreKind) async throws {
    let store = try await kind.make()
    let webhooks = try #require(store as? any WebhookStore)
    _ = try await webhooks.saveWebhook(
      Self.hook("verified-hook", [.providerVerificationPublished, .providerVerificationFailed]))
    let outcome = try await Fixtures.publish(store, "web", "1", branch: "main", to: ["users"])
    let pact = try #require(outcome.stored.first)
    let record = RecordVerification(store: store, webhooks: webhooks)
    let failed = NewVerification(
      provider: "users", consumer: "web", sha: pact.sha,
      providerVersion: VersionChange(pacticipant: "users", number: "7", branch: "main"), success: false)
    let recorded = try await record(failed, pactURL: "p") { "v/\($0)" }
    #expect(recorded.verification.success == false)
    #expect(Set(recorded.deliveries.map(\.event)) == [.providerVerificationPublished, .providerVerificationFailed])
    #expect(
      recorded.deliveries.allSatisfy { $0.parameters["verificationResultUrl"] == "v/\(recorded.verification.number)" })

    var unknown = failed
    unknown.sha = String(repeating: "0", count: 64)
    await #expect(throws: BrokerError.notFound("no pact between web and users with content \(unknown.sha)")) {
      _ = try await record(unknown, pactURL: "p") { _ in "v" }
    }
  }

  @Test(
    "deployments and releases name the unknown version or environment; deletions the unknown resource",
    arguments: StoreKind.available)
  func deploymentsAndDeletions(_ kind: StoreKind) async throws {
    let store = try await kind.make()
    let environment = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    try await Fixtures.publish(store, "web", "1", branch: "main", to: ["users"])
    let deployments = Deployments(store: store)
    let deployed = try await deployments.deploy("web", "1", to: environment.uuid, instance: nil)
    #expect(deployed.version.number == "1")
    #expect(try await deployments.release("web", "1", into: environment.uuid).version.number == "1")
    await #expect(throws: BrokerError.notFound("web version 9 is unknown to the broker; publish or record it first")) {
      _ = try await deployments.deploy("web", "9", to: environment.uuid, instance: nil)
    }
    await #expect(throws: BrokerError.notFound("no environment with uuid nope; list them at /environments")) {
      _ = try await deployments.release("web", "1", into: "nope")
    }

    let deletions = Deletions(store: store)
    await #expect(throws: BrokerError.self) { try await deletions.deleteVersion("web", "9") }
    await #expect(throws: BrokerError.self) {
      try await deletions.deletePact(provider: "users", consumer: "web", consumerVersion: "9")
    }
    try await deletions.deletePact(provider: "users", consumer: "web", consumerVersion: "1")
    #expect(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1") == nil)
    try await deletions.deleteVersion("web", "1")
    #expect(try await store.version(of: "web", number: "1") == nil)
    try await deletions.deletePacticipant("web")
    await #expect(throws: BrokerError.notFound("no pacticipant named \"web\"; list them at /pacticipants")) {
      try await deletions.deletePacticipant("web")
    }
  }

  @Test(
    "cleaning by a retention policy: a dry run deletes nothing, a run deletes the plan", arguments: StoreKind.available)
  func clean(_ kind: StoreKind) async throws {
    let store = try await kind.make()
    for number in 1...4 {
      try await Fixtures.publish(store, "web", "\(number)", branch: "main", to: ["users"], descriptions: ["r\(number)"])
    }
    let clean = CleanOldVersions(store: store, policy: RetentionPolicy(keepLatest: 1, keepDays: 0))
    let later = Date().addingTimeInterval(86_400)
    let dry = try await clean(dryRun: true, now: later)
    #expect(dry.plan.doomed.map(\.number).sorted() == ["1", "2", "3"])
    #expect(dry.counts == RetentionCounts())
    #expect(try await store.versions(of: "web", limit: 10).count == 4)
    let done = try await clean(now: later)
    #expect(done.counts.versions == 3)
    #expect(try await store.versions(of: "web", limit: 10).map(\.number) == ["4"])
  }
}
