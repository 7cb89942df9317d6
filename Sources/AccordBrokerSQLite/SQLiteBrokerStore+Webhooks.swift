import AccordBroker
import AccordModel
import Foundation
import GRDB

extension SQLiteBrokerStore: WebhookStore {
  public func webhooks() async throws(BrokerError) -> [Webhook] {
    try await read { db in try db.cachedRows(sql: "SELECT * FROM webhooks ORDER BY id").map(Self.webhook) }
  }

  public func webhook(uuid: String) async throws(BrokerError) -> Webhook? {
    try await read { db in
      try db.cachedRow(sql: "SELECT * FROM webhooks WHERE uuid = ?", arguments: [uuid]).map(Self.webhook)
    }
  }

  public func saveWebhook(_ webhook: Webhook) async throws(BrokerError) -> Bool {
    try await write { db in
      let now = Date().timeIntervalSince1970
      let exists = try db.cachedRow(sql: "SELECT id FROM webhooks WHERE uuid = ?", arguments: [webhook.uuid]) != nil
      let values: [(any DatabaseValueConvertible)?] = [
        webhook.description, webhook.consumer, webhook.provider, WebhookRecords.events(webhook.events),
        WebhookRecords.request(webhook.request), webhook.enabled,
      ]
      if exists {
        try db.cachedExecute(
          sql: """
            UPDATE webhooks SET description = ?, consumer = ?, provider = ?, events = ?, request = ?, enabled = ?,
              updated_at = ? WHERE uuid = ?
            """,
          arguments: StatementArguments(values + [now, webhook.uuid]))
      } else {
        try db.cachedExecute(
          sql: """
            INSERT INTO webhooks (description, consumer, provider, events, request, enabled, created_at, updated_at,
              uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: StatementArguments(values + [now, now, webhook.uuid]))
      }
      return !exists
    }
  }

  public func deleteWebhook(uuid: String) async throws(BrokerError) -> Bool {
    try await write { db in
      try db.cachedExecute(sql: "DELETE FROM webhooks WHERE uuid = ?", arguments: [uuid])
      return db.changesCount > 0
    }
  }

  public func enqueue(_ deliveries: [NewWebhookDelivery]) async throws(BrokerError) -> [WebhookDelivery] {
    guard !deliveries.isEmpty else { return [] }
    return try await write { db in
      let now = Date().timeIntervalSince1970
      var queued: [WebhookDelivery] = []
      for delivery in deliveries {
        guard
          let webhookID = try db.cachedValue(
            Int64.self, sql: "SELECT id FROM webhooks WHERE uuid = ?", arguments: [delivery.webhookUUID])
        else { continue }
        try db.cachedExecute(
          sql: """
            INSERT INTO webhook_deliveries (webhook_id, event, parameters, status, next_attempt_at, created_at)
            VALUES (?, ?, ?, 'pending', ?, ?)
            """,
          arguments: [
            webhookID, delivery.event.rawValue, WebhookRecords.parameters(delivery.parameters), now, now,
          ])
        queued.append(
          try Self.delivery(
            db.cachedRow(sql: Self.deliverySelect + " WHERE d.id = ?", arguments: [db.lastInsertedRowID])!))
        try db.cachedExecute(
          sql: """
            DELETE FROM webhook_deliveries WHERE webhook_id = ? AND status <> 'pending' AND id <= (
              SELECT id FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)
            """,
          arguments: [webhookID, webhookID, WebhookRecords.deliveriesKept])
      }
      return queued
    }
  }

  public func claimDelivery(now: Date, worker: String, lease: Duration) async throws(BrokerError)
    -> WebhookDelivery?
  {
    try await write { db in
      let moment = now.timeIntervalSince1970
      guard
        let id = try db.cachedValue(
          Int64.self,
          sql: """
            SELECT id FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
            ORDER BY next_attempt_at, id LIMIT 1
            """,
          arguments: [moment, moment])
      else { return nil }
      let until = moment + lease.inSeconds
      try db.cachedExecute(
        sql: "UPDATE webhook_deliveries SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id = ?",
        arguments: [worker, until, id])
      return try db.cachedRow(sql: Self.deliverySelect + " WHERE d.id = ?", arguments: [id]).map(Self.delivery)
    }
  }

  @discardableResult
  public func finishAttempt(_ attempt: WebhookAttempt, delivery id: Int64, worker: String, retryAt: Date?)
    async throws(BrokerError) -> Bool
  {
    try await write { db in
      let status: WebhookDelivery.Status = attempt.success ? .succeeded : retryAt == nil ? .failed : .pending
      try db.cachedExecute(
        sql: """
          UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
          WHERE id = ? AND claimed_by = ?
          """,
        arguments: [status.rawValue, (retryAt ?? attempt.startedAt).timeIntervalSince1970, id, worker])
      guard db.changesCount > 0 else { return false }
      try db.cachedExecute(
        sql: """
          INSERT OR REPLACE INTO webhook_attempts (delivery_id, number, started_at, milliseconds, request, status,
            response_body, error, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          id, attempt.number, attempt.startedAt.timeIntervalSince1970, attempt.milliseconds, attempt.request,
          attempt.status, attempt.responseBody, attempt.error, attempt.success,
        ])
      return true
    }
  }

  public func deliveries(webhookUUID: String, limit: Int) async throws(BrokerError)
    -> [(delivery: WebhookDelivery, attempts: [WebhookAttempt])]
  {
    try await read { db in
      let deliveries = try db.cachedRows(
        sql: Self.deliverySelect + " WHERE w.uuid = ? ORDER BY d.id DESC LIMIT ?",
        arguments: [webhookUUID, max(0, limit)]
      ).map(Self.delivery)
      return try deliveries.map { delivery in
        let attempts = try db.cachedRows(
          sql: "SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY number", arguments: [delivery.id]
        ).map(Self.attempt)
        return (delivery, attempts)
      }
    }
  }

  public func nextDeliveryDue() async throws(BrokerError) -> Date? {
    try await read { db in
      try db.cachedValue(
        Double.self,
        sql:
          "SELECT MIN(MAX(next_attempt_at, COALESCE(claimed_until, 0))) FROM webhook_deliveries WHERE status = 'pending'"
      ).map { Date(timeIntervalSince1970: $0) }
    }
  }

  static let deliverySelect =
    "SELECT d.*, w.uuid AS webhook_uuid FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"

  static func webhook(_ row: Row) -> Webhook {
    Webhook(
      uuid: row["uuid"], description: row["description"], consumer: row["consumer"], provider: row["provider"],
      events: WebhookRecords.events(row["events"]), request: WebhookRecords.request(row["request"]),
      enabled: row["enabled"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
      updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
  }

  static func delivery(_ row: Row) -> WebhookDelivery {
    WebhookDelivery(
      id: row["id"], webhookUUID: row["webhook_uuid"],
      event: WebhookEvent(rawValue: row["event"]) ?? .contractPublished,
      parameters: WebhookRecords.parameters(row["parameters"]),
      status: WebhookDelivery.Status(rawValue: row["status"]) ?? .failed, attempts: row["attempts"],
      nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]),
      createdAt: Date(timeIntervalSince1970: row["created_at"]))
  }

  static func attempt(_ row: Row) -> WebhookAttempt {
    WebhookAttempt(
      number: row["number"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
      milliseconds: row["milliseconds"], request: row["request"], status: row["status"],
      responseBody: row["response_body"], error: row["error"], success: row["success"])
  }
}
