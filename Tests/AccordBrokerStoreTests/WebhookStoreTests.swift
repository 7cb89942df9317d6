import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// Webhooks and their deliveries on every store: saving, claiming (each delivery by one worker at a time, also
/// across two replicas), logging attempts and retrying.
@Suite("webhook store")
struct WebhookStoreTests {
  static func webhook(_ uuid: String, consumer: String? = nil, provider: String? = "users") -> Webhook {
    Webhook(
      uuid: uuid, description: "build \(uuid)", consumer: consumer, provider: provider,
      events: [.contractContentChanged, .providerVerificationFailed],
      request: WebhookRequest(
        method: "POST", url: "https://ci.example/build?pact=${pactbroker.pactUrl}",
        headers: [WebhookHeader(name: "Content-Type", value: "application/json")],
        body: ["pact": "${pactbroker.pactUrl}"],
        username: "ci", password: "s3cret"))
  }

  @Test("saves, replaces, lists and deletes webhooks", arguments: StoreKind.available)
  func crud(_ kind: StoreKind) async throws {
    let store = try #require(try await kind.make() as? any WebhookStore)
    #expect(try await store.saveWebhook(Self.webhook("hook-0001")))
    var changed = Self.webhook("hook-0001")
    changed.request.url = "https://ci.example/other"
    changed.enabled = false
    #expect(try await store.saveWebhook(changed) == false)
    #expect(try await store.saveWebhook(Self.webhook("hook-0002", consumer: "web")))
    let read = try #require(try await store.webhook(uuid: "hook-0001"))
    #expect(read.request == changed.request)
    #expect(read.enabled == false)
    #expect(read.events == [.contractContentChanged, .providerVerificationFailed])
    #expect(read.request.password == "s3cret")
    #expect(try await store.webhooks().map(\.uuid) == ["hook-0001", "hook-0002"])
    #expect(try await store.webhooks()[1].consumer == "web")
    #expect(try await store.deleteWebhook(uuid: "hook-0001"))
    #expect(try await store.deleteWebhook(uuid: "hook-0001") == false)
    #expect(try await store.webhook(uuid: "hook-0001") == nil)
  }

