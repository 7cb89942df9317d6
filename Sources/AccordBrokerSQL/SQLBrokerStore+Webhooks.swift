import AccordBroker
import AccordModel
import Foundation

extension SQLBrokerStore {
  public func webhooks() async throws(BrokerError) -> [Webhook] {
    try await read { session in try await session.rows("SELECT * FROM webhooks ORDER BY id").map(Self.webhook) }
  }

  public func webhook(uuid: String) async throws(BrokerError) -> Webhook? {
    try await read { session in
      try await session.rows("SELECT * FROM webhooks WHERE uuid = ?", [.text(uuid)]).first.map(Self.webhook)
    }
  }

  public func saveWebhook(_ webhook: Webhook) async throws(BrokerError) -> Bool {
    try await write { session in
      let now = Database.Session.now
      let existed = try await session.int("SELECT id FROM webhooks WHERE uuid = ?", [.text(webhook.uuid)]) != nil
      try await session.execute(
        """
        INSERT INTO webhooks (uuid, description, consumer, provider, consumer_label, provider_label, events, request,
          enabled, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (uuid) DO UPDATE SET description = excluded.description, consumer = excluded.consumer,
          provider = excluded.provider, consumer_label = excluded.consumer_label,
          provider_label = excluded.provider_label, events = excluded.events, request = excluded.request,
          enabled = excluded.enabled, updated_at = excluded.updated_at
        """,
        [
          .text(webhook.uuid), .text(webhook.description), .text(webhook.consumer), .text(webhook.provider),
          .text(webhook.consumerLabel), .text(webhook.providerLabel),
          .text(WebhookRecords.events(webhook.events)), .text(WebhookRecords.request(webhook.request)),
          .bool(webhook.enabled), .double(now), .double(now),
        ])
      return !existed
    }
  }

  public func deleteWebhook(uuid: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows("DELETE FROM webhooks WHERE uuid = ? RETURNING id", [.text(uuid)]).isEmpty
    }
  }

  public func enqueue(_ deliveries: [NewWebhookDelivery]) async throws(BrokerError) -> [WebhookDelivery] {
    guard !deliveries.isEmpty else { return [] }
    return try await write { session in
      let now = Database.Session.now
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
        // The log keeps the newest deliveries of each webhook; pending ones always.
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
      guard
        let id = try await session.int(
          """
          UPDATE webhook_deliveries SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
          WHERE id = (
            SELECT id FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
            ORDER BY next_attempt_at, id LIMIT 1\(session.dialect.forUpdateSkipLocked))
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
        ON CONFLICT (delivery_id, number) DO UPDATE SET started_at = excluded.started_at,
          milliseconds = excluded.milliseconds, request = excluded.request, status = excluded.status,
          response_body = excluded.response_body, error = excluded.error, success = excluded.success
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
    try await read { [dialect] session in
      let deliveries = try await session.rows(
        Self.deliverySelect + " WHERE w.uuid = ? ORDER BY d.id DESC LIMIT ?",
        [.text(webhookUUID), .int(Int64(max(0, limit)))]
      ).map(Self.delivery)
      guard !deliveries.isEmpty else { return [] }
      let attempts = try await session.rows(
        "SELECT * FROM webhook_attempts WHERE \(dialect.isIn("delivery_id")) ORDER BY delivery_id, number",
        [.ints(deliveries.map(\.id))])
      var byDelivery: [Int64: [WebhookAttempt]] = [:]
      for row in attempts { byDelivery[try row.int("delivery_id"), default: []].append(try Self.attempt(row)) }
      return deliveries.map { ($0, byDelivery[$0.id] ?? []) }
    }
  }

  public func nextDeliveryDue() async throws(BrokerError) -> Date? {
    try await read { [dialect] session in
      try await session.rows(
        """
        SELECT MIN(\(dialect.greatest("next_attempt_at", "COALESCE(claimed_until, 0)"))) AS due
        FROM webhook_deliveries WHERE status = 'pending'
        """
      ).first?.optionalDate("due")
    }
  }

  static var deliverySelect: String {
    "SELECT d.*, w.uuid AS webhook_uuid FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
  }

  static func webhook(_ row: Database.Session.Row) throws -> Webhook {
    Webhook(
      uuid: try row.string("uuid"), description: try row.optionalString("description"),
      consumer: try row.optionalString("consumer"), provider: try row.optionalString("provider"),
      consumerLabel: try row.optionalString("consumer_label"), providerLabel: try row.optionalString("provider_label"),
      events: WebhookRecords.events(try row.string("events")),
      request: WebhookRecords.request(try row.string("request")), enabled: try row.bool("enabled"),
      createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
  }

  static func delivery(_ row: Database.Session.Row) throws -> WebhookDelivery {
    WebhookDelivery(
      id: try row.int("id"), webhookUUID: try row.string("webhook_uuid"),
      event: WebhookEvent(rawValue: try row.string("event")) ?? .contractPublished,
      parameters: WebhookRecords.parameters(try row.string("parameters")),
      status: WebhookDelivery.Status(rawValue: try row.string("status")) ?? .failed,
      attempts: Int(try row.int("attempts")), nextAttemptAt: try row.date("next_attempt_at"),
      createdAt: try row.date("created_at"))
  }

  static func attempt(_ row: Database.Session.Row) throws -> WebhookAttempt {
    WebhookAttempt(
      number: Int(try row.int("number")), startedAt: try row.date("started_at"),
      milliseconds: Int(try row.int("milliseconds")), request: try row.string("request"),
      status: try row.optionalInt("status").map(Int.init), responseBody: try row.optionalString("response_body"),
      error: try row.optionalString("error"), success: try row.bool("success"))
  }
}
