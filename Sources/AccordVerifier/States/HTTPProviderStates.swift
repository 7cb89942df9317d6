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
  /// Send the state, action and parameters as query parameters of an empty POST instead of a JSON body (`pact
  /// verifier --state-change-as-query`): `?state=a+user+exists&action=setup&id=42`.
  public var asQuery: Bool

  public init(
    url: String, headers: [(name: String, value: String)] = [], timeout: Duration = .seconds(30),
    asQuery: Bool = false
  ) {
    self.url = url
    self.headers = headers
    self.timeout = timeout
    self.asQuery = asQuery
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
    let answer =
      asQuery
      ? try await JSONPost.send(
        nil, to: Self.url(url, query: state, action: action), headers: headers, timeout: timeout,
        peer: "the provider-states URL")
      : try await JSONPost.send(body, to: url, headers: headers, timeout: timeout, peer: "the provider-states URL")
    let data = answer.body
    guard (200..<300).contains(answer.status) else {
      throw StateError(
        message: "\(action) of provider state \"\(state.name)\" answered \(answer.status): "
          + PrintSafe.escaped(answer.bodyExcerpt()))
    }
    return (try? JSONValue(parsing: data)) ?? .null
  }

  /// `base` with the state, the action and each parameter (strings as they are, other values as JSON) added to its
  /// query, percent-encoded.
  static func url(_ base: String, query state: ProviderState, action: String) -> String {
    var items = [("state", state.name), ("action", action)]
    for (name, value) in state.params.sorted(by: { $0.key < $1.key }) {
      items.append((name, value.stringValue ?? value.description))
    }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
    let query = items.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    return base + (base.contains("?") ? "&" : "?") + query
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
