import Hummingbird

/// Sends a browser that opens one of the API's resource URLs (a pacticipant, a pact, the matrix, environments,
/// webhooks, a verification result, can-i-deploy) to the page that shows it, so the URLs in HAL links and in the
/// Pact clients' output work in a browser too. Clients that ask for JSON (every Pact client) get the resource.
///
/// ```swift
/// BrowserRedirectMiddleware.page(for: "/pacts/provider/users/consumer/web/latest")  // "/ui/contracts/users/web"
/// ```
struct BrowserRedirectMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    guard request.method == .get, WebRoutes.wantsHTML(request), let page = Self.page(for: request.uri.path) else {
      return try await next(request, context)
    }
    let query = request.uri.query.map { "?" + $0 } ?? ""
    return Response(status: .seeOther, headers: [.location: page + (page.contains("?") ? "" : query)])
  }

  /// The page for an API path (its segments kept as they came, percent-encoded), or `nil`.
  static func page(for path: String) -> String? {
    // A badge is an image wherever it is opened.
    if BadgeRoutes.isBadge(path: path) { return nil }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    switch parts.count {
    case 1 where ["matrix", "environments", "webhooks", "can-i-deploy", "pacticipants"].contains(parts[0]):
      return "/ui/" + parts[0]
    case 2 where parts[0] == "pacticipants" || parts[0] == "webhooks":
      return parts[1].isEmpty ? nil : "/ui/\(parts[0])/\(parts[1])"
    case 3 where parts[0] == "pacticipants" && parts[2] == "field-usage" && !parts[1].isEmpty:
      return "/ui/pacticipants/\(parts[1])/fields"
    case 4 where parts[0] == "pacticipants" && parts[2] == "versions" && !parts[1].isEmpty:
      return "/ui/pacticipants/\(parts[1])"
    default:
      break
    }
    guard parts.count >= 5, parts[0] == "pacts", parts[1] == "provider", parts[3] == "consumer",
      !parts[2].isEmpty, !parts[4].isEmpty
    else { return nil }
    if parts.count == 9, parts[5] == "pact-version", parts[7] == "verification-results", parts[8] != "latest" {
      return "/ui/verifications/\(parts[6])/\(parts[8])"
    }
    if parts.count == 7, parts[5] == "version", !parts[6].isEmpty {
      return "/ui/contracts/\(parts[2])/\(parts[4])/version/\(parts[6])"
    }
    return "/ui/contracts/\(parts[2])/\(parts[4])"
  }
}
