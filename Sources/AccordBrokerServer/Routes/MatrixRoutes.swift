import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// `GET /can-i-deploy` and `GET /matrix`, as the Pact clients' `can-i-deploy` commands call them: one answer,
/// yes / no / unknown, with a row and a notice per integration.
struct MatrixRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    router.get("/can-i-deploy") { request, _ in
      guard let pacticipant = request.query("pacticipant") else {
        throw APIError(.badRequest, "the query has no pacticipant; give ?pacticipant=NAME&version=V&environment=E")
      }
      try Names.check(pacticipant, what: "the pacticipant in the query")
      let version: String
      if let number = request.query("version") {
        version = number
      } else if let branch = request.query("branch") {
        guard let latest = try await server.store.latestVersion(of: pacticipant, branch: branch, tag: nil) else {
          throw APIError(.badRequest, "\(pacticipant) has no version on branch \(branch)")
        }
        version = latest.number
      } else {
        throw APIError(.badRequest, "the query has no version (or branch); give &version=V")
      }
      let target: CanIDeploy.Target
      if let environment = request.query("environment") {
        target = .environment(environment)
      } else if let tag = request.query("to") ?? request.query("tag") {
        target = .tag(tag)
      } else {
        throw APIError(.badRequest, "the query has no environment (or to=TAG); give &environment=production")
      }
      return try await answer(pacticipant, version, target, request)
    }
    router.get("/matrix") { request, _ in
      try await matrix(request)
    }
  }

  func matrix(_ request: Request) async throws -> Response {
    // q[][pacticipant]=A&q[][version]=1&q[][pacticipant]=B… or the older pacticipant[]=A&version[]=1.
    var selectors: [(pacticipant: String, version: String?, latest: Bool, tag: String?, branch: String?)] = []
    for item in request.queryItems {
      switch item.name {
      case "q[][pacticipant]", "pacticipant[]", "q[pacticipant]":
        selectors.append((item.value, nil, false, nil, nil))
      case "q[][version]", "version[]", "q[version]":
        guard !selectors.isEmpty else { throw APIError(.badRequest, "a version comes before its pacticipant") }
        selectors[selectors.count - 1].version = item.value
      case "q[][latest]":
        if !selectors.isEmpty { selectors[selectors.count - 1].latest = item.value == "true" }
      case "q[][tag]":
        if !selectors.isEmpty { selectors[selectors.count - 1].tag = item.value }
      case "q[][branch]":
        if !selectors.isEmpty { selectors[selectors.count - 1].branch = item.value }
      case "q[][mainBranch]" where item.value == "true":
        guard let last = selectors.last else { break }
        guard let known = try await server.store.pacticipant(named: last.pacticipant) else {
          throw APIError(.badRequest, "no pacticipant named \(PrintSafe.quoted(last.pacticipant)); check the name")
        }
        guard let main = known.mainBranch else {
          throw APIError(
            .badRequest,
            "\(PrintSafe.quoted(last.pacticipant)) has no main branch; publish from main, master or develop, or set its "
              + "mainBranch")
        }
        selectors[selectors.count - 1].branch = main
      default: break
      }
    }
    guard let first = selectors.first else {
      throw APIError(.badRequest, "the query has no q[][pacticipant]; give q[][pacticipant]=NAME&q[][version]=V")
    }
    func number(_ selector: (pacticipant: String, version: String?, latest: Bool, tag: String?, branch: String?))
      async throws -> String
    {
      try Names.check(selector.pacticipant, what: "q[][pacticipant]")
      if let version = selector.version { return version }
      guard
        let latest = try await server.store.latestVersion(
          of: selector.pacticipant, branch: selector.branch, tag: selector.tag)
      else {
        let what = selector.branch.map { " on branch \($0)" } ?? selector.tag.map { " with tag \($0)" } ?? ""
        throw APIError(.badRequest, "\(selector.pacticipant) has no version\(what); check the name")
      }
      return latest.number
    }
    let version = try await number(first)
    let target: CanIDeploy.Target
    if selectors.count > 1 {
      var others: [String: String] = [:]
      for selector in selectors.dropFirst() { others[selector.pacticipant] = try await number(selector) }
      target = .versions(others)
    } else if let environment = request.query("environment") {
      target = .environment(environment)
    } else if let tag = request.query("tag") {
      target = .tag(tag)
    } else if request.query("mainBranch") == "true" {
      target = .mainBranch
    } else {
      target = .latest
    }
    return try await answer(first.pacticipant, version, target, request)
  }

  func answer(_ pacticipant: String, _ version: String, _ target: CanIDeploy.Target, _ request: Request)
    async throws -> Response
  {
    let answer: CanIDeploy.Answer
    do {
      answer = try await CanIDeploy(store: server.store).ask(pacticipant: pacticipant, version: version, to: target)
    } catch {
      // The Pact clients read a 404 here as "this broker has no matrix"; an unknown name is the query's mistake.
      if case .notFound = error { throw APIError(.badRequest, error.message) }
      throw error
    }
    let urls = server.urls(request)
    let rows = answer.integrations.map { row($0, urls) }
    let counts = (
      success: answer.integrations.filter { $0.deployable == true }.count,
      failed: answer.integrations.filter { $0.deployable == false }.count,
      unknown: answer.integrations.filter { $0.deployable == nil }.count
    )
    var notices: [JSONValue] = answer.integrations.map { integration in
      let type = integration.deployable == true ? "success" : integration.deployable == false ? "error" : "warning"
      return ["type": .string(type), "text": .string(integration.text)]
    }
    notices.insert(
      [
        "type": .string(answer.deployable == true ? "success" : answer.deployable == false ? "error" : "warning"),
        "text": .string(answer.headline),
      ], at: 0)
    return HAL.response([
      "summary": [
        "deployable": answer.deployable.map(JSONValue.bool) ?? .null,
        "reason": .string(answer.reason),
        "success": .int(counts.success),
        "failed": .int(counts.failed),
        "unknown": .int(counts.unknown),
      ],
      "notices": .array(notices),
      "matrix": .array(rows),
      "_links": ["self": HAL.link(urls.base + request.uri.description)],
    ])
  }

  func row(_ integration: Integration, _ urls: BrokerURLs) -> JSONValue {
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
      "consumer": side(integration.consumer, integration.consumerVersion),
      "provider": side(integration.provider, integration.providerVersion),
      "accordReason": .string("\(integration.reason)"),
      "text": .string(integration.text),
    ]
    if let pact = integration.pact {
      members["pact"] = [
        "createdAt": HAL.date(pact.createdAt),
        "_links": [
          "self": HAL.link(urls.pactVersion(provider: pact.provider, consumer: pact.consumer, sha: pact.sha))
        ],
      ]
    } else {
      members["pact"] = .null
    }
    if let verification = integration.verification {
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
