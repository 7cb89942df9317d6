import HTTPTypes
import Hummingbird

/// The headers browsers need to keep the broker's pages and images safe: every answer `X-Content-Type-Options:
/// nosniff`; HTML pages a Content-Security-Policy that allows nothing but the broker's own files (its stylesheet,
/// images and the graph's zoom script; nothing inline, no framing) and `Referrer-Policy: same-origin`; SVG images
/// (badges, the graph) a policy that forbids script.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  static var pagePolicy: String { "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" }
  static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
  static var imagePolicy: String { "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response = try await next(request, context)
    // Appended, not set: no route writes these, and appending skips a search of the fields.
    response.headers.append(HTTPField(name: .xContentTypeOptions, value: "nosniff"))
    // The broker writes its own content types in lower case.
    guard let type = response.headers[.contentType] else { return response }
    if type.hasPrefix("text/html") {
      response.headers.append(HTTPField(name: .contentSecurityPolicy, value: Self.pagePolicy))
      response.headers.append(HTTPField(name: Self.referrerPolicy, value: "same-origin"))
    } else if type.hasPrefix("image/svg+xml") {
      response.headers.append(HTTPField(name: .contentSecurityPolicy, value: Self.imagePolicy))
    }
    return response
  }
}
