import AccordModel
import AccordTesting
import Foundation
import Hummingbird
import Synchronization

/// A server that webhooks call in the tests: it keeps every request and answers with the statuses it is told
/// (then 200).
final class WebhookReceiver: Sendable {
  struct Received: Sendable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
    /// The `Host` it was sent with.
    var authority: String? = nil
    var json: JSONValue { (try? JSONValue(parsing: Data(body.utf8))) ?? .null }
  }

  private let state = Mutex<(received: [Received], statuses: [Int])>(([], []))

  init(failing statuses: [Int] = []) {
    state.withLock { $0.statuses = statuses }
  }

  var received: [Received] { state.withLock { $0.received } }

  func with<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
    let router = Router()
    router.on("/{path}", method: .post) { request, _ in try await self.answer(request) }
    router.on("/{path}", method: .put) { request, _ in try await self.answer(request) }
    return try await withProvider(router, body)
  }

  private func answer(_ request: Request) async throws -> Response {
    let buffer = try await request.body.collect(upTo: 1024 * 1024)
    var headers: [String: String] = [:]
    for field in request.headers { headers[field.name.rawName] = field.value }
    let received = Received(
      method: request.method.rawValue, path: request.uri.description, headers: headers,
      body: String(buffer: buffer), authority: request.head.authority)
    let status = state.withLock { state -> Int in
      state.received.append(received)
      return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
    }
    return Response(
      status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: "{\"answered\":\(status)}")))
  }
}
