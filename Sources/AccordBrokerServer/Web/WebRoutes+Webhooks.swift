import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// The webhook pages: every webhook with its last delivery, and one webhook's delivery log (each attempt's
/// request, answer, time).
extension WebRoutes {
  func webhooksPage() async throws -> Response {
    let webhookStore = try server.requireWebhookStore()
    var rows: [[String: Any]] = []
    for webhook in try await webhookStore.webhooks() {
      let last = try await webhookStore.deliveries(webhookUUID: webhook.uuid, limit: 1).first
      var row = Self.describe(webhook)
      row["last"] = last.map { "\($0.delivery.event.rawValue): \($0.delivery.status.rawValue)" } ?? "—"
      row["lastStatus"] = last.map { Self.statusClass($0.delivery.status) } ?? ""
      rows.append(row)
    }
    return page("Webhooks", "webhooks", ["webhooks": rows])
  }

  func webhookPage(_ uuid: String, showingAnswers: Bool) async throws -> Response {
    let webhookStore = try server.requireWebhookStore()
    guard let webhook = try await webhookStore.webhook(uuid: uuid) else {
      throw APIError(.notFound, "no webhook with uuid \(PrintSafe.quoted(uuid)); see them all at /ui/webhooks")
    }
    let deliveries = try await webhookStore.deliveries(webhookUUID: uuid, limit: 50)
    var context = Self.describe(webhook)
    context["executeURL"] = "/webhooks/\(BrokerURLs.segment(uuid))/execute"
    context["deliveries"] = deliveries.map { delivery, attempts -> [String: Any] in
      var row: [String: Any] = [
        "event": delivery.event.rawValue, "consumer": delivery.consumer, "provider": delivery.provider,
        "status": delivery.status.rawValue, "statusClass": Self.statusClass(delivery.status),
        "attempts": attempts.map { attempt -> [String: Any] in
          var cells: [String: Any] = [
            "number": attempt.number, "started": attempt.startedAt.formatted(.iso8601),
            "milliseconds": attempt.milliseconds, "request": WebhookSecrets.redacted(attempt.request),
            "statusClass": attempt.success ? "succeeded" : "failed",
          ]
          if let status = attempt.status { cells["status"] = String(status) }
          if let error = attempt.error { cells["error"] = WebhookSecrets.redacted(error) }
          if showingAnswers, let body = attempt.responseBody, !body.isEmpty { cells["body"] = body }
          return cells
        },
      ]
      if delivery.status == .pending { row["next"] = delivery.nextAttemptAt.formatted(.iso8601) }
      return row
    }
    return page(webhook.title, "webhook", context)
  }

  static func describe(_ webhook: Webhook) -> [String: Any] {
    [
      "title": webhook.title, "url": url("webhooks", webhook.uuid), "enabled": webhook.enabled,
      "events": webhook.events.map(\.rawValue).joined(separator: ", "),
      "pair": "\(webhook.consumer ?? "any consumer") → \(webhook.provider ?? "any provider")",
      "request": "\(webhook.request.method) \(WebhookSecrets.redacted(webhook.request.url))",
    ]
  }

  static func statusClass(_ status: WebhookDelivery.Status) -> String {
    switch status {
    case .succeeded: "succeeded"
    case .failed: "failed"
    case .pending: "pending"
    }
  }
}
