import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// Pacticipant labels, webhooks that name a label, and environment contacts, on every store.
@Suite("labels and contacts in the store")
struct LabelStoreTests {
  @Test("labels are added once, listed, found by label and removed", arguments: StoreKind.available)
  func labels(kind: StoreKind) async throws {
    let store = try await kind.make()
    try await Fixtures.publish(store, "web", "1", to: ["users", "orders"])
    #expect(try await store.addLabel("team-a", to: "users"))
    #expect(try await !store.addLabel("team-a", to: "users"))
    #expect(try await store.addLabel("team-a", to: "orders"))
    #expect(try await store.addLabel("edge", to: "users"))
    #expect(try await store.pacticipant(named: "users")?.labels == ["edge", "team-a"])
    #expect(try await store.pacticipants(labelled: "team-a").map(\.name) == ["orders", "users"])
    #expect(try await store.pacticipants().first { $0.name == "orders" }?.labels == ["team-a"])
    #expect(try await store.removeLabel("team-a", from: "users"))
    #expect(try await !store.removeLabel("team-a", from: "users"))
    #expect(try await store.pacticipants(labelled: "team-a").map(\.name) == ["orders"])
    await #expect(throws: BrokerError.self) { _ = try await store.addLabel("team-a", to: "nobody") }
    await #expect(throws: BrokerError.self) { _ = try await store.addLabel(" bad", to: "users") }
  }

  @Test("a webhook's labels and an environment's contacts are kept", arguments: StoreKind.available)
  func labelledWebhooksAndContacts(kind: StoreKind) async throws {
    let store = try await kind.make()
    guard let webhooks = store as? any WebhookStore else { return }
    let webhook = Webhook(
      uuid: "labelled-webhook-1", consumerLabel: "mobile", providerLabel: "team-a", events: [.contractPublished],
      request: WebhookRequest(method: "POST", url: "https://ci.example/build"))
    _ = try await webhooks.saveWebhook(webhook)
    let saved = try #require(try await webhooks.webhook(uuid: "labelled-webhook-1"))
    #expect(saved.consumerLabel == "mobile" && saved.providerLabel == "team-a" && saved.consumer == nil)

    let contacts: JSONValue = [["name": "Team A", "details": ["emailAddress": "a@example.com"]]]
    let created = try await store.saveEnvironment(
      EnvironmentChange(name: "production", production: true, contacts: contacts))
    #expect(created.contacts == contacts)
    let updated = try await store.saveEnvironment(
      EnvironmentChange(uuid: created.uuid, name: "production", production: true, contacts: nil))
    #expect(updated.contacts == nil)
    #expect(try await store.environment(named: "production")?.contacts == nil)
  }
}
