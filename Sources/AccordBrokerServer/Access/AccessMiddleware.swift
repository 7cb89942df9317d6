import HTTPTypes
import Hummingbird

/// Enforces an ``AccessPolicy``: reads need a read-only or read-write credential (or ``AccessPolicy/publicRead``),
/// writes a read-write one; the heartbeat is always open. 401 says which credential is missing or wrong, 403 that
/// the credential sent may only read; both are JSON like every other error, with `WWW-Authenticate` on a 401.
///
/// A read is `GET`, `HEAD` or `OPTIONS`, or `POST /pacts/provider/{provider}/for-verification` (which only asks
/// which pacts to verify), so a developer with a read-only credential can verify locally without publishing.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
  let policy: AccessPolicy

  static var heartbeat: String { "/diagnostic/status/heartbeat" }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    guard policy.isEnabled, request.uri.path != Self.heartbeat else { return try await next(request, context) }
    let reading = Self.isRead(request)
    let decision = policy.decide(authorization: request.headers[.authorization])
    switch decision {
    case .granted(let access, _):
      if !reading && access == .readOnly {
        throw APIError(
          .forbidden,
          "this credential is read-only, and \(request.method) \(request.uri.path) changes the broker; use a "
            + "read-write token or user (publishing, verification results, deployments and environments need one)")
      }
      return try await next(request, context)
    case .missing:
      if reading && (policy.publicRead || (policy.publicBadges && Self.isBadge(request))) {
        return try await next(request, context)
      }
      throw Self.unauthorized(
        "this broker needs a credential"
          + (policy.publicRead ? " to change anything" : "")
          + ": send Authorization: Bearer <token> (accord reads ACCORD_BROKER_TOKEN, Pact clients PACT_BROKER_TOKEN)"
          + " or basic auth (ACCORD_BROKER_USERNAME and ACCORD_BROKER_PASSWORD, or PACT_BROKER_USERNAME and"
          + " PACT_BROKER_PASSWORD)")
    case .rejected(let reason):
      throw Self.unauthorized(reason + "; check the token or the username and password you give the client")
    }
  }

  static func isRead(_ request: Request) -> Bool {
    switch request.method {
    case .get, .head, .options: return true
    case .post:
      let parts = request.uri.path.split(separator: "/")
      return parts.count == 4 && parts[0] == "pacts" && parts[1] == "provider" && parts[3] == "for-verification"
    default: return false
    }
  }

  /// A status badge (``BadgeRoutes``): an image a README embeds.
  static func isBadge(_ request: Request) -> Bool {
    request.method == .get && BadgeRoutes.isBadge(path: request.uri.path)
  }

  /// A 401: the JSON error, and the schemes the broker takes.
  static func unauthorized(_ message: String) -> APIError {
    APIError(.unauthorized, message, challenges: [#"Bearer realm="accord-broker""#, #"Basic realm="accord-broker""#])
  }
}
