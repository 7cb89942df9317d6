import HTTPTypes
import Hummingbird

/// What `accord stub --cors` adds so a web app in a browser can call the stub: an answer to each preflight, and the
/// caller's origin allowed on every response (unless the interaction's response says otherwise).
///
/// ```swift
/// CORS.preflight(request)  // 204 with Access-Control-Allow-Origin/-Methods/-Headers
/// ```
enum CORS {
  static let methods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"

  /// The origin to allow: the request's `Origin` (with credentials then allowed), else `*`.
  static func origin(_ request: Request) -> String { request.headers[.origin] ?? "*" }

  static func preflight(_ request: Request) -> Response {
    var fields: HTTPFields = [
      .accessControlAllowMethods: methods,
      .accessControlAllowHeaders: request.headers[.accessControlRequestHeaders] ?? "*",
      .accessControlMaxAge: "600",
    ]
    allowOrigin(request, in: &fields)
    return Response(status: .noContent, headers: fields)
  }

  /// Adds `Access-Control-Allow-Origin` (and `-Credentials` for a named origin) where the response has none.
  static func allow(_ request: Request, in response: inout Response) {
    guard response.headers[.accessControlAllowOrigin] == nil else { return }
    allowOrigin(request, in: &response.headers)
    if response.headers[.accessControlExposeHeaders] == nil { response.headers[.accessControlExposeHeaders] = "*" }
  }

  private static func allowOrigin(_ request: Request, in fields: inout HTTPFields) {
    let origin = origin(request)
    fields[.accessControlAllowOrigin] = origin
    if origin != "*" {
      fields[.accessControlAllowCredentials] = "true"
      fields[.vary] = "Origin"
    }
  }
}
