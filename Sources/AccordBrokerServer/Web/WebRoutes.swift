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
    router.get("/ui/pacticipants") { _, _ in try await pacticipantsPage() }
    router.get("/ui/pacticipants/:pacticipant") { request, context in
      try await pacticipantPage(try request.name("pacticipant", context), request)
    }
    router.get("/ui/pacticipants/:pacticipant/fields") { request, context in
      try await fieldUsagePage(try request.name("pacticipant", context))
    }
    router.get("/ui/contracts/:provider/:consumer") { request, context in
      try await contractPage(
        provider: try request.name("provider", context), consumer: try request.name("consumer", context),
        version: nil, urls: server.urls(request))
    }
    router.get("/ui/contracts/:provider/:consumer/version/:version") { request, context in
      try await contractPage(
        provider: try request.name("provider", context), consumer: try request.name("consumer", context),
        version: try request.name("version", context), urls: server.urls(request))
    }
    router.get("/ui/contracts/:provider/:consumer/diff") { request, context in
      try await diffPage(
        provider: try request.name("provider", context), consumer: try request.name("consumer", context), request)
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
    router.get("/ui/graph") { request, _ in try await graphPage(request) }
    router.get("/ui/graph.js") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"],
        body: .init(byteBuffer: ByteBuffer(string: WebTemplates.graphScript)))
    }
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

  /// With a matrix query (`?q[][pacticipant]=…`, as `GET /matrix` takes it, which a browser is sent here with):
  /// its rows and answer. Without one: the latest pact of each pair and its latest verification.
  func matrixPage(_ request: Request) async throws -> Response {
    let items = request.queryItems
    guard !items.contains(where: { $0.name.hasPrefix("q[") || $0.name == "pacticipant[]" }) else {
      return try await queriedMatrixPage(items)
    }
    let now = Date()
    let rows = try await IntegrationOverview(store: store).integrations().sorted {
      ($0.consumer, $0.provider) < ($1.consumer, $1.provider)
    }.map { entry -> [String: Any] in
      var row: [String: Any] = [
        "consumer": entry.consumer, "consumerVersion": entry.pact.consumerVersion.number,
        "consumerBranch": entry.pact.consumerVersion.branches.joined(separator: ", "), "provider": entry.provider,
        "consumerURL": Self.url("contracts", entry.provider, entry.consumer),
        "providerURL": Self.url("pacticipants", entry.provider), "providerVersion": "—",
        "status": entry.state.rawValue, "text": entry.state.text, "why": entry.explanation,
      ]
      if let verification = entry.deciding ?? entry.latest {
        row["providerVersion"] = verification.providerVersion.number
        row["providerBranch"] = verification.providerVersion.branches.joined(separator: ", ")
        row["when"] = Self.ago(verification.executedAt, now: now)
        row["whenAt"] = Self.utc(verification.executedAt)
      }
      // The result links to the latest verification: for a failure on a branch, the one that failed.
      if let latest = entry.latest { row["href"] = Self.url("verifications", latest.sha, String(latest.number)) }
      return row
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
        "consumerBranch": row.consumerVersion.branches.joined(separator: ", "),
        "providerBranch": row.providerVersion?.branches.joined(separator: ", ") ?? "",
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
      "executed": Self.utc(verification.executedAt), "tests": tests,
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

  /// The whole network; `?focus=NAME` brings one service and its neighbours forward.
  func graphPage(_ request: Request) async throws -> Response {
    let focus = request.queryItems.first { $0.name == "focus" }?.value.trimmingCharacters(in: .whitespaces)
    let integrations = try await IntegrationOverview(store: store).integrations()
    let kinds = try await server.pactKinds.kinds(of: integrations.map(\.pact.sha), store: store)
    let edges = integrations.map { entry in
      DependencyGraph.Edge(
        consumer: entry.consumer, provider: entry.provider, status: Self.graphStatus(entry.state),
        kind: kinds[entry.pact.sha] ?? .http, href: Self.url("contracts", entry.provider, entry.consumer),
        detail: entry.explanation)
    }
    let names = try await store.pacticipants().map(\.name)
    let graph = DependencyGraph(nodes: names, edges: edges)
    let known = focus.flatMap { name in graph.nodes.contains(name) ? name : nil }
    let svg = graph.svg(layout: server.graphLayouts.layout(of: graph), focus: known) { Self.url("pacticipants", $0) }
    var context: [String: Any] = [
      "svg": svg, "nodes": graph.nodes.count, "edges": graph.edges.count, "services": graph.nodes,
      "legend": DependencyGraph.legend, "focus": focus ?? "",
    ]
    if let focus, !focus.isEmpty, known == nil {
      context["error"] = "no service named \(PrintSafe.quoted(focus)) in the graph; pick one from the list"
    }
    if let known {
      context["focused"] = known
      context["focusedURL"] = Self.url("pacticipants", known)
    }
    return page("Dependency graph", "graph", context)
  }

  static func graphStatus(_ state: IntegrationOverview.State) -> DependencyGraph.Status {
    switch state {
    case .verified: .verified
    case .failed: .failed
    case .failedOnBranch: .failedOnBranch
    case .unverified: .unverified
    }
  }

}
