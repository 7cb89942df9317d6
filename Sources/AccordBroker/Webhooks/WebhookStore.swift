import Foundation

/// Where webhooks and their deliveries are kept. Both broker stores (SQLite, PostgreSQL) are webhook stores.
///
/// Exactly once across replicas: a delivery is queued once, by the replica that handled the event, in the same
/// database; ``claimDelivery(now:worker:lease:)`` hands each due delivery to one replica at a time (a row claimed in
/// one transaction, `FOR UPDATE SKIP LOCKED` on PostgreSQL); the claim lapses after `lease` only if that replica
/// died mid-attempt, and then another one tries again.
///
/// ```swift
/// try await store.saveWebhook(webhook)
/// if let delivery = try await store.claimDelivery(now: Date(), worker: "replica-1", lease: .seconds(60)) { … }
/// ```
public protocol WebhookStore: Sendable {
  /// Every webhook, oldest first.
  func webhooks() async throws(BrokerError) -> [Webhook]
  func webhook(uuid: String) async throws(BrokerError) -> Webhook?
  /// Creates the webhook, or replaces the one with its UUID; `true` when it was created.
  func saveWebhook(_ webhook: Webhook) async throws(BrokerError) -> Bool
  /// Deletes the webhook and its deliveries; `false` when there was none.
  func deleteWebhook(uuid: String) async throws(BrokerError) -> Bool

  /// Queues deliveries, due now; returns them.
  func enqueue(_ deliveries: [NewWebhookDelivery]) async throws(BrokerError) -> [WebhookDelivery]
  /// Takes the oldest pending delivery that is due and not claimed (or whose claim lapsed), for `worker`, until
  /// `now + lease`; counts the attempt. `nil` when nothing is due.
  func claimDelivery(now: Date, worker: String, lease: Duration) async throws(BrokerError) -> WebhookDelivery?
  /// Logs an attempt of a claimed delivery and ends the claim: succeeded, failed for good (`retryAt` `nil`), or
  /// pending again until `retryAt`. `false`, and nothing written, when `worker` no longer holds the claim (it
  /// lapsed and another worker took the delivery).
  @discardableResult
  func finishAttempt(_ attempt: WebhookAttempt, delivery id: Int64, worker: String, retryAt: Date?)
    async throws(BrokerError) -> Bool
  /// A webhook's deliveries, newest first, with their attempts (oldest first).
  func deliveries(webhookUUID: String, limit: Int) async throws(BrokerError)
    -> [(delivery: WebhookDelivery, attempts: [WebhookAttempt])]
  /// The earliest time a pending delivery is due; `nil` when none is pending.
  func nextDeliveryDue() async throws(BrokerError) -> Date?
}
