import HTTPTypes

/// What `accord stub --cors` adds so a web app in a browser can call the stub: an answer to each preflight, and the
/// caller's origin allowed on every answer (unless the interaction's response says otherwise).
///
/// ```swift
/// CORS.preflight(request.headerFields)  // 204 with Access-Control-Allow-Origin/-Methods/-Headers
/// ```
enum CORS {
  static let methods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"

  /// The origin to allow: the request's `Origin` (with credentials then allowed), else `*`.
  static func origin(_ request: HTTPFields) -> String { request[.origin] ?? "*" }

  static func preflight(_ request: HTTPFields) -> Answer {
    var fields: HTTPFields = [
      .accessControlAllowMethods: methods,
      .accessControlAllowHeaders: request[.accessControlRequestHeaders] ?? "*",
      .accessControlMaxAge: "600",
    ]
    allowOrigin(request, in: &fields)
    return Answer(status: .noContent, headers: fields)
  }

  /// Adds `Access-Control-Allow-Origin` (and `-Credentials` for a named origin) where the answer has none.
  static func allow(_ request: HTTPFields, in answer: inout Answer) {
    guard answer.headers[.accessControlAllowOrigin] == nil else { return }
    allowOrigin(request, in: &answer.headers)
    if answer.headers[.accessControlExposeHeaders] == nil { answer.headers[.accessControlExposeHeaders] = "*" }
  }

  private static func allowOrigin(_ request: HTTPFields, in fields: inout HTTPFields) {
    let origin = origin(request)
    fields[.accessControlAllowOrigin] = origin
    if origin != "*" {
      fields[.accessControlAllowCredentials] = "true"
      fields[.vary] = "Origin"
    }
  }
}
