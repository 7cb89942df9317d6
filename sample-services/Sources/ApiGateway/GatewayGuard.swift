import Hummingbird
import SampleKit

/// Authentication and rate limiting for every `/api` route, before any downstream is called.
struct GatewayGuard<Context: RequestContext>: RouterMiddleware {
  let tokens: [String: String]
  let limiter: RateLimiter

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
      throw ServiceError(
        .unauthorized, "send Authorization: Bearer <token>; the gateway needs to know which client is calling",
        headers: [.wwwAuthenticate: "Bearer"])
    }
    guard let client = tokens[String(header.dropFirst("Bearer ".count))] else {
      throw ServiceError(.unauthorized, "the bearer token is not one the gateway knows; ask for a client token")
    }
    if case .limited(let retryAfter) = limiter.admit(client) {
      throw ServiceError(
        .tooManyRequests, "\(client) sent more than \(limiter.limit) requests in a window; wait \(retryAfter) s",
        headers: [.retryAfter: String(retryAfter)])
    }
    return try await next(request, context)
  }
}
