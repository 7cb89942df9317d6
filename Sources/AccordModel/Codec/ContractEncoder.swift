import Foundation

/// Writes a ``Contract`` as a Pact specification V4 file.
///
/// The output is deterministic: keys are sorted and layout is fixed, so a contract written twice is byte for byte
/// the same and diffs cleanly in git. `metadata.pactSpecification.version` is `"4.0"` and `metadata.accord.version`
/// names the Accord version.
///
/// ```swift
/// let data = ContractEncoder().encode(contract)
/// ```
public struct ContractEncoder: Sendable {
  public init() {}

  /// The contract as pretty-printed V4 JSON, ending in a newline.
  public func encode(_ contract: Contract) -> Data {
    var data = json(contract).data(.pretty)
    data.append(0x0A)
    return data
  }

  /// The contract as a V4 JSON document.
  public func json(_ contract: Contract) -> JSONValue {
    var metadata = contract.metadata
    metadata["pactSpecification"] = ["version": "4.0"]
    var accord = metadata["accord"]?.objectValue ?? JSONObject()
    accord["version"] = .string(AccordVersion.current)
    metadata["accord"] = .object(accord)

    var document = JSONObject(contract.extra)
    document["consumer"] = pacticipant(contract.consumer)
    document["provider"] = pacticipant(contract.provider)
    document["interactions"] = .array(contract.interactions.map(json))
    document["metadata"] = .object(JSONObject(metadata))
    return .object(document)
  }

  /// One interaction in V4 form.
  public func json(_ interaction: Interaction) -> JSONValue {
    var object = JSONObject(interaction.extra)
    object["type"] = .string(interaction.exchange.typeName)
    object["description"] = .string(interaction.description)
    object["pending"] = .bool(interaction.pending)
    if !interaction.providerStates.isEmpty {
      object["providerStates"] = .array(
        interaction.providerStates.map { state in
          state.params.isEmpty ? ["name": .string(state.name)] : ["name": .string(state.name), "params": .object(JSONObject(state.params))]
        })
    }
    if !interaction.comments.isEmpty { object["comments"] = .object(JSONObject(interaction.comments)) }
    if let key = interaction.key { object["key"] = .string(key) }
    switch interaction.exchange {
    case .http(let request, let response):
      object["request"] = json(request)
      object["response"] = json(response)
    case .asynchronousMessage(let message):
      for member in messageMembers(message) { object[member.key] = member.value }
    case .synchronousMessages(let request, let responses):
      object["request"] = .object(messageMembers(request))
      object["response"] = .array(responses.map { .object(messageMembers($0)) })
    }
    return .object(object)
  }

  func json(_ request: HTTPRequest) -> JSONValue {
    var object = JSONObject(request.extra)
    object["method"] = .string(request.method.uppercased())
    object["path"] = .string(request.path)
    let parameters = request.query.parameters
    if !parameters.isEmpty {
      object["query"] = .object(
        JSONObject(
          Dictionary(parameters.map { ($0.name, JSONValue.array($0.values.map(JSONValue.string))) }, uniquingKeysWith: { first, _ in first })))
    }
    if !request.headers.isEmpty { object["headers"] = json(request.headers) }
    if let body = request.body { object["body"] = json(body, fallbackType: request.headers.contentType) }
    if !request.matchingRules.isEmpty { object["matchingRules"] = json(request.matchingRules) }
    if !request.generators.isEmpty { object["generators"] = json(request.generators) }
    return .object(object)
  }

  func json(_ response: HTTPResponse) -> JSONValue {
    var object = JSONObject(response.extra)
    object["status"] = .int(response.status)
    if !response.headers.isEmpty { object["headers"] = json(response.headers) }
    if let body = response.body { object["body"] = json(body, fallbackType: response.headers.contentType) }
    if !response.matchingRules.isEmpty { object["matchingRules"] = json(response.matchingRules) }
    if !response.generators.isEmpty { object["generators"] = json(response.generators) }
    return .object(object)
  }

  private func messageMembers(_ message: Message) -> JSONObject {
    var object = JSONObject(message.extra)
    if let contents = message.contents { object["contents"] = json(contents, fallbackType: message.contentType) }
    if !message.metadata.isEmpty { object["metadata"] = .object(JSONObject(message.metadata)) }
    if !message.matchingRules.isEmpty { object["matchingRules"] = json(message.matchingRules) }
    if !message.generators.isEmpty { object["generators"] = json(message.generators) }
    return object
  }

  private func pacticipant(_ pacticipant: Pacticipant) -> JSONValue {
    var object = JSONObject(pacticipant.extra)
    object["name"] = .string(pacticipant.name)
    return .object(object)
  }

  private func json(_ headers: Headers) -> JSONValue {
    .object(
      JSONObject(
        Dictionary(headers.fields.map { ($0.name, JSONValue.array($0.values.map(JSONValue.string))) }, uniquingKeysWith: { first, _ in first })))
  }

  /// A body as `{"content", "contentType", "encoded"}`: JSON embedded, text as a string, anything else base64.
  func json(_ body: Body, fallbackType: ContentType?) -> JSONValue {
    let contentType = body.contentType ?? fallbackType ?? ContentTypeDetector.detect(body.data)
    var object: JSONObject = ["contentType": .string(contentType.description)]
    if let hint = body.contentTypeHint { object["contentTypeHint"] = .string(hint) }
    let text = String(data: body.data, encoding: .utf8)
    if body.data.isEmpty {
      object["content"] = ""
      object["encoded"] = false
    } else if contentType.isJSON, body.contentTypeHint != "BINARY", let document = try? JSONValue(parsing: body.data) {
      if case .string = document {
        // A bare JSON string would read back as raw text; keep it as JSON text.
        object["content"] = .string(text ?? document.serialized())
        object["encoded"] = "JSON"
      } else {
        object["content"] = document
        object["encoded"] = false
      }
    } else if let text, body.contentTypeHint == "TEXT" || (body.contentTypeHint != "BINARY" && contentType.isText) {
      object["content"] = .string(text)
      object["encoded"] = false
    } else {
      object["content"] = .string(body.data.base64EncodedString())
      object["encoded"] = "base64"
    }
    return .object(object)
  }
}
