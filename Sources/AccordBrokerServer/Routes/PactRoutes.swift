import AccordBroker
import AccordModel
import Foundation
import HTTPTypes
import Hummingbird

/// Reading pacts (by consumer version, by content, latest), the pacts a provider should verify, and verification
/// results.
struct PactRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  func add(to router: Router<BasicRequestContext>) {
    let pair = "/pacts/provider/:provider/consumer/:consumer"
    router.get(RouterPath(pair + "/version/:version")) { request, context in
      let (provider, consumer) = try names(request, context)
      let number = try request.name("version", context, what: "the consumer version in the path")
      guard let pact = try await store.pact(provider: provider, consumer: consumer, consumerVersion: number) else {
        throw APIError(
          .notFound, "no pact between \(consumer) version \(number) and \(provider); publish it, or check the names")
      }
      return try await render(pact, request)
    }
    for path in [pair + "/pact-version/:sha", pair + "/pact-version/:sha/metadata/:metadata"] {
      router.get(RouterPath(path)) { request, context in
        let (provider, consumer) = try names(request, context)
        let sha = try request.name("sha", context)
        guard let pact = try await store.pact(provider: provider, consumer: consumer, sha: sha) else {
          throw APIError(.notFound, "no pact between \(consumer) and \(provider) with content \(sha)")
        }
        return try await render(pact, request)
      }
    }
    router.get(RouterPath(pair + "/latest")) { request, context in
      let (provider, consumer) = try names(request, context)
      return try await latest(provider, consumer, .latest, request, what: "")
    }
    router.get(RouterPath(pair + "/latest/:tag")) { request, context in
      let (provider, consumer) = try names(request, context)
      let tag = try request.name("tag", context)
      return try await latest(provider, consumer, .latestWithTag(tag), request, what: " with tag \(tag)")
    }
    router.get(RouterPath(pair + "/branch/:branch/latest")) { request, context in
      let (provider, consumer) = try names(request, context)
      let branch = try request.name("branch", context)
      return try await latest(provider, consumer, .latestOnBranch(branch), request, what: " from branch \(branch)")
    }
    router.get("/pacts/latest") { request, _ in
      let renderer = server.renderer(request)
      let pacts = try await store.latestPacts()
      return HAL.response([
        "pacts": .array(pacts.map { renderer.pactSummary($0, latest: true) }),
        "_links": ["self": HAL.link(renderer.urls.base + "/pacts/latest")],
      ])
    }
    router.get("/pacts/provider/:provider/latest") { request, context in
      try await providerPacts(request, context, query: .latest)
    }
    router.get("/pacts/provider/:provider") { request, context in
      try await providerPacts(request, context, query: .latest)
    }
    router.get("/pacts/provider/:provider/latest/:tag") { request, context in
      try await providerPacts(request, context, query: .latestWithTag(try request.name("tag", context)))
    }
    router.get("/pacts/provider/:provider/tag/:tag") { request, context in
      try await providerPacts(request, context, query: .allWithTag(try request.name("tag", context)))
    }
    router.post("/pacts/provider/:provider/for-verification") { request, context in
      try await forVerification(request, context)
    }
    // The Pact verifiers GET the resource before they POST their selectors to it.
    router.get("/pacts/provider/:provider/for-verification") { request, context in
      try await forVerification(request, context, body: .object([:]))
    }
    router.post(RouterPath(pair + "/pact-version/:sha/verification-results")) { request, context in
      try await publishVerification(request, context)
    }
    router.get(RouterPath(pair + "/pact-version/:sha/verification-results/latest")) { request, context in
      let sha = try request.name("sha", context)
      guard let verification = try await store.latestVerification(sha: sha) else {
        throw APIError(.notFound, "no verification results for content \(sha) yet")
      }
      return HAL.response(server.renderer(request).verification(verification))
    }
    router.get(RouterPath(pair + "/pact-version/:sha/verification-results/:number")) { request, context in
      let sha = try request.name("sha", context)
      let text = try request.name("number", context)
      guard let number = Int64(text) else {
        throw APIError(.badRequest, "the verification number \(PrintSafe.quoted(text)) is not a whole number")
      }
      guard let verification = try await store.verification(sha: sha, number: number) else {
        throw APIError(.notFound, "no verification result \(number) for content \(sha)")
      }
      return HAL.response(server.renderer(request).verification(verification))
    }
  }

  func names(_ request: Request, _ context: BasicRequestContext) throws -> (String, String) {
    (
      try request.name("provider", context, what: "the provider in the path"),
      try request.name("consumer", context, what: "the consumer in the path")
    )
  }

  func render(_ pact: StoredPact, _ request: Request) async throws -> Response {
    guard let content = try await store.content(sha: pact.sha) else {
      throw APIError(.notFound, "the content \(pact.sha) is gone")
    }
    var response = HAL.response(server.renderer(request).pact(content, pact))
    // Which consumer version the pact is of, as the Pact Broker says it (clients read it from latest pacts).
    response.headers[Self.consumerVersionHeader] = pact.consumerVersion.number
    return response
  }

  static let consumerVersionHeader = HTTPField.Name("X-Pact-Consumer-Version")!

  func latest(_ provider: String, _ consumer: String, _ query: PactQuery, _ request: Request, what: String)
    async throws -> Response
  {
    guard let pact = try await store.pacts(provider: provider, consumer: consumer, query: query).first else {
      throw APIError(.notFound, "no pact between \(consumer)\(what) and \(provider)")
    }
    return try await render(pact, request)
  }

  func providerPacts(_ request: Request, _ context: BasicRequestContext, query: PactQuery) async throws -> Response {
    let provider = try await existingProvider(request, context)
    let pacts = try await store.pacts(provider: provider, consumer: nil, query: query)
    return providerPacts(provider, pacts, request)
  }

  /// The provider named in the path; 404 when the broker does not know it.
  func existingProvider(_ request: Request, _ context: BasicRequestContext) async throws -> String {
    let provider = try request.name("provider", context, what: "the provider in the path")
    guard try await store.pacticipant(named: provider) != nil else {
      throw APIError(.notFound, "no pacticipant named \(PrintSafe.quoted(provider))")
    }
    return provider
  }

  /// A provider's pacts as the Pact Broker lists them: `pacts` and `pb:pacts` links, one per pact.
  func providerPacts(_ provider: String, _ pacts: [StoredPact], _ request: Request) -> Response {
    let renderer = server.renderer(request)
    return HAL.response([
      "_links": [
        "self": HAL.link(renderer.urls.base + request.uri.path),
        "provider": HAL.link(renderer.urls.pacticipant(provider), title: provider),
        "pb:provider": HAL.link(renderer.urls.pacticipant(provider), title: provider),
        "pacts": .array(
          pacts.map { pact in
            HAL.link(
              renderer.urls.pact(provider: provider, consumer: pact.consumer, version: pact.consumerVersion.number),
              title: "Pact between \(pact.consumer) (\(pact.consumerVersion.number)) and \(provider)",
              name: pact.consumer)
          }),
        "pb:pacts": .array(
          pacts.map { pact in
            HAL.link(
              renderer.urls.pact(provider: provider, consumer: pact.consumer, version: pact.consumerVersion.number),
              title: "Pact between \(pact.consumer) (\(pact.consumerVersion.number)) and \(provider)",
              name: pact.consumer)
          }),
      ]
    ])
  }

  func forVerification(_ request: Request, _ context: BasicRequestContext, body given: JSONValue? = nil) async throws
    -> Response
  {
    let provider = try request.name("provider", context, what: "the provider in the path")
    let body: JSONValue
    if let given { body = given } else { body = try await request.json(context, limit: 1024 * 1024) }
    guard case .object = body else { throw APIError(.badRequest, "the body must be a JSON object") }
    let selectors = try ConsumerVersionSelector.list(from: body["consumerVersionSelectors"])
    let branch = try body.string("providerVersionBranch", path: "$")
    if let branch { try Names.check(branch, what: "$.providerVersionBranch") }
    let pending = try body.bool("includePendingStatus", path: "$") ?? false
    var since: Date?
    if let text = try body.string("includeWipPactsSince", path: "$") {
      guard let date = Self.date(text) else {
        throw APIError(
          .badRequest, "$.includeWipPactsSince \(PrintSafe.quoted(text)) is not a date; give one like 2026-01-31")
      }
      since = date
    }
    let pacts = try await PactsForVerification(store: store).pacts(
      provider: provider, selectors: selectors, providerVersionBranch: branch, includePendingStatus: pending,
      includeWipPactsSince: since)
    let urls = server.urls(request)
    return HAL.response([
      "_embedded": [
        "pacts": .array(
          pacts.map { chosen in
            let pact = chosen.pact
            let url = urls.pactVersion(provider: provider, consumer: pact.consumer, sha: pact.sha)
            var properties: JSONObject = [
              "notices": .array(
                chosen.notices(pactURL: url).map { ["when": .string($0.when), "text": .string($0.text)] })
            ]
            if let pending = chosen.pending { properties["pending"] = .bool(pending) }
            if chosen.wip { properties["wip"] = true }
            return [
              "shortDescription": .string(
                chosen.wip ? "WIP" : chosen.reasons.map { $0.prefix { $0 != "(" } }.joined(separator: ", ")),
              "verificationProperties": .object(properties),
              "_links": [
                "self": HAL.link(
                  url, name: "Pact between \(pact.consumer) (\(pact.consumerVersion.number)) and \(provider)")
              ],
            ]
          })
      ],
      "_links": [
        "self": HAL.link(
          urls.base + "/pacts/provider/\(BrokerURLs.segment(provider))/for-verification",
          title: "Pacts to be verified")
      ],
    ])
  }

  func publishVerification(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let (provider, consumer) = try names(request, context)
    let sha = try request.name("sha", context)
    let result = try NewVerification(
      publishing: try await request.json(context, limit: server.options.maximumBodySize), provider: provider,
      consumer: consumer, sha: sha)
    let urls = server.urls(request)
    let recorded = try await RecordVerification(store: store, webhooks: server.webhookStore)(
      result, pactURL: urls.pactVersion(provider: provider, consumer: consumer, sha: sha),
      verificationURL: { number in urls.verification(provider: provider, consumer: consumer, sha: sha, number: number) }
    )
    server.metrics.verified(success: result.success)
    server.queued(recorded.deliveries, error: recorded.webhookError)
    let rendered = server.renderer(request).verification(recorded.verification)
    return HAL.response(rendered, status: .created, location: rendered["_links"]?["self"]?["href"]?.stringValue)
  }

  /// An ISO 8601 date or date-time.
  static func date(_ text: String) -> Date? {
    if let date = try? Date(text, strategy: .iso8601) { return date }
    if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
    return nil
  }
}
