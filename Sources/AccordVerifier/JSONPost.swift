import AccordClient
import AccordModel

/// POSTs JSON to a URL the user gave (a provider-states or messages URL). Nothing listening stops the run with
/// ``VerifierError/unreachable(_:)``; any other failure is the interaction's.
enum JSONPost {
  /// POSTs `body` as JSON, or nothing when it is `nil`.
  static func send(
    _ body: JSONValue?, to url: String, headers: [(name: String, value: String)], timeout: Duration, peer: String
  ) async throws -> ReceivedResponse {
    var request = OutgoingRequest(method: "POST", url: url, body: body?.data())
    if body != nil { request.headers.add("Content-Type", "application/json") }
    for header in headers { request.headers.add(header.name, header.value) }
    do {
      return try await AccordHTTPClient.send(request, peer: peer, timeout: timeout)
    } catch {
      if error.reason == .unreachable { throw VerifierError.unreachable(error) }
      throw error
    }
  }
}
