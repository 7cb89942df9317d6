import HTTPTypes
import Hummingbird

/// The headers browsers need to keep the broker's pages and images safe: every answer `X-Content-Type-Options:
/// nosniff`; HTML pages a Content-Security-Policy that allows nothing but the broker's own stylesheet and images
/// (no script at all, no framing) and `Referrer-Policy: same-origin`; SVG images (badges, the graph) a policy
/// that forbids script.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  static var pagePolicy: String { "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" }
  static var imagePolicy: String { "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response = try await next(request, context)
    response.headers[.xContentTypeOptions] = "nosniff"
    // The broker writes its own content types in lower case.
    let type = response.headers[.contentType] ?? ""
    if type.hasPrefix("text/html") {
      response.headers[.contentSecurityPolicy] = Self.pagePolicy
      response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    } else if type.hasPrefix("image/svg+xml") {
      response.headers[.contentSecurityPolicy] = Self.imagePolicy
    }
    return response
  }
}
