import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// Publishing contracts: `POST /contracts/publish` (all of a consumer version's contracts in one transaction, as
/// `pact-broker publish` sends them) and `PUT /pacts/provider/{p}/consumer/{c}/version/{v}` (one pact).
struct PublishRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    router.post("/contracts/publish") { request, context in
      try await publishContracts(request, context)
    }
    for method in [HTTPRequest.Method.put, .patch] {
      router.on("/pacts/provider/:provider/consumer/:consumer/version/:version", method: method) { request, context in
        try await publishPact(request, context)
      }
    }
  }

  func publishContracts(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let body = try await request.json(context, limit: server.options.maximumBodySize)
    guard case .object = body else { throw APIError(.badRequest, "the body must be a JSON object") }
    guard let consumer = try body.string("pacticipantName", path: "$") else {
      throw APIError(.badRequest, "$.pacticipantName is missing; give the consumer's name")
    }
    guard let number = try body.string("pacticipantVersionNumber", path: "$") else {
      throw APIError(.badRequest, "$.pacticipantVersionNumber is missing; give the consumer version (e.g. a commit)")
    }
    try Names.check(consumer, what: "$.pacticipantName")
    try Names.check(number, what: "$.pacticipantVersionNumber")
    let branch = try body.string("branch", path: "$")
    let buildURL = try body.string("buildUrl", path: "$")
    var tags: [String] = []
    if let value = body["tags"], !value.isNull {
      guard let items = value.arrayValue else { throw APIError(.badRequest, "$.tags must be an array of strings") }
      for (index, item) in items.enumerated() {
        guard let tag = item.stringValue else { throw APIError(.badRequest, "$.tags[\(index)] must be a string") }
        tags.append(tag)
      }
    }
    guard let items = body["contracts"]?.arrayValue, !items.isEmpty else {
      throw APIError(.badRequest, "$.contracts must be a non-empty array of contracts to publish")
    }
    var contents: [PactContent] = []
    for (index, item) in items.enumerated() {
      let path = "$.contracts[\(index)]"
      let specification = try item.string("specification", path: path) ?? "pact"
      guard specification.lowercased() == "pact" else {
        throw APIError(
          .badRequest, "\(path).specification is \(PrintSafe.quoted(specification)); this broker stores Pact contracts")
      }
      if let type = try item.string("contentType", path: path), !type.lowercased().contains("json") {
        throw APIError(.badRequest, "\(path).contentType is \(PrintSafe.quoted(type)); a pact is application/json")
      }
      guard let encoded = try item.string("content", path: path) else {
        throw APIError(.badRequest, "\(path).content is missing; give the pact file, base64-encoded")
      }
      guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
        throw APIError(.badRequest, "\(path).content is not base64; encode the pact file's bytes")
      }
      let json: JSONValue
      do {
        json = try JSONValue(parsing: data)
      } catch {
        throw APIError(.badRequest, "\(path).content is not a JSON document once decoded: \(error)")
      }
      let content = try PactContent(json: json, path: "\(path).content")
      if let named = try item.string("consumerName", path: path), named != content.consumer {
        throw APIError(
          .badRequest,
          "\(path).consumerName is \(PrintSafe.quoted(named)) but the pact's consumer is "
            + "\(PrintSafe.quoted(content.consumer)); they must agree")
      }
      if let named = try item.string("providerName", path: path), named != content.provider {
        throw APIError(
          .badRequest,
          "\(path).providerName is \(PrintSafe.quoted(named)) but the pact's provider is "
            + "\(PrintSafe.quoted(content.provider)); they must agree")
      }
      guard content.consumer == consumer else {
        throw APIError(
          .badRequest,
          "\(path) is a pact of \(PrintSafe.quoted(content.consumer)), not of $.pacticipantName "
            + "\(PrintSafe.quoted(consumer)); publish each consumer's pacts under its own name")
      }
      contents.append(content)
    }
    let existed = try await server.store.version(of: consumer, number: number) != nil
    let previous = try await previousContents(consumer: consumer, providers: contents.map(\.provider), branch: branch)
    let outcome = try await server.store.publish(
      Publication(
        version: VersionChange(pacticipant: consumer, number: number, branch: branch, tags: tags, buildURL: buildURL),
        contracts: contents))
    server.metrics.published(contracts: contents.count)
    let renderer = server.renderer(request)
    await firePublished(outcome.stored, previous: previous, renderer.urls)
    let urls = renderer.urls
    var notices: [JSONValue] = []
    let details =
      (branch.map { " with branch \($0)" } ?? "") + (tags.isEmpty ? "" : " and tags \(tags.joined(separator: ", "))")
    notices.append(
      [
        "type": "success",
        "text": .string(
          existed
            ? "Updated \(consumer) version \(number)\(details)" : "Created \(consumer) version \(number)\(details)"),
      ])
    for (pact, change) in outcome.pacts {
      let url = urls.pact(provider: pact.provider, consumer: consumer, version: number)
      let text =
        change == .created
        ? "Pact published for \(consumer) version \(number) and provider \(pact.provider)."
        : "Pact for \(consumer) version \(number) and provider \(pact.provider) is unchanged (the same content was "
          + "already published)."
      notices.append(["type": change == .created ? "success" : "info", "text": .string(text + " " + url)])
    }
    let pacticipant = try await server.store.pacticipant(named: consumer)
    let logs: [JSONValue] = notices.map { notice in
      [
        "level": notice["type"] == "success" ? "info" : "debug", "message": notice["text"] ?? "",
        "deprecationWarning": "",
      ]
    }
    return HAL.response([
      "notices": .array(notices),
      "logs": .array(logs),
      "_embedded": [
        "pacticipant": pacticipant.map { renderer.pacticipant($0) } ?? .null,
        "version": renderer.version(outcome.version),
      ],
      "_links": [
        "pb:pacticipant": HAL.link(urls.pacticipant(consumer), title: "Pacticipant", name: consumer),
        "pb:pacticipant-version": HAL.link(urls.version(consumer, number), title: "Pacticipant version", name: number),
        "pb:pacticipant-version-tags": .array(
          tags.map { HAL.link(urls.tag(consumer, number, $0), title: "Tag", name: $0) }),
        "pb:contracts": .array(
          outcome.stored.map { pact in
            HAL.link(
              urls.pact(provider: pact.provider, consumer: consumer, version: number), title: "Pact",
              name: "Pact between \(consumer) (\(number)) and \(pact.provider)")
          }),
      ],
    ])
  }

  func publishPact(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let provider = try request.name("provider", context, what: "the provider in the path")
    let consumer = try request.name("consumer", context, what: "the consumer in the path")
    let number = try request.name("version", context, what: "the consumer version in the path")
    let body = try await request.json(context, limit: server.options.maximumBodySize)
    let content = try PactContent(json: body, path: "the body")
    guard content.consumer == consumer, content.provider == provider else {
      throw APIError(
        .badRequest,
        "the pact is between \(PrintSafe.quoted(content.consumer)) and \(PrintSafe.quoted(content.provider)), but "
          + "the URL names \(PrintSafe.quoted(consumer)) and \(PrintSafe.quoted(provider)); they must agree")
    }
    let previous = try await previousContents(consumer: consumer, providers: [provider], branch: nil)
    let outcome = try await server.store.publish(
      Publication(version: VersionChange(pacticipant: consumer, number: number), contracts: [content]))
    server.metrics.published(contracts: 1)
    let pact = outcome.stored[0]
    let renderer = server.renderer(request)
    await firePublished(outcome.stored, previous: previous, renderer.urls)
    return HAL.response(
      renderer.pact(content.json, pact), status: outcome.changes[0] == .created ? .created : .ok,
      location: renderer.urls.pact(provider: provider, consumer: consumer, version: number))
  }

  /// The content of each provider's latest pact from `consumer` before this publication (on `branch` when given),
  /// for `contract_content_changed`; nothing when no webhook exists.
  func previousContents(consumer: String, providers: [String], branch: String?) async throws -> [String: String]? {
    guard await server.hasWebhooks() else { return nil }
    var previous: [String: String] = [:]
    for provider in providers {
      let query: PactQuery = branch.map { .latestOnBranch($0) } ?? .latest
      previous[provider] = try await server.store.pacts(provider: provider, consumer: consumer, query: query).first?.sha
    }
    return previous
  }

  func firePublished(_ pacts: [StoredPact], previous: [String: String]?, _ urls: BrokerURLs) async {
    guard let previous else { return }
    await server.triggerWebhooks { trigger throws(BrokerError) in
      var queued: [WebhookDelivery] = []
      for pact in pacts {
        queued += try await trigger.published(
          pact, previousSHA: previous[pact.provider],
          pactURL: urls.pactVersion(provider: pact.provider, consumer: pact.consumer, sha: pact.sha))
      }
      return queued
    }
  }
}
