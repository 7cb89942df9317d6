import AccordModel
import Foundation

/// Calls a Pact Broker (or any HAL JSON API): JSON in and out, credentials on every call, links followed by
/// relation name, and every failure a ``ClientError`` that names the URL and says what to check.
///
/// ```swift
/// let broker = HALClient(baseURL: "http://127.0.0.1:9292", credentials: .bearer(token))
/// let index = try await broker.get(broker.baseURL + "/")
/// let url = try broker.link("pb:latest-provider-pacts", in: index, url: broker.baseURL, ["provider": "Users"])
/// ```
public struct HALClient: Sendable {
  public var baseURL: String
  public var credentials: Credentials
  public var timeout: Duration
  public var maximumSize: Int

  public init(
    baseURL: String, credentials: Credentials = .none, timeout: Duration = .seconds(30),
    maximumSize: Int = AccordHTTPClient.defaultMaximumSize
  ) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.credentials = credentials
    self.timeout = timeout
    self.maximumSize = maximumSize
  }

  /// GETs a document's bytes.
  public func getData(_ url: String) async throws(ClientError) -> Data {
    try await send("GET", url, body: nil).body
  }

  /// GETs and parses a JSON document.
  public func get(_ url: String) async throws(ClientError) -> JSONValue {
    try parse(try await send("GET", url, body: nil), url: url)
  }

  /// POSTs (or PUTs, PATCHes) a JSON document and parses the answer; an empty answer is `null`.
  public func send(_ method: String, _ url: String, json: JSONValue) async throws(ClientError) -> JSONValue {
    try parse(try await send(method, url, body: json.data()), url: url)
  }

  /// The `href` of a relation in a HAL document, with `{name}` template variables filled in (percent-encoded), made
  /// absolute against `baseURL`.
  public func link(_ relation: String, in document: JSONValue, url: String, _ variables: [String: String] = [:])
    throws(ClientError) -> String
  {
    guard let href = document["_links"]?[relation]?["href"]?.stringValue else {
      throw .invalidAnswer(url: url, message: "the answer has no \"\(relation)\" link; is this a Pact Broker?")
    }
    var expanded = href
    for (name, value) in variables {
      let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value
      expanded = expanded.replacingOccurrences(of: "{\(name)}", with: encoded)
    }
    return expanded.hasPrefix("/") ? baseURL + expanded : expanded
  }

  private func send(_ method: String, _ url: String, body: Data?) async throws(ClientError) -> ReceivedResponse {
    var headers: Headers = ["Accept": "application/hal+json, application/json"]
    if body != nil { headers["Content-Type"] = ["application/json"] }
    credentials.apply(to: &headers)
    let response: ReceivedResponse
    do {
      response = try await AccordHTTPClient.send(
        OutgoingRequest(method: method, url: url, headers: headers, body: body), peer: "the broker", timeout: timeout,
        maximumSize: maximumSize)
    } catch {
      throw .call(error)
    }
    guard (200..<300).contains(response.status) else {
      let hint: String
      switch response.status {
      case 401, 403: hint = "check the broker credentials (a token, or a username and password)"
      case 404: hint = "check the URL and the names in it"
      default: hint = Self.serverMessage(response)
      }
      throw .status(url: url, status: response.status, message: hint)
    }
    return response
  }

  /// What the server said went wrong: the message of a Pact Broker JSON error (`error.message`, `errors`), else the
  /// start of the body.
  static func serverMessage(_ response: ReceivedResponse) -> String {
    if let json = try? JSONValue(parsing: response.body) {
      if let message = json["error"]?["message"]?.stringValue {
        let diff = json["error"]?["diff"]?.stringValue.map { "\n" + $0 } ?? ""
        return PrintSafe.escaped(message) + PrintSafe.escaped(diff).replacingOccurrences(of: "\\n", with: "\n")
      }
      if let errors = json["errors"]?.arrayValue {
        return errors.map { PrintSafe.escaped($0.stringValue ?? $0.serialized()) }.joined(separator: "; ")
      }
      if case .object(let fields) = json["errors"] {
        return fields.map { "\($0.key): \(PrintSafe.escaped($0.value.plainText))" }.joined(separator: "; ")
      }
    }
    return "the server said: " + PrintSafe.escaped(response.bodyExcerpt())
  }

  private func parse(_ response: ReceivedResponse, url: String) throws(ClientError) -> JSONValue {
    if response.body.isEmpty { return .null }
    do {
      return try JSONValue(parsing: response.body)
    } catch {
      throw .invalidAnswer(url: url, message: "the answer is not JSON (\(error))")
    }
  }
}
