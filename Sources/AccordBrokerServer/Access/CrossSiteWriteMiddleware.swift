import AccordModel
import HTTPTypes
import Hummingbird

/// Refuses writes a web page on another site could make a logged-in browser send (CSRF):
///
/// - a write whose body is not JSON (`application/json`, `application/hal+json`, `application/merge-patch+json`)
///   is a 415, as the Pact Broker answers: an HTML form can only send `text/plain`, form or multipart bodies, and a
///   page's script needs the broker's consent (a CORS preflight it never gives) to send JSON;
/// - a write from another origin (an `Origin` that is not the broker's own, or `Sec-Fetch-Site: cross-site` or
///   `same-site`) is a 403, bodiless ones too (`DELETE`, `POST /webhooks/{uuid}/execute`).
///
/// Clients that are not browsers (the Pact clients, `accord`, curl) send neither header and JSON bodies, so they
/// are unaffected. A read (`GET`, `HEAD`, `OPTIONS`) is never refused here.
///
/// ```swift
/// router.add(middleware: CrossSiteWriteMiddleware(ownOrigin: { request in server.urls(request).base }))
/// ```
struct CrossSiteWriteMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The broker's own origin as the request reached it: the public URL, or the scheme and `Host`.
  let ownOrigin: @Sendable (Request) -> String

  static var jsonTypes: Set<String> { ["application/json", "application/hal+json", "application/merge-patch+json"] }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    switch request.method {
    case .get, .head, .options: return try await next(request, context)
    default: break
    }
    let what = "\(request.method) \(PrintSafe.escaped(request.uri.path))"
    if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(),
      site == "cross-site" || site == "same-site"
    {
      throw APIError(
        .forbidden,
        "\(what) came from a page on another site (Sec-Fetch-Site: \(PrintSafe.escaped(site))); the broker takes "
          + "writes only from its own pages and from clients such as accord and the Pact tools")
    }
    if let origin = request.headers[.origin] {
      let own = Self.normalized(ownOrigin(request))
      if Self.normalized(origin) != own {
        throw APIError(
          .forbidden,
          "\(what) came from the origin \(PrintSafe.quoted(origin)), not the broker's own (\(own)); the broker "
            + "takes writes only from its own pages and from clients that send no Origin (accord, the Pact tools). "
            + "Behind a proxy, start the broker with --public-url set to the URL people open")
      }
    }
    if Self.hasBody(request) {
      let type = request.headers[.contentType].map(Self.mediaType)
      guard let type, Self.jsonTypes.contains(type) else {
        throw APIError(
          .unsupportedMediaType,
          "\(what) needs a JSON body with Content-Type: application/json (or application/hal+json, "
            + "application/merge-patch+json); it was sent "
            + (request.headers[.contentType].map { PrintSafe.quoted($0) } ?? "without a Content-Type"))
      }
    }
    return try await next(request, context)
  }

  /// Whether the request has a body: a non-zero `Content-Length`, or a chunked one.
  static func hasBody(_ request: Request) -> Bool {
    if let length = request.headers[.contentLength] { return length.trimmingCharacters(in: .whitespaces) != "0" }
    return request.headers[.transferEncoding] != nil
  }

  /// `application/json; charset=utf-8` → `application/json`.
  static func mediaType(_ contentType: String) -> String {
    String(contentType.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
      .lowercased()
  }

  /// `scheme://host[:port]` in lower case, without a default port or a trailing slash or path.
  static func normalized(_ origin: String) -> String {
    var text = origin.trimmingCharacters(in: .whitespaces).lowercased()
    guard let schemeEnd = text.range(of: "://") else { return text }
    let scheme = String(text[..<schemeEnd.lowerBound])
    text = String(text[schemeEnd.upperBound...])
    if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
    if scheme == "http", text.hasSuffix(":80") { text.removeLast(3) }
    if scheme == "https", text.hasSuffix(":443") { text.removeLast(4) }
    return scheme + "://" + text
  }
}
