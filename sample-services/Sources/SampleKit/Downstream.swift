import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Another service this one calls over HTTP, with a timeout on every call.
///
/// ```swift
/// let users = Downstream(name: "user-service", baseURL: "http://127.0.0.1:8081")
/// let answer = try await users.send("GET", "/users/42")
/// ```
public struct Downstream: Sendable {
  public var name: String
  public var baseURL: String
  public var timeout: TimeAmount

  /// One client for every downstream call of the process. A refused connection fails at once rather than being
  /// tried again until the timeout (AsyncHTTPClient's default), so a service that is down trips its circuit breaker
  /// in milliseconds, not seconds.
  static let client: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(2)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()

  public init(name: String, baseURL: String, timeout: TimeAmount = .seconds(5)) {
    self.name = name
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.timeout = timeout
  }

  /// `text` as one path segment (`/` and everything not allowed in a path escaped), for an id a client chose, such
  /// as an idempotency key: `Downstream.pathSegment("a/b c")` is `"a%2Fb%20c"`.
  public static func pathSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text
  }

  /// A downstream answer: its status, headers and body.
  public struct Answer: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
      try JSONDecoder().decode(T.self, from: body)
    }
  }

  /// Sends a request; throws only when no answer came (refused, timed out).
  public func send(
    _ method: String, _ path: String, json: (any Encodable & Sendable)? = nil, headers: [(String, String)] = []
  ) async throws -> Answer {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = HTTPMethod(rawValue: method)
    request.headers.add(name: "Accept", value: "application/json")
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let json {
      let data = try JSONEncoder().encode(json)
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: data))
    }
    let response = try await Self.client.execute(request, timeout: timeout)
    let body = try await response.body.collect(upTo: 4 << 20)
    return Answer(
      status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
      body: Data(body.readableBytesView))
  }
}