  @Test("a delivery is claimed once, logged, retried when due, and finished", arguments: StoreKind.available)
  func claimAndRetry(_ kind: StoreKind) async throws {
    let store = try #require(try await kind.make() as? any WebhookStore)
    _ = try await store.saveWebhook(Self.webhook("hook-0001"))
    let queued = try await store.enqueue([
      NewWebhookDelivery(
        webhookUUID: "hook-0001", event: .contractContentChanged,
        parameters: ["consumerName": "web", "providerName": "users"]),
      NewWebhookDelivery(webhookUUID: "gone", event: .contractPublished, parameters: [:]),
    ])
    #expect(queued.count == 1)
    let now = Date()
    let claimed = try #require(try await store.claimDelivery(now: now, worker: "a", lease: .seconds(60)))
    #expect(claimed.attempts == 1)
    #expect(claimed.consumer == "web")
    // Claimed: nobody else gets it until the lease lapses.
    #expect(try await store.claimDelivery(now: now, worker: "b", lease: .seconds(60)) == nil)
    let retry = now.addingTimeInterval(10)
    try await store.finishAttempt(
      WebhookAttempt(
        number: 1, startedAt: now, milliseconds: 12, request: "POST https://ci", status: 503, success: false),
      delivery: claimed.id, worker: "a", retryAt: retry)
    // Not due before the retry time; due after it.
    #expect(try await store.claimDelivery(now: now.addingTimeInterval(5), worker: "b", lease: .seconds(60)) == nil)
    let due = try #require(try await store.nextDeliveryDue())
    #expect(abs(due.timeIntervalSince(retry)) < 0.01)
    let second = try #require(
      try await store.claimDelivery(now: now.addingTimeInterval(11), worker: "b", lease: .seconds(60)))
    #expect(second.attempts == 2)
    // A worker whose lease lapsed cannot finish what another now holds.
    #expect(
      try await store.finishAttempt(
        WebhookAttempt(number: 2, startedAt: now, milliseconds: 1, request: "POST https://ci", success: true),
        delivery: claimed.id, worker: "a", retryAt: nil) == false)
    try await store.finishAttempt(
      WebhookAttempt(
        number: 2, startedAt: now.addingTimeInterval(11), milliseconds: 30, request: "POST https://ci", status: 200,
        responseBody: "ok", success: true),
      delivery: second.id, worker: "b", retryAt: nil)
    let log = try await store.deliveries(webhookUUID: "hook-0001", limit: 10)
    #expect(log.count == 1)
    #expect(log[0].delivery.status == .succeeded)
    #expect(log[0].attempts.map(\.status) == [503, 200])
    #expect(log[0].attempts.last?.responseBody == "ok")
    #expect(try await store.claimDelivery(now: now.addingTimeInterval(3600), worker: "c", lease: .seconds(60)) == nil)
    #expect(try await store.nextDeliveryDue() == nil)
  }

  @Test("a claim whose worker died lapses and another worker takes it", arguments: StoreKind.available)
  func lapsedClaim(_ kind: StoreKind) async throws {
    let store = try #require(try await kind.make() as? any WebhookStore)
    _ = try await store.saveWebhook(Self.webhook("hook-0001"))
    _ = try await store.enqueue([
      NewWebhookDelivery(webhookUUID: "hook-0001", event: .contractPublished, parameters: [:])
    ])
    let now = Date()
    _ = try #require(try await store.claimDelivery(now: now, worker: "dead", lease: .seconds(30)))
    #expect(try await store.claimDelivery(now: now.addingTimeInterval(29), worker: "live", lease: .seconds(30)) == nil)
    let taken = try #require(
      try await store.claimDelivery(now: now.addingTimeInterval(31), worker: "live", lease: .seconds(30)))
    #expect(taken.attempts == 2)
  }

  @Test("two replicas claiming at once each take a different delivery", arguments: ReplicaTests.kinds)
  func replicasClaimOnce(_ kind: StoreKind) async throws {
    let (first, second) = try #require(try await kind.makeReplicas())
    let one = try #require(first as? any WebhookStore)
    let two = try #require(second as? any WebhookStore)
    _ = try await one.saveWebhook(Self.webhook("hook-0001"))
    _ = try await one.enqueue(
      (0..<40).map {
        NewWebhookDelivery(webhookUUID: "hook-0001", event: .contractPublished, parameters: ["n": "\($0)"])
      })
    let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
      for (index, store) in [one, two, one, two].enumerated() {
        group.addTask {
          var mine: [Int64] = []
          while let delivery = try await store.claimDelivery(now: Date(), worker: "w\(index)", lease: .seconds(60)) {
            mine.append(delivery.id)
          }
          return mine
        }
      }
      return try await group.reduce(into: [Int64]()) { $0 += $1 }
    }
    #expect(claims.count == 40)
    #expect(Set(claims).count == 40)
  }

  @Test("the delivery log keeps the newest finished deliveries of each webhook", arguments: [StoreKind.sqliteMemory])
  func boundedLog(_ kind: StoreKind) async throws {
    let store = try #require(try await kind.make() as? any WebhookStore)
    _ = try await store.saveWebhook(Self.webhook("hook-0001"))
    for round in 0..<(WebhookRecords.deliveriesKept + 20) {
      _ = try await store.enqueue([
        NewWebhookDelivery(webhookUUID: "hook-0001", event: .contractPublished, parameters: ["n": "\(round)"])
      ])
      let delivery = try #require(try await store.claimDelivery(now: Date(), worker: "w", lease: .seconds(60)))
      try await store.finishAttempt(
        WebhookAttempt(number: 1, startedAt: Date(), milliseconds: 1, request: "POST x", status: 200, success: true),
        delivery: delivery.id, worker: "w", retryAt: nil)
    }
    let log = try await store.deliveries(webhookUUID: "hook-0001", limit: 1000)
    #expect(log.count <= WebhookRecords.deliveriesKept + 1)
    #expect(log.first?.delivery.parameters["n"] == "\(WebhookRecords.deliveriesKept + 19)")
  }
}
