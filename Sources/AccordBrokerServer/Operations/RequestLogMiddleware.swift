import AccordModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Times and logs every request (method, route, status, milliseconds) under a request id, records its latency in
/// ``BrokerMetrics``, and answers with the id in `X-Request-Id`: a client's own id (up to 64 letters, digits, `-`, `_`
/// or `.`) is kept, so one id follows a call through the load balancer, the broker's log and the client's report.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
  let metrics: BrokerMetrics
  static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var context = context
    let given = request.headers[Self.header]
    let id = given.flatMap { Self.isPlain($0) ? $0 : nil } ?? context.id
    context.logger[metadataKey: "request_id"] = .string(id)
    let clock = ContinuousClock()
    let start = clock.now
    var status = 500
    defer {
      let duration = clock.now - start
      let route = context.endpointPath ?? "unmatched"
      metrics.request(method: request.method.rawValue, route: route, status: status, duration: duration)
      let milliseconds = duration.inMilliseconds
      context.logger.log(
        level: status >= 500 ? .error : .info, "request",
        metadata: [
          "method": .string(request.method.rawValue), "route": .string(route),
          "path": .string(PrintSafe.escaped(String(request.uri.path.prefix(300)))),
          "status": .stringConvertible(status),
          "duration_ms": .stringConvertible((milliseconds * 100).rounded() / 100),
        ])
    }
    var response = try await next(request, context)
    status = response.status.code
    response.headers[Self.header] = id
    return response
  }

  static func isPlain(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 64
      && text.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
      }
  }
}
