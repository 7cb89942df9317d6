import AccordBroker
import AccordModel
import Hummingbird

/// Pacts by consumer branch, as the Pact Broker serves them to `pact broker get-pacts`: a provider's pacts from
/// each consumer's main branch or a named branch (all, or the latest of each consumer), and the versions of one
/// pact between a consumer and a provider on a branch.
struct BranchPactRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }
  var pacts: PactRoutes { PactRoutes(server: server) }

  func add(to router: Router<BasicRequestContext>) {
    let provider = "/pacts/provider/:provider/branch"
    router.get(RouterPath(provider)) { request, context in
      let name = try await pacts.existingProvider(request, context)
      var all: [StoredPact] = []
      for consumer in try await consumers(of: name) {
        guard let main = try await store.pacticipant(named: consumer)?.mainBranch else { continue }
        all += try await store.pacts(provider: name, consumer: consumer, query: .allOnBranch(main))
      }
      return pacts.providerPacts(name, all, request)
    }
    router.get(RouterPath(provider + "/latest")) { request, context in
      try await pacts.providerPacts(request, context, query: .latestOnMainBranch)
    }
    router.get(RouterPath(provider + "/:branch")) { request, context in
      try await pacts.providerPacts(request, context, query: .allOnBranch(try request.name("branch", context)))
    }
    router.get(RouterPath(provider + "/:branch/latest")) { request, context in
      try await pacts.providerPacts(request, context, query: .latestOnBranch(try request.name("branch", context)))
    }

    let pair = "/pacts/provider/:provider/consumer/:consumer/branch"
    router.get(RouterPath(pair)) { request, context in
      let (provider, consumer) = try pacts.names(request, context)
      guard let main = try await store.pacticipant(named: consumer)?.mainBranch else {
        throw APIError(
          .notFound,
          "\(PrintSafe.quoted(consumer)) has no main branch; publish from main, master or develop, or set its "
            + "mainBranch (create-or-update-pacticipant --main-branch)")
      }
      return try await pactVersions(provider, consumer, branch: main, request)
    }
    router.get(RouterPath(pair + "/latest")) { request, context in
      let (provider, consumer) = try pacts.names(request, context)
      return try await pacts.latest(
        provider, consumer, .latestOnMainBranch, request, what: " from its main branch")
    }
    router.get(RouterPath(pair + "/:branch")) { request, context in
      let (provider, consumer) = try pacts.names(request, context)
      return try await pactVersions(provider, consumer, branch: try request.name("branch", context), request)
    }
  }

  /// The consumers with a pact with `provider`.
  func consumers(of provider: String) async throws -> [String] {
    Array(Set(try await store.pacts(provider: provider, consumer: nil, query: .latest).map(\.consumer))).sorted()
  }

  /// The versions of the pact between `consumer` and `provider` from consumer versions on `branch`, newest first.
  func pactVersions(_ provider: String, _ consumer: String, branch: String, _ request: Request) async throws
    -> Response
  {
    let found = try await store.pacts(provider: provider, consumer: consumer, query: .allOnBranch(branch))
    if found.isEmpty {
      throw APIError(
        .notFound,
        "no pact between \(PrintSafe.quoted(consumer)) on branch \(PrintSafe.quoted(branch)) and "
          + "\(PrintSafe.quoted(provider)); publish it with --branch \(branch), or check the names")
    }
    let renderer = server.renderer(request)
    let urls = renderer.urls
    return HAL.response([
      "_embedded": [
        "pacts": .array(
          found.map { pact in
            let number = pact.consumerVersion.number
            return [
              "createdAt": HAL.date(pact.createdAt),
              "_embedded": [
                "consumerVersion": [
                  "number": .string(number),
                  "_links": ["self": HAL.link(urls.version(consumer, number), title: "Version", name: number)],
                ]
              ],
              "_links": [
                "self": HAL.link(
                  urls.pact(provider: provider, consumer: consumer, version: number),
                  title: "Pact between \(consumer) (\(number)) and \(provider)")
              ],
            ]
          })
      ],
      "_links": [
        "self": HAL.link(
          urls.base + request.uri.path, title: "Versions of the pact between \(consumer) and \(provider) on \(branch)"),
        "consumer": HAL.link(urls.pacticipant(consumer), title: "Consumer", name: consumer),
        "provider": HAL.link(urls.pacticipant(provider), title: "Provider", name: provider),
        "pact-versions": .array(
          found.map { pact in
            HAL.link(
              urls.pact(provider: provider, consumer: consumer, version: pact.consumerVersion.number), title: "Pact",
              name: "Version \(pact.consumerVersion.number)")
          }),
        // As in a provider's lists, so a client that tabulates `pb:pacts` (pact broker get-pacts) reads this too.
        "pb:pacts": .array(
          found.map { pact in
            HAL.link(
              urls.pact(provider: provider, consumer: consumer, version: pact.consumerVersion.number),
              title: "Pact between \(consumer) (\(pact.consumerVersion.number)) and \(provider)", name: consumer)
          }),
      ],
    ])
  }
}
