import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// How to authenticate to a broker or a contract URL.
public enum Credentials: Sendable, Hashable {
  case none
  case basic(username: String, password: String)
  case bearer(String)

  func apply(to headers: inout HTTPHeaders) {
    switch self {
    case .none: break
    case .basic(let username, let password):
      headers.replaceOrAdd(
        name: "Authorization", value: "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
    case .bearer(let token):
      headers.replaceOrAdd(name: "Authorization", value: "Bearer " + token)
    }
  }
}

/// GETs and POSTs JSON with credentials, turning failures into errors that name the URL and say what to do.
struct HTTPFetcher: Sendable {
  var credentials: Credentials = .none
  var timeout: TimeAmount = .seconds(30)
  var maximumSize = 64 * 1024 * 1024

  func get(_ url: String) async throws -> Data {
    try await send(HTTPClientRequest(url: url))
  }

  func post(_ url: String, json: Data) async throws -> Data {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(data: json))
    return try await send(request)
  }

  private func send(_ request: HTTPClientRequest) async throws -> Data {
    var request = request
    request.headers.add(name: "Accept", value: "application/hal+json, application/json")
    credentials.apply(to: &request.headers)
    let response: HTTPClientResponse
    do {
      response = try await VerifierHTTPClient.shared.execute(request, timeout: timeout)
    } catch {
      throw VerifierError.source(request.url, "cannot be reached (\(error)); check the URL and that the server runs")
    }
    let body = try await response.body.collect(upTo: maximumSize)
    let data = Data(buffer: body)
    guard (200..<300).contains(response.status.code) else {
      let hint: String
      switch response.status.code {
      case 401, 403: hint = "check the credentials (--broker-token, or --broker-username and --broker-password)"
      case 404: hint = "check the URL and the provider name"
      default: hint = "the server said: \(String(decoding: data.prefix(300), as: UTF8.self))"
      }
      throw VerifierError.source(
        request.url, "answered \(response.status.code) \(response.status.reasonPhrase); \(hint)")
    }
    return data
  }
}
