import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordClient
import AccordModel
import AccordTesting
import Foundation

/// Runs a broker in-process on a free port for the length of `body`, and calls it over HTTP.
struct BrokerAPI {
  let baseURL: String

  static func with<T: Sendable>(
    store: (any BrokerStore)? = nil, options: BrokerServer.Options = .init(),
    _ body: (BrokerAPI) async throws -> T
  ) async throws -> T {
    let store = try store ?? SQLiteBrokerStore.inMemory()
    return try await withProvider(BrokerServer(store: store, options: options).router()) { baseURL in
      try await body(BrokerAPI(baseURL: baseURL))
    }
  }

  struct Answer {
    var status: Int
    var json: JSONValue
    var text: String
    var contentType: String?
    var headers = Headers()
  }

  func call(
    _ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
    headers extra: [String: String] = [:]
  ) async throws -> Answer {
    var headers = Headers()
    // An empty content type sends a body without one.
    if body != nil, !contentType.isEmpty { headers["Content-Type"] = [contentType] }
    for (name, value) in extra { headers[name] = [value] }
    let response = try await AccordHTTPClient.send(
      OutgoingRequest(method: method, url: baseURL + path, headers: headers, body: body), peer: "the broker",
      timeout: .seconds(30))
    let json = (try? JSONValue(parsing: response.body)) ?? .null
    return Answer(
      status: response.status, json: json, text: String(decoding: response.body, as: UTF8.self),
      contentType: response.headers["Content-Type"]?.first, headers: response.headers)
  }

  func call(_ method: String, _ path: String, json: JSONValue, headers: [String: String] = [:]) async throws -> Answer {
    try await call(method, path, body: json.data(), headers: headers)
  }

  /// `POST /contracts/publish` of `pacts` for a consumer version.
  func publish(_ consumer: String, _ number: String, branch: String? = nil, _ pacts: [JSONValue]) async throws
    -> Answer
  {
    var body: JSONObject = [
      "pacticipantName": .string(consumer), "pacticipantVersionNumber": .string(number),
      "contracts": .array(
        pacts.map { pact in
          [
            "consumerName": pact["consumer"]?["name"] ?? .null, "providerName": pact["provider"]?["name"] ?? .null,
            "specification": "pact", "contentType": "application/json",
            "content": .string(pact.data().base64EncodedString()),
          ]
        }),
    ]
    if let branch { body["branch"] = .string(branch) }
    return try await call("POST", "/contracts/publish", json: .object(body))
  }
}
