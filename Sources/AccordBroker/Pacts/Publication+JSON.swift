import AccordModel
import Foundation

extension Publication {
  /// A `POST /contracts/publish` body, as `pact-broker publish` sends it: the consumer version, its branch, tags
  /// and build URL, and each contract base64-encoded. Every mistake names its JSON path and says what to send.
  ///
  /// ```swift
  /// let publication = try Publication(publishing: body)
  /// let published = try await PublishContracts(store: store, webhooks: store)(publication, pactURL: url)
  /// ```
  public init(publishing body: JSONValue) throws(BrokerError) {
    guard case .object = body else { throw .invalid("the body must be a JSON object") }
    guard let consumer = try body.string("pacticipantName", path: "$") else {
      throw .invalid("$.pacticipantName is missing; give the consumer's name")
    }
    guard let number = try body.string("pacticipantVersionNumber", path: "$") else {
      throw .invalid("$.pacticipantVersionNumber is missing; give the consumer version (e.g. a commit)")
    }
    try Names.check(consumer, what: "$.pacticipantName")
    try Names.check(number, what: "$.pacticipantVersionNumber")
    let branch = try body.string("branch", path: "$")
    let buildURL = try body.string("buildUrl", path: "$")
    var tags: [String] = []
    if let value = body["tags"], !value.isNull {
      guard let items = value.arrayValue else { throw .invalid("$.tags must be an array of strings") }
      for (index, item) in items.enumerated() {
        guard let tag = item.stringValue else { throw .invalid("$.tags[\(index)] must be a string") }
        tags.append(tag)
      }
    }
    guard let items = body["contracts"]?.arrayValue, !items.isEmpty else {
      throw .invalid("$.contracts must be a non-empty array of contracts to publish")
    }
    var contents: [PactContent] = []
    for (index, item) in items.enumerated() {
      contents.append(try Self.contract(item, path: "$.contracts[\(index)]", consumer: consumer))
    }
    self.init(
      version: VersionChange(pacticipant: consumer, number: number, branch: branch, tags: tags, buildURL: buildURL),
      contracts: contents)
  }

  /// One item of `$.contracts`: a Pact contract of `consumer`, base64-encoded JSON.
  static func contract(_ item: JSONValue, path: String, consumer: String) throws(BrokerError) -> PactContent {
    let specification = try item.string("specification", path: path) ?? "pact"
    guard specification.lowercased() == "pact" else {
      throw .invalid("\(path).specification is \(PrintSafe.quoted(specification)); this broker stores Pact contracts")
    }
    if let type = try item.string("contentType", path: path), !type.lowercased().contains("json") {
      throw .invalid("\(path).contentType is \(PrintSafe.quoted(type)); a pact is application/json")
    }
    guard let encoded = try item.string("content", path: path) else {
      throw .invalid("\(path).content is missing; give the pact file, base64-encoded")
    }
    guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
      throw .invalid("\(path).content is not base64; encode the pact file's bytes")
    }
    let json: JSONValue
    do {
      json = try JSONValue(parsing: data)
    } catch {
      throw .invalid("\(path).content is not a JSON document once decoded: \(error)")
    }
    let content = try PactContent(json: json, path: "\(path).content")
    if let named = try item.string("consumerName", path: path), named != content.consumer {
      throw .invalid(
        "\(path).consumerName is \(PrintSafe.quoted(named)) but the pact's consumer is "
          + "\(PrintSafe.quoted(content.consumer)); they must agree")
    }
    if let named = try item.string("providerName", path: path), named != content.provider {
      throw .invalid(
        "\(path).providerName is \(PrintSafe.quoted(named)) but the pact's provider is "
          + "\(PrintSafe.quoted(content.provider)); they must agree")
    }
    guard content.consumer == consumer else {
      throw .invalid(
        "\(path) is a pact of \(PrintSafe.quoted(content.consumer)), not of $.pacticipantName "
          + "\(PrintSafe.quoted(consumer)); publish each consumer's pacts under its own name")
    }
    return content
  }
}
