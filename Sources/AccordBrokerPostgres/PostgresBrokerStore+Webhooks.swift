import AccordBroker
import AccordModel
import Foundation
import PostgresNIO

extension PostgresBrokerStore: WebhookStore {
  public func webhooks() async throws(BrokerError) -> [Webhook] {
    try await read { session in try await session.rows("SELECT * FROM webhooks ORDER BY id").map(Self.webhook) }
  }

  public func webhook(uuid: String) async throws(BrokerError) -> Webhook? {
    try await read { session in
      try await session.rows("SELECT * FROM webhooks WHERE uuid = ?", [.text(uuid)]).first.map(Self.webhook)
    }
  }

  public func saveWebhook(_ webhook: Webhook) async throws(BrokerError) -> Bool {
    try await write(transaction: false) { session in
      let now = PostgresSession.now
      let rows = try await session.rows(
        """
        INSERT INTO webhooks (uuid, description, consumer, provider, events, request, enabled, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (uuid) DO UPDATE SET description = EXCLUDED.description, consumer = EXCLUDED.consumer,
          provider = EXCLUDED.provider, events = EXCLUDED.events, request = EXCLUDED.request,
          enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
        RETURNING (xmax = 0) AS inserted
        """,
        [
          .text(webhook.uuid), .text(webhook.description), .text(webhook.consumer), .text(webhook.provider),
          .text(WebhookRecords.events(webhook.events)), .text(WebhookRecords.request(webhook.request)),
          .bool(webhook.enabled), .double(now), .double(now),
        ])
      return try rows.first?.get("inserted", as: Bool.self) ?? false
    }
  }

  public func deleteWebhook(uuid: String) async throws(BrokerError) -> Bool {
    try await write(transaction: false) { session in
      try await session.rows("DELETE FROM webhooks WHERE uuid = ? RETURNING id", [.text(uuid)]).count > 0
    }
  }

  public func enqueue(_ deliveries: [NewWebhookDelivery]) async throws(BrokerError) -> [WebhookDelivery] {
    guard !deliveries.isEmpty else { return [] }
    return try await write { session in
      let now = PostgresSession.now
      var queued: [WebhookDelivery] = []
      for delivery in deliveries {
        guard
          let webhookID = try await session.int("SELECT id FROM webhooks WHERE uuid = ?", [.text(delivery.webhookUUID)])
        else { continue }
        let id = try await session.int(
          """
          INSERT INTO webhook_deliveries (webhook_id, event, parameters, status, next_attempt_at, created_at)
          VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id
          """,
          [
            .int(webhookID), .text(delivery.event.rawValue), .text(WebhookRecords.parameters(delivery.parameters)),
            .double(now), .double(now),
          ])
        if let row = try await session.rows(Self.deliverySelect + " WHERE d.id = ?", [.int(id)]).first {
          queued.append(try Self.delivery(row))
        }
        try await session.execute(
          """
          DELETE FROM webhook_deliveries WHERE webhook_id = ? AND status <> 'pending' AND id <= (
            SELECT id FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)
          """,
          [.int(webhookID), .int(webhookID), .int(Int64(WebhookRecords.deliveriesKept))])
      }
      return queued
    }
  }

  public func claimDelivery(now: Date, worker: String, lease: Duration) async throws(BrokerError)
    -> WebhookDelivery?
  {
    try await write { session in
      let moment = now.timeIntervalSince1970
      let until = moment + lease.inSeconds
      // SKIP LOCKED: replicas claiming at once each take a different row instead of waiting on one another.
      guard
        let id = try await session.int(
          """
          UPDATE webhook_deliveries SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
          WHERE id = (
            SELECT id FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
            ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id
          """,
          [.text(worker), .double(until), .double(moment), .double(moment)])
      else { return nil }
      return try await session.rows(Self.deliverySelect + " WHERE d.id = ?", [.int(id)]).first.map(Self.delivery)
    }
  }

