import AccordClient
import AccordModel
import Foundation

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

  /// True: like the Pact verifiers, interactions without states call the URL with the state `""` too.
  public var setsUpStatelessInteractions: Bool { true }

  public func setUp(_ state: ProviderState) async throws -> [String: JSONValue] {
    let answer = try await post(state, action: "setup")
    return answer.objectValue?.dictionary ?? [:]
  }

  public func tearDown(_ state: ProviderState) async throws {
    _ = try await post(state, action: "teardown")
  }

  private func post(_ state: ProviderState, action: String) async throws -> JSONValue {
    let body: JSONValue = [
      "state": .string(state.name), "params": .object(JSONObject(state.params)), "action": .string(action),
    ]
    let answer = try await JSONPost.send(
      body, to: url, headers: headers, timeout: timeout, peer: "the provider-states URL")
    let data = answer.body
    guard (200..<300).contains(answer.status) else {
      throw StateError(
        message: "\(action) of provider state \"\(state.name)\" answered \(answer.status): "
          + PrintSafe.escaped(answer.bodyExcerpt()))
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
