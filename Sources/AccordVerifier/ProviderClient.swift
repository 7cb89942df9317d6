import AccordModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

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

  /// The provider did not answer within the timeout.
  struct TimedOut: Error {}

  func send(_ request: PactRequest) async throws -> (
    sent: PactRequest, response: PactResponse
  ) {
    var request = request
    for header in headers { request.headers[header.name] = [header.value] }
    if let filter { try await filter(&request) }
    let path = request.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? request.path
    let query = request.query.isEmpty ? "" : "?" + request.query.encoded
    var outgoing = HTTPClientRequest(url: baseURL + path + query)
    outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
    for field in request.headers.fields {
      for value in field.values { outgoing.headers.add(name: field.name, value: value) }
    }
    if let body = request.body, !body.isEmpty {
      outgoing.body = .bytes(ByteBuffer(data: body.data))
      if request.headers["Content-Type"] == nil, let type = body.contentType {
        outgoing.headers.add(name: "Content-Type", value: type.description)
      }
    }
    let response: HTTPClientResponse
    do {
      response = try await VerifierHTTPClient.shared.execute(outgoing, timeout: .nanoseconds(timeout.nanoseconds))
    } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
      throw TimedOut()
    } catch {
      if Self.isConnectionFailure(error) {
        throw VerifierError.unreachable(url: baseURL, flag: "--provider-base-url", reason: "\(error)")
      }
      throw error
    }
    let data = Data(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024))
    var responseHeaders = Headers()
    for header in response.headers { responseHeaders.add(header.name, header.value) }
    let body = data.isEmpty ? nil : Body(data: data, contentType: responseHeaders.contentType)
    return (request, PactResponse(status: Int(response.status.code), headers: responseHeaders, body: body))
  }

  /// Whether an error means there is nothing listening (refused, unresolvable, connect timeout).
  static func isConnectionFailure(_ error: any Error) -> Bool {
    if let clientError = error as? HTTPClientError, clientError == .connectTimeout { return true }
    let text = String(describing: error).lowercased()
    return text.contains("connection refused") || text.contains("connectionrefused") || text.contains("econnrefused")
      || text.contains("connect timeout") || text.contains("nodename nor servname") || text.contains("name resolution")
  }
}
