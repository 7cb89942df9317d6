import AccordClient
import AccordModel
import Foundation

/// Changes each request just before it is sent: dynamic authentication, signing, correlation ids.
///
/// ```swift
/// options.requestFilter = { request in request.headers["Authorization"] = ["Bearer \(try await tokens.next())"] }
/// ```
public typealias RequestFilter = @Sendable (inout PactRequest) async throws -> Void

/// Sends contract requests to the provider and reads its responses.
struct ProviderClient: Sendable {
  let baseURL: String
  let headers: [(name: String, value: String)]
  let filter: RequestFilter?
  let timeout: Duration

  init(baseURL: String, headers: [(name: String, value: String)], filter: RequestFilter?, timeout: Duration) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.headers = headers
    self.filter = filter
    self.timeout = timeout
  }

  func send(_ request: PactRequest) async throws -> (sent: PactRequest, response: PactResponse) {
    var request = request
    for header in headers { request.headers[header.name] = [header.value] }
    if let filter { try await filter(&request) }
    let path = Self.encodedPath(request.path)
    let query = request.query.isEmpty ? "" : "?" + request.query.encoded
    var outgoing = OutgoingRequest(method: request.method.uppercased(), url: baseURL + path + query)
    outgoing.headers = request.headers
    if let body = request.body, !body.isEmpty {
      outgoing.body = body.data
      if request.headers["Content-Type"] == nil, let type = body.contentType {
        outgoing.headers.add("Content-Type", type.description)
      }
    }
    let answer: ReceivedResponse
    do {
      answer = try await AccordHTTPClient.send(outgoing, peer: "the provider", timeout: timeout)
    } catch {
      if error.reason == .unreachable { throw VerifierError.unreachable(error) }
      throw error
    }
    let body = answer.body.isEmpty ? nil : Body(data: answer.body, contentType: answer.headers.contentType)
    return (request, PactResponse(status: answer.status, headers: answer.headers, body: body))
  }

  /// The path as sent: characters a URL path cannot carry as they are percent-encoded. Most paths have none, and
  /// are sent without going through Foundation's encoder.
  static func encodedPath(_ path: String) -> String {
    if path.utf8.allSatisfy(isPathByte) { return path }
    return path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
  }

  /// A byte Foundation's `.urlPathAllowed` leaves as it is: an ASCII letter or digit, or one of `!$&'()*+,-./:=@_~`.
  private static func isPathByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return Self.pathPunctuation.contains(byte)
    }
  }

  private static let pathPunctuation = Set("!$&'()*+,-./:=@_~".utf8)
}
