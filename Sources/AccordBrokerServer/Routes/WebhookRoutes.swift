import AccordBroker
import AccordModel
import Foundation
import Hummingbird
import Logging

/// The Pact Broker's webhook API: `GET`/`POST /webhooks` (also under `/provider/{p}`, `/consumer/{c}` or both),
/// `GET`/`PUT`/`DELETE /webhooks/{uuid}`, `POST /webhooks/{uuid}/execute` (a test call, answered with what was sent
/// and got), and `GET /webhooks/{uuid}/deliveries` (the delivery log).
struct WebhookRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    for path in [
      "/webhooks", "/webhooks/provider/:provider", "/webhooks/consumer/:consumer",
      "/webhooks/provider/:provider/consumer/:consumer",
    ] {
      router.get(RouterPath(path)) { request, context in try await list(request, context) }
      router.post(RouterPath(path)) { request, context in try await create(request, context) }
    }
    router.get("/webhooks/:uuid") { request, context in
      let store = try server.requireWebhookStore()
      let webhook = try await find(try request.name("uuid", context), in: store)
      return HAL.response(server.renderer(request).webhook(webhook))
    }
    router.put("/webhooks/:uuid") { request, context in
      let store = try server.requireWebhookStore()
      let uuid = try request.name("uuid", context)
      try Self.checkUUID(uuid)
      let body = try await request.json(context, limit: 1024 * 1024)
      let existing = try await store.webhook(uuid: uuid)
      var webhook = try await parse(body, uuid: uuid, consumer: nil, provider: nil)
      if let existing {
        webhook = webhook.keepingSecrets(of: existing)
        webhook.createdAt = existing.createdAt
      }
      let created = try await store.saveWebhook(webhook)
      let saved = try await store.webhook(uuid: uuid) ?? webhook
      let renderer = server.renderer(request)
      return HAL.response(
        renderer.webhook(saved), status: created ? .created : .ok,
        location: created ? renderer.urls.webhook(uuid) : nil)
    }
    router.delete("/webhooks/:uuid") { request, context in
      let store = try server.requireWebhookStore()
      let uuid = try request.name("uuid", context)
      guard try await store.deleteWebhook(uuid: uuid) else { throw Self.notFound(uuid) }
      return Response(status: .noContent)
    }
    router.post("/webhooks/:uuid/execute") { request, context in
      try await execute(request, context)
    }
    router.get("/webhooks/:uuid/deliveries") { request, context in
      let store = try server.requireWebhookStore()
      let webhook = try await find(try request.name("uuid", context), in: store)
      let renderer = server.renderer(request)
      let deliveries = try await store.deliveries(webhookUUID: webhook.uuid, limit: 100)
      return HAL.response([
        "webhook": .string(webhook.title),
        "deliveries": .array(
          deliveries.map {
            renderer.delivery($0.delivery, attempts: $0.attempts, showingAnswers: server.mayReadWebhookAnswers(request))
          }),
        "_links": [
          "self": HAL.link(renderer.urls.webhook(webhook.uuid) + "/deliveries", title: "Deliveries"),
          "pb:webhook": HAL.link(renderer.urls.webhook(webhook.uuid), title: webhook.title),
        ],
      ])
    }
  }

  /// The webhook in `body`; a mistake is a 400 whose `errors` are keyed by the field (`request.url`), as the Pact
  /// Broker's are, and a consumer or provider the body names must exist.
  func parse(_ body: JSONValue, uuid: String, consumer: String?, provider: String?) async throws -> Webhook {
    let webhook: Webhook
    do {
      webhook = try Webhook(
        json: body, uuid: uuid, consumer: consumer, provider: provider, policy: server.options.webhookPolicy)
    } catch {
      guard case .invalid(let message) = error else { throw error }
      throw APIError(.badRequest, field: Self.field(of: message), message)
    }
    for (key, name, fromPath) in [("consumer", webhook.consumer, consumer), ("provider", webhook.provider, provider)]
    where fromPath == nil {
      guard let name, try await server.store.pacticipant(named: name) == nil else { continue }
      throw APIError(
        .badRequest, field: "\(key).name",
        "$.\(key).name: no pacticipant named \(PrintSafe.quoted(name)); publish its contracts first, or check the name")
    }
    return webhook
  }

  /// The field a message about `$.request.url …` is about: `request.url`; `body` when it names none.
  static func field(of message: String) -> String {
    guard message.hasPrefix("$.") else { return "body" }
    let path = message.dropFirst(2).prefix { $0 != " " && $0 != ":" && $0 != "[" }
    return path.isEmpty ? "body" : String(path)
  }

  func find(_ uuid: String, in store: any WebhookStore) async throws -> Webhook {
    guard let webhook = try await store.webhook(uuid: uuid) else { throw Self.notFound(uuid) }
    return webhook
  }

  static func notFound(_ uuid: String) -> APIError {
    APIError(.notFound, "no webhook with uuid \(PrintSafe.quoted(uuid)); list them at /webhooks")
  }

  /// A UUID given by the client: 8 to 64 letters, digits, `-` or `_` (the Pact Broker's rule, roomier).
  static func checkUUID(_ uuid: String) throws {
    guard (8...64).contains(uuid.count),
      uuid.unicodeScalars.allSatisfy({
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
      })
    else {
      throw APIError(
        .badRequest,
        "the webhook uuid \(PrintSafe.quoted(uuid)) must be 8 to 64 letters, digits, - or _; e.g. a random UUID")
    }
  }

  func pair(_ request: Request, _ context: BasicRequestContext) throws -> (provider: String?, consumer: String?) {
    let provider = context.parameters.get("provider") != nil ? try request.name("provider", context) : nil
    let consumer = context.parameters.get("consumer") != nil ? try request.name("consumer", context) : nil
    return (provider, consumer)
  }

  func list(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let store = try server.requireWebhookStore()
    let (provider, consumer) = try pair(request, context)
    let webhooks = try await store.webhooks().filter {
      (provider == nil || $0.provider == provider) && (consumer == nil || $0.consumer == consumer)
    }
    let renderer = server.renderer(request)
    return HAL.response(
      renderer.webhooks(webhooks, selfURL: renderer.urls.webhooks(provider: provider, consumer: consumer)))
  }

  func create(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let store = try server.requireWebhookStore()
    let (provider, consumer) = try pair(request, context)
    for name in [provider, consumer].compactMap({ $0 }) where try await server.store.pacticipant(named: name) == nil {
      throw APIError(.notFound, "no pacticipant named \(PrintSafe.quoted(name)); publish its contracts first")
    }
    let body = try await request.json(context, limit: 1024 * 1024)
    let webhook = try await parse(body, uuid: UUID().uuidString.lowercased(), consumer: consumer, provider: provider)
    _ = try await store.saveWebhook(webhook)
    let renderer = server.renderer(request)
    let saved = try await store.webhook(uuid: webhook.uuid) ?? webhook
    return HAL.response(renderer.webhook(saved), status: .created, location: renderer.urls.webhook(webhook.uuid))
  }

  /// Sends the webhook's request now, with the latest matching pact's parameters (example values when nothing
  /// matching was published), and answers with what was sent and got; not logged as a delivery.
  func execute(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let store = try server.requireWebhookStore()
    let webhook = try await find(try request.name("uuid", context), in: store)
    let renderer = server.renderer(request)
    let urls = renderer.urls
    var labels: [String: [String]] = [:]
    if webhook.usesLabels {
      for pacticipant in try await server.store.pacticipants() { labels[pacticipant.name] = pacticipant.labels }
    }
    let latest = try await server.store.latestPacts().last {
      webhook.concerns(
        consumer: $0.consumer, provider: $0.provider, consumerLabels: labels[$0.consumer] ?? [],
        providerLabels: labels[$0.provider] ?? [])
    }
    var parameters: [String: String]
    if let latest {
      parameters = WebhookParameters.publication(
        latest, pactURL: urls.pactVersion(provider: latest.provider, consumer: latest.consumer, sha: latest.sha),
        latestVerification: try await server.store.latestVerification(sha: latest.sha))
    } else {
      parameters = WebhookParameters.example(
        consumer: webhook.consumer ?? "example-consumer", provider: webhook.provider ?? "example-provider",
        base: urls.base)
    }
    parameters["eventName"] = webhook.events.first?.rawValue ?? ""
    let result = await server.webhookExecutor.execute(webhook, parameters: parameters, attempt: 1)
    let attempt = result.attempt
    var logs = "Test of webhook \(webhook.title)\n\(WebhookSecrets.redacted(attempt.request))\n"
    if let status = attempt.status {
      logs += "Answered \(status) in \(attempt.milliseconds) ms\n\(attempt.responseBody ?? "")\n"
    }
    if let error = attempt.error { logs += "Error: \(WebhookSecrets.redacted(error))\n" }
    logs += attempt.success ? "Webhook succeeded\n" : "Webhook failed\n"
    var body: JSONObject = [
      "request": Renderer.sentRequest(result.request),
      "logs": .string(logs),
      "success": .bool(attempt.success),
      "_links": ["pb:webhook": HAL.link(urls.webhook(webhook.uuid), title: webhook.title)],
    ]
    if let response = result.response {
      body["response"] = [
        "status": .int(response.status), "headers": .object(Renderer.headers(response.headers)),
        "body": .string(attempt.responseBody ?? ""),
      ]
    }
    if let error = attempt.error { body["error"] = ["message": .string(WebhookSecrets.redacted(error))] }
    // 200 either way: the broker did its part; `success` says whether the webhook's server did.
    return HAL.response(.object(body))
  }
}
