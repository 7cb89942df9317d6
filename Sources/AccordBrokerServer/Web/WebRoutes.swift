import AccordBroker
import AccordModel
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The broker's web page: `GET /` in a browser (HAL JSON to clients that ask for it) and the pages under `/ui/`:
/// a pacticipant, a contract rendered readably, the matrix, a verification's mismatches, environments,
/// can-i-deploy, and the dependency graph of all services.
struct WebRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  /// True when the client prefers HTML (a browser), not HAL or JSON (every Pact client).
  static func wantsHTML(_ request: Request) -> Bool {
    guard let accept = request.headers[.accept] else { return false }
    return accept.contains("text/html") && !accept.contains("application/hal+json")
  }

  func add(to router: Router<BasicRequestContext>) {
    router.get("/ui/style.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
        body: .init(byteBuffer: ByteBuffer(string: WebTemplates.stylesheet)))
    }
    router.get("/ui") { _, _ in Response(status: .seeOther, headers: [.location: "/"]) }
    router.get("/ui/pacticipants/:pacticipant") { request, context in
      try await pacticipantPage(try request.name("pacticipant", context))
    }
    router.get("/ui/contracts/:provider/:consumer") { request, context in
      try await contractPage(
        provider: try request.name("provider", context), consumer: try request.name("consumer", context),
        urls: server.urls(request))
    }
    router.get("/ui/matrix") { request, _ in try await matrixPage(request) }
    router.get("/ui/verifications/:sha/:number") { request, context in
      let number = Int64(try request.name("number", context))
      guard let number,
        let verification = try await store.verification(sha: try request.name("sha", context), number: number)
      else { throw APIError(.notFound, "no such verification result; start from the matrix at /ui/matrix") }
      return try await verificationPage(verification)
    }
    router.get("/ui/environments") { _, _ in try await environmentsPage() }
    router.get("/ui/can-i-deploy") { request, _ in try await canIDeployPage(request) }
    router.get("/ui/graph") { _, _ in try await graphPage() }
    router.get("/ui/webhooks") { _, _ in try await webhooksPage() }
    router.get("/ui/webhooks/:uuid") { request, context in
      try await webhookPage(
        try request.name("uuid", context), showingAnswers: server.mayReadWebhookAnswers(request))
    }
  }

  // MARK: Pages

  func page(_ title: String, _ template: String, _ context: [String: Any]) -> Response {
    let body = WebTemplates.library.render(context, withTemplate: template) ?? ""
    let html =
      WebTemplates.library.render(
        ["title": title, "body": body, "open": !server.options.access.isEnabled], withTemplate: "layout") ?? ""
    return Response(
      status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  static func url(_ parts: String...) -> String { "/ui/" + parts.map(BrokerURLs.segment).joined(separator: "/") }

  func indexPage() async throws -> Response {
    let pacticipants = try await store.pacticipants()
    let latestPacts = try await store.latestPacts()
    let environments = try await store.environments()
    var places: [String: [String]] = [:]
    for environment in environments {
      for deployed in try await store.deployedVersions(environmentID: environment.id, pacticipant: nil) {
        places[deployed.version.pacticipant, default: []].append("\(environment.name) \(deployed.version.number)")
      }
      for released in try await store.releasedVersions(environmentID: environment.id, pacticipant: nil) {
        places[released.version.pacticipant, default: []].append(
          "\(environment.name) \(released.version.number) (released)")
      }
    }
    var rows: [[String: Any]] = []
    let latestVersions = try await store.latestVersions(of: pacticipants.map(\.name))
    for pacticipant in pacticipants {
      let latest = latestVersions[pacticipant.name]
      rows.append([
        "name": pacticipant.name, "url": Self.url("pacticipants", pacticipant.name),
        "latest": latest?.number ?? "—", "branches": latest?.branches.joined(separator: ", ") ?? "",
        "mainBranch": pacticipant.mainBranch ?? "—",
        "environments": (places[pacticipant.name] ?? []).joined(separator: ", "),
      ])
    }
    return page(
      "Pacticipants", "index", ["pacticipants": rows, "pacticipantCount": rows.count, "contracts": latestPacts.count])
  }

  func pacticipantPage(_ name: String) async throws -> Response {
    guard let pacticipant = try await store.pacticipant(named: name) else {
      throw APIError(.notFound, "no pacticipant named \(PrintSafe.quoted(name)); see the list at /")
    }
    let latestPacts = try await store.latestPacts()
    let asConsumer = latestPacts.filter { $0.consumer == name }.map { pact -> [String: Any] in
      [
        "other": pact.provider, "version": pact.consumerVersion.number,
        "url": Self.url("contracts", pact.provider, pact.consumer),
      ]
    }
    let asProvider = latestPacts.filter { $0.provider == name }.map { pact -> [String: Any] in
      [
        "other": pact.consumer, "version": pact.consumerVersion.number,
        "url": Self.url("contracts", pact.provider, pact.consumer),
      ]
    }
    let versions = try await store.versions(of: name, limit: 25).map { version -> [String: Any] in
      [
        "number": version.number, "branches": version.branches.joined(separator: ", "),
        "tags": version.tags.joined(separator: ", "), "created": Self.date(version.createdAt),
        "canIDeploy":
          "/ui/can-i-deploy?pacticipant=\(BrokerURLs.segment(name))&version=\(BrokerURLs.segment(version.number))&environment=production",
      ]
    }
    return page(
      name, "pacticipant",
      [
        "mainBranch": pacticipant.mainBranch ?? "not set", "asConsumer": asConsumer, "asProvider": asProvider,
        "contracts": !(asConsumer.isEmpty && asProvider.isEmpty), "versions": versions,
      ])
  }

  func contractPage(provider: String, consumer: String, urls: BrokerURLs) async throws -> Response {
    guard let pact = try await store.latestPacts().first(where: { $0.provider == provider && $0.consumer == consumer }),
      let content = try await store.content(sha: pact.sha)
    else {
      throw APIError(
        .notFound, "no pact between \(PrintSafe.quoted(consumer)) and \(PrintSafe.quoted(provider)); see /")
    }
    let view = ContractView(content)
    return page(
      "\(consumer) → \(provider)", "contract",
      [
        "consumer": consumer, "provider": provider, "version": pact.consumerVersion.number,
        "specification": view.specification, "interactions": view.interactions,
        "interactionCount": view.interactions.count,
        "raw": "/pacts/provider/\(BrokerURLs.segment(provider))/consumer/\(BrokerURLs.segment(consumer))/latest",
        "badge":
          "/pacts/provider/\(BrokerURLs.segment(provider))/consumer/\(BrokerURLs.segment(consumer))/latest/badge",
        "badgeURL": urls.base
          + "/pacts/provider/\(BrokerURLs.segment(provider))/consumer/\(BrokerURLs.segment(consumer))/latest/badge",
      ])
  }

  /// With a matrix query (`?q[][pacticipant]=…`, as `GET /matrix` takes it, which a browser is sent here with):
  /// its rows and answer. Without one: the latest pact of each pair and its latest verification.
  func matrixPage(_ request: Request) async throws -> Response {
    let items = request.queryItems
    guard !items.contains(where: { $0.name.hasPrefix("q[") || $0.name == "pacticipant[]" }) else {
      return try await queriedMatrixPage(items)
    }
    var rows: [[String: Any]] = []
    let pacts = try await store.latestPacts()
    let verifications = try await store.latestVerifications(shas: pacts.map(\.sha))
    for pact in pacts.sorted(by: { ($0.consumer, $0.provider) < ($1.consumer, $1.provider) }) {
      let verification = verifications[pact.sha]
      var row: [String: Any] = [
        "consumer": pact.consumer, "consumerVersion": pact.consumerVersion.number, "provider": pact.provider,
        "consumerURL": Self.url("contracts", pact.provider, pact.consumer),
        "providerURL": Self.url("pacticipants", pact.provider),
        "providerVersion": verification?.providerVersion.number ?? "—",
      ]
      switch verification?.success {
      case true?: row["status"] = "verified"; row["text"] = "verified"
      case false?: row["status"] = "failed"; row["text"] = "failed"
      case nil: row["status"] = "unverified"; row["text"] = "not verified yet"
      }
      if let verification { row["href"] = Self.url("verifications", verification.sha, String(verification.number)) }
      rows.append(row)
    }
    return page("Matrix", "matrix", ["rows": rows])
  }

  func queriedMatrixPage(_ items: [(name: String, value: String)]) async throws -> Response {
    let query: MatrixQuery
    do throws(APIError) {
      query = try MatrixQuery(items: items)
    } catch {
      return page("Matrix", "matrix", ["rows": [[String: Any]](), "queried": false, "error": error.message])
    }
    let matrix = Matrix(store: store)
    let problems = try await matrix.problems(query)
    guard problems.isEmpty else {
      return page(
        "Matrix", "matrix", ["rows": [[String: Any]](), "queried": false, "error": problems.joined(separator: "; ")])
    }
    let answer = try await matrix.answer(query)
    let rows = (answer.rows.map { ($0, false) } + answer.ignoredRows.map { ($0, true) }).map {
      row, ignored -> [String: Any] in
      var cells: [String: Any] = [
        "consumer": row.consumer, "consumerVersion": row.consumerVersion.number, "provider": row.provider,
        "consumerURL": Self.url("contracts", row.provider, row.consumer),
        "providerURL": Self.url("pacticipants", row.provider),
        "providerVersion": row.providerVersion?.number ?? "—",
      ]
      let (status, text) =
        switch row.success {
        case true?: ("verified", "verified")
        case false?: ("failed", "failed")
        case nil: ("unverified", "not verified")
        }
      cells["status"] = ignored ? "unverified" : status
      cells["text"] = ignored ? "ignored (\(text))" : text
      if let verification = row.verification {
        cells["href"] = Self.url("verifications", verification.sha, String(verification.number))
      }
      return cells
    }
    let status = answer.deployable == true ? "verified" : answer.deployable == false ? "failed" : "unverified"
    return page("Matrix", "matrix", ["rows": rows, "queried": true, "status": status, "summary": answer.reason])
  }

  func verificationPage(_ verification: Verification) async throws -> Response {
    let pact = try await store.pact(
      provider: verification.provider, consumer: verification.consumer, sha: verification.sha)
    let entries = verification.testResults?.arrayValue ?? verification.testResults?["tests"]?.arrayValue ?? []
    let tests = entries.map { entry -> [String: Any] in
      let mismatches = (entry["mismatches"]?.arrayValue ?? []).map { $0["description"]?.stringValue ?? $0.serialized() }
      return [
        "description": entry["interactionDescription"]?.stringValue ?? entry["description"]?.stringValue ?? "?",
        "status": entry["success"]?.boolValue == false ? "failed" : "verified", "mismatches": mismatches,
        "hasMismatches": !mismatches.isEmpty,
      ]
    }
    var context: [String: Any] = [
      "consumer": verification.consumer, "consumerVersion": pact?.consumerVersion.number ?? "",
      "provider": verification.provider, "providerVersion": verification.providerVersion.number,
      "status": verification.success ? "verified" : "failed", "text": verification.success ? "verified" : "failed",
      "executed": Self.date(verification.executedAt), "tests": tests,
      "contract": Self.url("contracts", verification.provider, verification.consumer),
    ]
    if let build = verification.buildURL, build.hasPrefix("http") { context["buildURL"] = build }
    return page("Verification", "verification", context)
  }

  func environmentsPage() async throws -> Response {
    var environments: [[String: Any]] = []
    for environment in try await store.environments() {
      var entries: [[String: Any]] = []
      for deployed in try await store.deployedVersions(environmentID: environment.id, pacticipant: nil) {
        entries.append([
          "pacticipant": deployed.version.pacticipant, "version": deployed.version.number,
          "how": "deployed" + (deployed.applicationInstance.map { " (\($0))" } ?? ""),
          "url": Self.url("pacticipants", deployed.version.pacticipant),
        ])
      }
      for released in try await store.releasedVersions(environmentID: environment.id, pacticipant: nil) {
        entries.append([
          "pacticipant": released.version.pacticipant, "version": released.version.number, "how": "released",
          "url": Self.url("pacticipants", released.version.pacticipant),
        ])
      }
      environments.append(["name": environment.name, "production": environment.production, "entries": entries])
    }
    return page("Environments", "environments", ["environments": environments])
  }

  func canIDeployPage(_ request: Request) async throws -> Response {
    let query = Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let pacticipant = query["pacticipant"] ?? ""
    let version = query["version"] ?? ""
    let environment = query["environment"].flatMap { $0.isEmpty ? nil : $0 } ?? "production"
    var context: [String: Any] = ["pacticipant": pacticipant, "version": version, "environment": environment]
    if !pacticipant.isEmpty && !version.isEmpty {
      do {
        let answer = try await CanIDeploy(store: store).ask(
          pacticipant: pacticipant, version: version, to: .environment(environment))
        context["asked"] = true
        context["status"] =
          answer.deployable == true ? "verified" : answer.deployable == false ? "failed" : "unverified"
        context["headline"] = answer.reason
        context["integrations"] = answer.integrations.map { integration -> [String: Any] in
          [
            "text": integration.text,
            "status": integration.deployable == true
              ? "verified" : integration.deployable == false ? "failed" : "unverified",
          ]
        }
      } catch {
        context["error"] = "\(error)"
      }
    }
    return page("can-i-deploy", "canIDeploy", context)
  }

  func graphPage() async throws -> Response {
    let pacts = try await store.latestPacts()
    var edges: [DependencyGraph.Edge] = []
    let verifications = try await store.latestVerifications(shas: pacts.map(\.sha))
    for pact in pacts {
      let verification = verifications[pact.sha]
      let status: DependencyGraph.Status =
        verification.map { $0.success ? .verified : .failed } ?? .unverified
      edges.append(.init(consumer: pact.consumer, provider: pact.provider, status: status))
    }
    let graph = DependencyGraph(nodes: try await store.pacticipants().map(\.name), edges: edges)
    let svg = graph.svg { Self.url("pacticipants", $0) }
    return page("Dependency graph", "graph", ["svg": svg, "nodes": graph.nodes.count, "edges": graph.edges.count])
  }

  static func date(_ date: Date) -> String {
    date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false))
  }

}
