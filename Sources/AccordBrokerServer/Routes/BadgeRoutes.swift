import AccordBroker
import AccordModel
import Hummingbird
import NIOCore

/// Status badges for READMEs, as the Pact Broker serves them: whether the latest pact between two pacticipants
/// (optionally with a tag or from a branch) is verified, and whether the latest version with a tag or on a branch
/// can be deployed. Always an SVG image with status 200, "unknown" when there is nothing to tell, so a README
/// never shows a broken image; `?label=` replaces the left text and `?initials=true` shortens the names.
/// With `--public-badges` they need no credential.
struct BadgeRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  func add(to router: Router<BasicRequestContext>) {
    let pair = "/pacts/provider/:provider/consumer/:consumer"
    router.get(RouterPath(pair + "/latest/badge")) { request, context in
      try await pactBadge(request, context, query: .latest)
    }
    router.get(RouterPath(pair + "/latest/:tag/badge")) { request, context in
      try await pactBadge(request, context, query: .latestWithTag(try request.name("tag", context)))
    }
    router.get(RouterPath(pair + "/branch/:branch/latest/badge")) { request, context in
      try await pactBadge(request, context, query: .latestOnBranch(try request.name("branch", context)))
    }
    router.get("/pacticipants/:pacticipant/latest-version/:tag/can-i-deploy/to/:to/badge") { request, context in
      let tag = try request.name("tag", context)
      return try await deployBadge(
        request, context, branch: nil, tag: tag, target: .tag(try request.name("to", context)))
    }
    router.get(
      "/pacticipants/:pacticipant/branches/:branch/latest-version/can-i-deploy/to-environment/:environment/badge"
    ) { request, context in
      let branch = try request.name("branch", context)
      return try await deployBadge(
        request, context, branch: branch, tag: nil, target: .environment(try request.name("environment", context)))
    }
  }

  /// Whether `path` (percent-encoded, as requested) is one of the badge routes above.
  static func isBadge(path: String) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    guard parts.last == "badge", !parts.contains("") else { return false }
    switch parts.first {
    case "pacts":
      guard parts.count >= 7, parts[1] == "provider", parts[3] == "consumer" else { return false }
      return (parts[5] == "latest" && (parts.count == 7 || parts.count == 8))
        || (parts.count == 9 && parts[5] == "branch" && parts[7] == "latest")
    case "pacticipants":
      return (parts.count == 8 && parts[2] == "latest-version" && parts[4] == "can-i-deploy" && parts[5] == "to")
        || (parts.count == 9 && parts[2] == "branches" && parts[4] == "latest-version"
          && parts[5] == "can-i-deploy" && parts[6] == "to-environment")
    default:
      return false
    }
  }

  func pactBadge(_ request: Request, _ context: BasicRequestContext, query: PactQuery) async throws -> Response {
    let provider = try request.name("provider", context, what: "the provider in the path")
    let consumer = try request.name("consumer", context, what: "the consumer in the path")
    let label = Self.label(request, default: "\(Self.short(consumer, request))/\(Self.short(provider, request)) pact")
    guard let pact = try await store.pacts(provider: provider, consumer: consumer, query: query).first else {
      return Self.response(Badge(label: label, message: "unknown", color: .unknown))
    }
    switch try await store.latestVerification(sha: pact.sha)?.success {
    case true?: return Self.response(Badge(label: label, message: "verified", color: .success))
    case false?: return Self.response(Badge(label: label, message: "failed", color: .failure))
    case nil: return Self.response(Badge(label: label, message: "unknown", color: .unknown))
    }
  }

  func deployBadge(
    _ request: Request, _ context: BasicRequestContext, branch: String?, tag: String?, target: CanIDeploy.Target
  ) async throws -> Response {
    let pacticipant = try request.name("pacticipant", context)
    let label = Self.label(request, default: "can-i-deploy")
    guard let version = try await store.latestVersion(of: pacticipant, branch: branch, tag: tag) else {
      return Self.response(Badge(label: label, message: "unknown", color: .unknown))
    }
    let answer: CanIDeploy.Answer
    do {
      answer = try await CanIDeploy(store: store).ask(pacticipant: pacticipant, version: version.number, to: target)
    } catch .notFound {
      return Self.response(Badge(label: label, message: "unknown", color: .unknown))
    }
    switch answer.deployable {
    case true?: return Self.response(Badge(label: label, message: "yes", color: .success))
    case false?: return Self.response(Badge(label: label, message: "no", color: .failure))
    case nil: return Self.response(Badge(label: label, message: "unknown", color: .unknown))
    }
  }

  /// `?label=` when given (at most ``Badge/maximumCharacters`` are drawn), else `fallback`.
  static func label(_ request: Request, default fallback: String) -> String {
    request.query("label") ?? fallback
  }

  /// With `?initials=true`, the first letter of each word of a name (`order-service` → `os`).
  static func short(_ name: String, _ request: Request) -> String {
    guard request.query("initials") == "true" else { return name }
    let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." })
    return words.count > 1 ? String(words.compactMap(\.first)).lowercased() : name
  }

  static func response(_ badge: Badge) -> Response {
    Response(
      status: .ok,
      headers: [.contentType: "image/svg+xml;charset=utf-8", .cacheControl: "no-cache, no-store, max-age=0"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: badge.svg)))
  }
}
