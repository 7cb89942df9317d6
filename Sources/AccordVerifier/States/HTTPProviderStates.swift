import AccordModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Provider states over HTTP, as the Pact reference verifier calls them: `POST <url>` with
/// `{"state", "params", "action": "setup" | "teardown"}`; a JSON object in the answer to setup feeds
/// `ProviderState` generators. Providers written for Pact work unchanged.
///
/// ```swift
/// HTTPProviderStates(url: "http://127.0.0.1:8080/_pact/state")
/// ```
public struct HTTPProviderStates: ProviderStateHandler {
  public var url: String
  public var headers: [(name: String, value: String)]
  public var timeout: Duration

  public init(url: String, headers: [(name: String, value: String)] = [], timeout: Duration = .seconds(30)) {
    self.url = url
    self.headers = headers
    self.timeout = timeout
  }

  public func setUp(_ state: ProviderState) async throws -> [String: JSONValue] {
    let answer = try await post(state, action: "setup")
    return answer.objectValue?.dictionary ?? [:]
  }

  public func tearDown(_ state: ProviderState) async throws {
    _ = try await post(state, action: "teardown")
  }

  private func post(_ state: ProviderState, action: String) async throws -> JSONValue {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    for header in headers { request.headers.add(name: header.name, value: header.value) }
    let body: JSONValue = [
      "state": .string(state.name), "params": .object(JSONObject(state.params)), "action": .string(action),
    ]
    request.body = .bytes(ByteBuffer(data: body.data()))
    let response: HTTPClientResponse
    do {
      response = try await VerifierHTTPClient.shared.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
    } catch {
      if ProviderClient.isConnectionFailure(error) {
        throw VerifierError.unreachable(url: url, flag: "--provider-states-url", reason: "\(error)")
      }
      throw StateError(message: "the provider-states URL \(url) failed (\(error))")
    }
    let data = Data(buffer: try await response.body.collect(upTo: 16 * 1024 * 1024))
    guard (200..<300).contains(response.status.code) else {
      throw StateError(
        message: "\(action) of provider state \"\(state.name)\" answered \(response.status.code): "
          + String(decoding: data.prefix(300), as: UTF8.self))
    }
    return (try? JSONValue(parsing: data)) ?? .null
  }
}

/// A provider state could not be set up or torn down.
public struct StateError: Error, CustomStringConvertible, Sendable {
  public var message: String

  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}

extension Duration {
  var nanoseconds: Int64 {
    components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
  }
}
