import AccordBroker
import AccordClient
import AccordModel
import Foundation

extension BrokerURLs {
  public var webhooks: String { path("webhooks") }
  public func webhook(_ uuid: String) -> String { path("webhooks", Self.segment(uuid)) }
  public func webhooks(provider: String?, consumer: String?) -> String {
    var url = webhooks
    if let provider { url += "/provider/" + Self.segment(provider) }
    if let consumer { url += "/consumer/" + Self.segment(consumer) }
    return url
  }
}

extension Renderer {
  /// A webhook as the Pact Broker shows it; the password hidden.
  func webhook(_ webhook: Webhook) -> JSONValue {
    var links: JSONObject = [
      "self": HAL.link(urls.webhook(webhook.uuid), title: webhook.title),
      "pb:execute": HAL.link(
        urls.webhook(webhook.uuid) + "/execute",
        title: "Test the execution of the webhook with the latest matching pact by sending a POST request to this URL"),
      "pb:webhooks": HAL.link(urls.webhooks, title: "All webhooks"),
      "accord:deliveries": HAL.link(urls.webhook(webhook.uuid) + "/deliveries", title: "Deliveries and their attempts"),
    ]
    if let consumer = webhook.consumer {
      links["pb:consumer"] = HAL.link(urls.pacticipant(consumer), title: "Consumer", name: consumer)
    }
    if let provider = webhook.provider {
      links["pb:provider"] = HAL.link(urls.pacticipant(provider), title: "Provider", name: provider)
    }
    if webhook.consumer != nil || webhook.provider != nil {
      links["pb:pact-webhooks"] = HAL.link(
        urls.webhooks(provider: webhook.provider, consumer: webhook.consumer),
        title: "Webhooks for \(webhook.consumer ?? "any consumer") and \(webhook.provider ?? "any provider")")
    }
    var members: JSONObject = [
      "uuid": .string(webhook.uuid),
      "enabled": .bool(webhook.enabled),
      "request": webhook.request.json(showingPassword: false),
      "events": .array(webhook.events.map { ["name": .string($0.rawValue)] }),
      "createdAt": HAL.date(webhook.createdAt),
      "updatedAt": HAL.date(webhook.updatedAt),
      "_links": .object(links),
    ]
    if let description = webhook.description { members["description"] = .string(description) }
    if let consumer = webhook.consumer { members["consumer"] = ["name": .string(consumer)] }
    if let provider = webhook.provider { members["provider"] = ["name": .string(provider)] }
    if let label = webhook.consumerLabel { members["consumer"] = ["label": .string(label)] }
    if let label = webhook.providerLabel { members["provider"] = ["label": .string(label)] }
    let unknown = webhook.unknownParameters
    if !unknown.isEmpty {
      members["warnings"] = .array(
        unknown.map {
          .string("${pactbroker.\($0)} is not a parameter the broker fills in; it is sent as it is")
        })
    }
    return .object(members)
  }

  /// A list of webhooks, with each embedded.
  func webhooks(_ webhooks: [Webhook], selfURL: String) -> JSONValue {
    [
      "_links": [
        "self": HAL.link(selfURL, title: "Webhooks"),
        "pb:create": HAL.link(selfURL, title: "POST to create a webhook"),
        "pb:webhooks": .array(webhooks.map { HAL.link(urls.webhook($0.uuid), title: $0.title, name: $0.title) }),
      ],
      "_embedded": ["webhooks": .array(webhooks.map(webhook))],
    ]
  }

  /// A delivery with its attempts, for the delivery log; the targets' answers only when `showingAnswers` (to
  /// read-write credentials: on a public-read broker anyone may read the log).
  func delivery(_ delivery: WebhookDelivery, attempts: [WebhookAttempt], showingAnswers: Bool) -> JSONValue {
    [
      "id": .int(Int(delivery.id)),
      "event": .string(delivery.event.rawValue),
      "status": .string(delivery.status.rawValue),
      "consumer": .string(delivery.consumer),
      "provider": .string(delivery.provider),
      "createdAt": HAL.date(delivery.createdAt),
      "nextAttemptAt": delivery.status == .pending ? HAL.date(delivery.nextAttemptAt) : .null,
      "attempts": .array(
        attempts.map { attempt in
          var members: JSONObject = [
            "number": .int(attempt.number), "startedAt": HAL.date(attempt.startedAt),
            "durationMs": .int(attempt.milliseconds), "request": .string(WebhookSecrets.redacted(attempt.request)),
            "success": .bool(attempt.success),
          ]
          if let status = attempt.status { members["status"] = .int(status) }
          if showingAnswers, let body = attempt.responseBody { members["responseBody"] = .string(body) }
          if let error = attempt.error { members["error"] = .string(WebhookSecrets.redacted(error)) }
          return .object(members)
        }),
    ]
  }

  /// Header fields with secret values hidden (a target's `Set-Cookie` too).
  static func headers(_ headers: Headers) -> JSONObject {
    var shown = JSONObject()
    for field in headers.fields {
      let hidden = WebhookSecrets.isSecret(header: field.name)
      shown[field.name] = .string(hidden ? WebhookSecrets.hidden : field.values.joined(separator: ", "))
    }
    return shown
  }

  /// The request a test execution sent, with credentials hidden.
  static func sentRequest(_ request: OutgoingRequest) -> JSONValue {
    let headers = headers(request.headers)
    var members: JSONObject = [
      "method": .string(request.method), "url": .string(WebhookSecrets.redacted(request.url)),
      "headers": .object(headers),
    ]
    if let body = request.body { members["body"] = .string(String(decoding: body, as: UTF8.self)) }
    return .object(members)
  }
}