  @discardableResult
  public func finishAttempt(_ attempt: WebhookAttempt, delivery id: Int64, worker: String, retryAt: Date?)
    async throws(BrokerError) -> Bool
  {
    try await write { session in
      let status: WebhookDelivery.Status = attempt.success ? .succeeded : retryAt == nil ? .failed : .pending
      let held = try await session.rows(
        """
        UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
        WHERE id = ? AND claimed_by = ? RETURNING id
        """,
        [
          .text(status.rawValue), .double((retryAt ?? attempt.startedAt).timeIntervalSince1970), .int(id),
          .text(worker),
        ])
      guard !held.isEmpty else { return false }
      try await session.execute(
        """
        INSERT INTO webhook_attempts (delivery_id, number, started_at, milliseconds, request, status, response_body,
          error, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (delivery_id, number) DO UPDATE SET started_at = EXCLUDED.started_at,
          milliseconds = EXCLUDED.milliseconds, request = EXCLUDED.request, status = EXCLUDED.status,
          response_body = EXCLUDED.response_body, error = EXCLUDED.error, success = EXCLUDED.success
        """,
        [
          .int(id), .int(Int64(attempt.number)), .double(attempt.startedAt.timeIntervalSince1970),
          .int(Int64(attempt.milliseconds)), .text(attempt.request), .int(attempt.status.map(Int64.init)),
          .text(attempt.responseBody), .text(attempt.error), .bool(attempt.success),
        ])
      return true
    }
  }

  public func deliveries(webhookUUID: String, limit: Int) async throws(BrokerError)
    -> [(delivery: WebhookDelivery, attempts: [WebhookAttempt])]
  {
    try await read { session in
      let deliveries = try await session.rows(
        Self.deliverySelect + " WHERE w.uuid = ? ORDER BY d.id DESC LIMIT ?",
        [.text(webhookUUID), .int(Int64(max(0, limit)))]
      ).map(Self.delivery)
      let attempts = try await session.rows(
        "SELECT * FROM webhook_attempts WHERE delivery_id = ANY(?) ORDER BY delivery_id, number",
        [.ints(deliveries.map(\.id))]
      )
      var byDelivery: [Int64: [WebhookAttempt]] = [:]
      for row in attempts {
        byDelivery[try row.get("delivery_id", as: Int64.self), default: []].append(try Self.attempt(row))
      }
      return deliveries.map { ($0, byDelivery[$0.id] ?? []) }
    }
  }

  public func nextDeliveryDue() async throws(BrokerError) -> Date? {
    try await read { session in
      try await session.rows(
        """
        SELECT MIN(GREATEST(next_attempt_at, COALESCE(claimed_until, 0))) AS due FROM webhook_deliveries
        WHERE status = 'pending'
        """
      ).first.flatMap { try $0.get("due", as: Double?.self) }.map { Date(timeIntervalSince1970: $0) }
    }
  }

  static let deliverySelect =
    "SELECT d.*, w.uuid AS webhook_uuid FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"

  static func webhook(_ row: PostgresRandomAccessRow) throws -> Webhook {
    Webhook(
      uuid: try row.get("uuid"), description: try row.get("description"), consumer: try row.get("consumer"),
      provider: try row.get("provider"), events: WebhookRecords.events(try row.get("events")),
      request: WebhookRecords.request(try row.get("request")), enabled: try row.get("enabled"),
      createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
  }

  static func delivery(_ row: PostgresRandomAccessRow) throws -> WebhookDelivery {
    WebhookDelivery(
      id: try row.get("id"), webhookUUID: try row.get("webhook_uuid"),
      event: WebhookEvent(rawValue: try row.get("event")) ?? .contractPublished,
      parameters: WebhookRecords.parameters(try row.get("parameters")),
      status: WebhookDelivery.Status(rawValue: try row.get("status")) ?? .failed,
      attempts: Int(try row.get("attempts", as: Int64.self)), nextAttemptAt: try row.date("next_attempt_at"),
      createdAt: try row.date("created_at"))
  }

  static func attempt(_ row: PostgresRandomAccessRow) throws -> WebhookAttempt {
    WebhookAttempt(
      number: Int(try row.get("number", as: Int64.self)), startedAt: try row.date("started_at"),
      milliseconds: Int(try row.get("milliseconds", as: Int64.self)), request: try row.get("request"),
      status: try row.get("status", as: Int64?.self).map(Int.init), responseBody: try row.get("response_body"),
      error: try row.get("error"), success: try row.get("success"))
  }
}
