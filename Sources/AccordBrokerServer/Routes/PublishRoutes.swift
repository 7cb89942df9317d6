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
    let publication = try Publication(
      publishing: try await request.json(context, limit: server.options.maximumBodySize))
    let (consumer, number) = (publication.version.pacticipant, publication.version.number)
    let (branch, tags) = (publication.version.branch, publication.version.tags)
    let renderer = server.renderer(request)
    let urls = renderer.urls
    let published = try await publish(publication, askingWhetherItExisted: true, urls)
    let outcome = published.outcome
    var notices: [JSONValue] = []
    let details =
      (branch.map { " with branch \($0)" } ?? "") + (tags.isEmpty ? "" : " and tags \(tags.joined(separator: ", "))")
    notices.append(
      [
        "type": "success",
        "text": .string(
          published.existed
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
    let renderer = server.renderer(request)
    let published = try await publish(
      Publication(version: VersionChange(pacticipant: consumer, number: number), contracts: [content]),
      askingWhetherItExisted: false, renderer.urls)
    let pact = published.outcome.stored[0]
    return HAL.response(
      renderer.pact(content.json, pact), status: published.outcome.changes[0] == .created ? .created : .ok,
      location: renderer.urls.pact(provider: provider, consumer: consumer, version: number))
  }

  /// Publishes through the domain's use case; counts it, logs a webhook failure (the publication is stored), and
  /// wakes the dispatcher for what it queued.
  func publish(_ publication: Publication, askingWhetherItExisted: Bool, _ urls: BrokerURLs) async throws
    -> PublishContracts.Published
  {
    let published = try await PublishContracts(store: server.store, webhooks: server.webhookStore)(
      publication, askingWhetherItExisted: askingWhetherItExisted
    ) { pact in urls.pactVersion(provider: pact.provider, consumer: pact.consumer, sha: pact.sha) }
    server.metrics.published(contracts: publication.contracts.count)
    server.queued(published.deliveries, error: published.webhookError)
    return published
  }
}
