import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// `GET /matrix` and `GET /can-i-deploy`, as the Pact Broker answers them and its clients' `can-i-deploy` commands
/// read them: a summary (deployable yes / no / unknown, the reasons, the counts), a notice per reason, and a row
/// per pact and verification (ignored rows last, marked).
struct MatrixRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    router.get("/can-i-deploy") { request, _ in
      try await canIDeploy(request)
    }
    router.get("/matrix") { request, _ in
      try await answer(try MatrixQuery(items: request.queryItems), request)
    }
    // Every row between a consumer and a provider, as the Pact Broker's page of the pair lists them.
    router.get("/matrix/provider/:provider/consumer/:consumer") { request, context in
      let provider = try request.name("provider", context, what: "the provider in the path")
      let consumer = try request.name("consumer", context, what: "the consumer in the path")
      return try await answer(
        MatrixQuery(
          selectors: [MatrixSelector(pacticipant: consumer), MatrixSelector(pacticipant: provider)],
          latestBy: .consumerVersionAndProviderVersion), request)
    }
  }

  /// `?pacticipant=P&version=V` (or `branch=B`, its latest version) `&environment=E` (or `to=TAG`), with
  /// `ignore[]` as the matrix takes it.
  func canIDeploy(_ request: Request) async throws -> Response {
    guard let pacticipant = request.query("pacticipant") else {
      throw APIError(.badRequest, "the query has no pacticipant; give ?pacticipant=NAME&version=V&environment=E")
    }
    try Names.check(pacticipant, what: "the pacticipant in the query")
    var selector = MatrixSelector(pacticipant: pacticipant)
    if let number = request.query("version") {
      selector.version = number
    } else if let branch = request.query("branch") {
      selector.branch = branch
      selector.latest = true
    } else {
      throw APIError(.badRequest, "the query has no version (or branch); give &version=V")
    }
    let target: MatrixQuery.Target
    if let environment = request.query("environment") {
      target = MatrixQuery.Target(environment: environment)
    } else if let tag = request.query("to") ?? request.query("tag") {
      target = MatrixQuery.Target(tag: tag, latest: true)
    } else {
      throw APIError(.badRequest, "the query has no environment (or to=TAG); give &environment=production")
    }
    let ignore = try MatrixQuery(items: request.queryItems.filter { $0.name.hasPrefix("ignore[") }).ignore
    return try await answer(
      MatrixQuery(selectors: [selector], ignore: ignore, target: target, latestBy: .consumerVersionAndProvider),
      request)
  }

  func answer(_ query: MatrixQuery, _ request: Request) async throws -> Response {
    let store = server.store
    let matrix = Matrix(store: store)
    let problems = try await matrix.problems(query)
    guard problems.isEmpty else { throw APIError(.badRequest, messages: problems) }
    let (answer, lines, ignoredLines) = try await store.reading {
      () async throws(BrokerError) -> (MatrixAnswer, [Integration], [Integration]) in
      let answer = try await matrix.answer(query)
      let target = query.target.map(Self.target)
      return (
        answer, try await CanIDeploy.integrations(answer.rows, of: answer, store: store, target: target),
        try await CanIDeploy.integrations(answer.ignoredRows, of: answer, store: store, target: target)
      )
    }
    let urls = server.urls(request)
    var summary: JSONObject = [
      "deployable": answer.deployable.map(JSONValue.bool) ?? .null,
      "reason": .string(answer.reason),
      "success": .int(answer.counts.success),
      "failed": .int(answer.counts.failed),
      "unknown": .int(answer.counts.unknown),
    ]
    if let ignored = answer.counts.ignored { summary["ignored"] = .int(ignored) }
    let rows = zip(answer.rows, lines).map { row($0, $1, urls) }
    let ignoredRows = zip(answer.ignoredRows, ignoredLines).map { pair -> JSONValue in
      guard case .object(var members) = row(pair.0, pair.1, urls) else { return .null }
      members["ignored"] = true
      return .object(members)
    }
    return HAL.response([
      "summary": .object(summary),
      "notices": .array(answer.reasons.map { JSONValue.object(["type": .string($0.type), "text": .string($0.text)]) }),
      "matrix": .array(rows + ignoredRows),
      "_links": ["self": HAL.link(urls.base + request.uri.description)],
    ])
  }

  /// The can-i-deploy target a matrix target reads as, for the lines' advice.
  static func target(_ target: MatrixQuery.Target) -> CanIDeploy.Target {
    if let environment = target.environment { return .environment(environment) }
    if let tag = target.tag { return .tag(tag) }
    if let branch = target.branch { return .branch(branch) }
    return target.mainBranch ? .mainBranch : .latest
  }

  func row(_ row: MatrixRow, _ line: Integration, _ urls: BrokerURLs) -> JSONValue {
    func side(_ name: String, _ version: Version?) -> JSONValue {
      [
        "name": .string(name),
        "_links": ["self": HAL.link(urls.pacticipant(name))],
        "version": version.map { version in
          [
            "number": .string(version.number),
            "branch": version.branches.last.map(JSONValue.string) ?? .null,
            "branches": .array(version.branches.map { ["name": .string($0)] }),
            "tags": .array(version.tags.map { ["name": .string($0), "latest": false] }),
            "_links": ["self": HAL.link(urls.version(name, version.number))],
          ]
        } ?? .null,
      ]
    }
    var members: JSONObject = [
      "consumer": side(row.consumer, row.consumerVersion),
      "provider": side(row.provider, row.providerVersion),
      "accordReason": .string("\(line.reason)"),
      "text": .string(line.text),
      "pact": [
        "createdAt": HAL.date(row.pact.createdAt),
        "_links": [
          "self": HAL.link(urls.pactVersion(provider: row.provider, consumer: row.consumer, sha: row.pact.sha))
        ],
      ],
    ]
    if let verification = row.verification {
      members["verificationResult"] = [
        "success": .bool(verification.success),
        "verifiedAt": HAL.date(verification.executedAt),
        "_links": [
          "self": HAL.link(
            urls.verification(
              provider: verification.provider, consumer: verification.consumer, sha: verification.sha,
              number: verification.number))
        ],
      ]
    } else {
      members["verificationResult"] = .null
    }
    return .object(members)
  }
}
