import AccordClient
import AccordModel
import Foundation

/// Messages over HTTP, as the Pact reference verifier asks for them: `POST <url>` with
/// `{"description", "providerStates"}`; the answer's body is the message, its `Content-Type` the content type, and
/// a base64 JSON `Pact-Message-Metadata` header its metadata.
///
/// ```swift
/// HTTPMessageProducer(url: "http://127.0.0.1:8080/_pact/message")
/// ```
public struct HTTPMessageProducer: MessageProducer {
  public var url: String
  public var headers: [(name: String, value: String)]
  public var timeout: Duration

  public init(url: String, headers: [(name: String, value: String)] = [], timeout: Duration = .seconds(30)) {
    self.url = url
    self.headers = headers
    self.timeout = timeout
  }

  public func message(for description: String, states: [ProviderState]) async throws -> Message {
    let body: JSONValue = [
      "description": .string(description),
      "providerStates": .array(states.map { ["name": .string($0.name), "params": .object(JSONObject($0.params))] }),
    ]
    let answer = try await JSONPost.send(body, to: url, headers: headers, timeout: timeout, peer: "the messages URL")
    let data = answer.body
    guard (200..<300).contains(answer.status) else {
      throw ProducerError(
        message: "the messages URL answered \(answer.status) for \"\(description)\": "
          + PrintSafe.escaped(answer.bodyExcerpt()))
    }
    var metadata: [String: JSONValue] = [:]
    if let encoded = answer.headers.first("Pact-Message-Metadata") {
      guard let decoded = Data(base64Encoded: encoded), case .object(let object)? = try? JSONValue(parsing: decoded)
      else {
        throw ProducerError(message: "the Pact-Message-Metadata header is not base64-encoded JSON: \(encoded)")
      }
      metadata = object.dictionary
    }
    let contentType = answer.headers.first("Content-Type").flatMap(ContentType.init)
    // A message's content type travels as the response's Content-Type, not in the metadata header.
    if let contentType,
      !metadata.keys.contains(where: { $0.lowercased() == "contenttype" || $0.lowercased() == "content-type" })
    {
      metadata["contentType"] = .string(contentType.description)
    }
    return Message(contents: Body(data: data, contentType: contentType), metadata: metadata)
  }

  public func responses(to request: Message, description: String, states: [ProviderState]) async throws -> [Message] {
    throw ProducerError(
      message: "synchronous messages cannot be asked for over HTTP; verify them from Swift with MessageProducers")
  }
}
