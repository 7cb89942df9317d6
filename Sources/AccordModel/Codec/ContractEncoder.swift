import Foundation

/// Writes a ``Contract`` as a Pact specification V4 file.
///
/// The output is deterministic: keys are sorted and layout is fixed, so a contract written twice is byte for byte
/// the same and diffs cleanly in git. `metadata.pactSpecification.version` is `"4.0"` and `metadata.accord.version`
/// names the Accord version. The file is written straight from the model, without an intermediate JSON tree.
///
/// ```swift
/// let data = ContractEncoder().encode(contract)
/// ```
public struct ContractEncoder: Sendable {
  /// How a long contract may be split over threads; ``Parallelism/none`` (the default) starts none.
  public var parallelism: Parallelism

  public init(parallelism: Parallelism = .none) {
    self.parallelism = parallelism
  }

  /// The contract as pretty-printed V4 JSON, ending in a newline.
  public func encode(_ contract: Contract) -> Data {
    var writer = JSONWriter(pretty: true, capacity: 1024 + contract.interactions.count * 4096)
    write(contract, &writer)
    writer.output.append(0x0A)
    return Data(writer.output)
  }

  /// The contract as a V4 JSON document.
  public func json(_ contract: Contract) -> JSONValue {
    var writer = JSONWriter(pretty: false)
    write(contract, &writer)
    return try! JSONValue(parsing: Data(writer.output))
  }

  /// One interaction in V4 form.
  public func json(_ interaction: Interaction) -> JSONValue {
    try! JSONValue(parsing: compactData(interaction))
  }

  /// One interaction as compact V4 JSON bytes: stable, so equal interactions give equal bytes.
  public func compactData(_ interaction: Interaction) -> Data {
    var writer = JSONWriter(pretty: false)
    write(interaction, &writer)
    return Data(writer.output)
  }

  private func write(_ contract: Contract, _ writer: inout JSONWriter) {
    var metadata = contract.metadata
    metadata["pactSpecification"] = ["version": "4.0"]
    var accord = metadata["accord"]?.objectValue ?? JSONObject()
    accord["version"] = .string(AccordVersion.current)
    metadata["accord"] = .object(accord)

    var object = ObjectWriter(&writer, extras: contract.extra)
    object.field("consumer", &writer) { pacticipant(contract.consumer, &$0) }
    object.field("interactions", &writer) { writer in
      writer.beginArray()
      // A long list may be written in parts, joined in order.
      let start = writer
      let runs = Parts.map(contract.interactions.count, minimumPerPart: 100, parallelism) { range in
        var run = start.forked(afterOthers: range.lowerBound > 0)
        run.output.reserveCapacity(range.count * 4096)
        for position in range {
          run.element()
          write(contract.interactions[position], &run)
        }
        return run
      }
      for run in runs { writer.append(run) }
      writer.endArray()
    }
    object.field("metadata", &writer, value: .object(JSONObject(metadata)))
    object.field("provider", &writer) { pacticipant(contract.provider, &$0) }
    object.finish(&writer)
  }

  private func pacticipant(_ pacticipant: ContractParty, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer, extras: pacticipant.extra)
    object.field("name", &writer, string: pacticipant.name)
    object.finish(&writer)
  }

  private func write(_ interaction: Interaction, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer, extras: interaction.extra)
    if !interaction.comments.isEmpty {
      object.field("comments", &writer, value: .object(JSONObject(interaction.comments)))
    }
    var message: Message?
    if case .asynchronousMessage(let published) = interaction.exchange {
      message = published
      if let contents = published.contents {
        object.field("contents", &writer) { body(contents, fallbackType: published.contentType, &$0) }
      }
    }
    object.field("description", &writer, string: interaction.description)
    if let message, !message.generators.isEmpty {
      object.field("generators", &writer) { generators(message.generators, &$0) }
    }
    if let key = interaction.key { object.field("key", &writer, string: key) }
    if let message, !message.matchingRules.isEmpty {
      object.field("matchingRules", &writer) { matchingRules(message.matchingRules, &$0) }
    }
    if let message, !message.metadata.isEmpty {
      object.field("metadata", &writer, value: .object(JSONObject(message.metadata)))
    }
    object.field("pending", &writer) { $0.bool(interaction.pending) }
    if !interaction.providerStates.isEmpty {
      object.field("providerStates", &writer) { writer in
        writer.beginArray()
        for state in interaction.providerStates {
          writer.element()
          var stateObject = ObjectWriter(&writer)
          stateObject.field("name", &writer, string: state.name)
          if !state.params.isEmpty { stateObject.field("params", &writer, value: .object(JSONObject(state.params))) }
          stateObject.finish(&writer)
        }
        writer.endArray()
      }
    }
    switch interaction.exchange {
    case .http(let request, let response):
      object.field("request", &writer) { write(request, &$0) }
      object.field("response", &writer) { write(response, &$0) }
    case .synchronousMessages(let request, let responses):
      object.field("request", &writer) { write(request, &$0) }
      object.field("response", &writer) { writer in
        writer.beginArray()
        for response in responses {
          writer.element()
          write(response, &writer)
        }
        writer.endArray()
      }
    case .asynchronousMessage:
      break
    }
    object.field("type", &writer, string: interaction.exchange.typeName)
    object.finish(&writer)
  }

  private func write(_ request: PactRequest, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer, extras: request.extra)
    httpParts(request.body, request.generators, request.headers, request.matchingRules, &object, &writer)
    object.field("method", &writer, string: request.method.uppercased())
    object.field("path", &writer, string: request.path)
    let parameters = request.query.parameters
    if !parameters.isEmpty {
      object.field("query", &writer) { writer in
        var query = ObjectWriter(&writer)
        for parameter in parameters.sorted(by: { utf8Ordered($0.name, $1.name) }) {
          query.field(parameter.name, &writer) { stringArray(parameter.values, &$0) }
        }
        query.finish(&writer)
      }
    }
    object.finish(&writer)
  }

  private func write(_ response: PactResponse, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer, extras: response.extra)
    httpParts(response.body, response.generators, response.headers, response.matchingRules, &object, &writer)
    object.field("status", &writer) { $0.integer(response.status) }
    object.finish(&writer)
  }

  /// The members requests and responses share, which sort before their own (`method`, `path`, `status`).
  // swift-format-ignore: FunctionParameterCount
  private func httpParts(
    _ httpBody: Body?, _ httpGenerators: Generators, _ httpHeaders: Headers, _ rules: MatchingRules,
    _ object: inout ObjectWriter, _ writer: inout JSONWriter
  ) {
    if let httpBody { object.field("body", &writer) { body(httpBody, fallbackType: httpHeaders.contentType, &$0) } }
    if !httpGenerators.isEmpty { object.field("generators", &writer) { generators(httpGenerators, &$0) } }
    if !httpHeaders.isEmpty { object.field("headers", &writer) { headers(httpHeaders, &$0) } }
    if !rules.isEmpty { object.field("matchingRules", &writer) { matchingRules(rules, &$0) } }
  }

  /// A request or response message of a synchronous message interaction.
  private func write(_ message: Message, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer, extras: message.extra)
    if let contents = message.contents {
      object.field("contents", &writer) { body(contents, fallbackType: message.contentType, &$0) }
    }
    if !message.generators.isEmpty { object.field("generators", &writer) { generators(message.generators, &$0) } }
    if !message.matchingRules.isEmpty {
      object.field("matchingRules", &writer) { matchingRules(message.matchingRules, &$0) }
    }
    if !message.metadata.isEmpty { object.field("metadata", &writer, value: .object(JSONObject(message.metadata))) }
    object.finish(&writer)
  }

  private func headers(_ headers: Headers, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer)
    for field in headers.fields.sorted(by: { utf8Ordered($0.name, $1.name) }) {
      object.field(field.name, &writer) { stringArray(field.values, &$0) }
    }
    object.finish(&writer)
  }

  private func stringArray(_ values: [String], _ writer: inout JSONWriter) {
    writer.beginArray()
    for value in values {
      writer.element()
      writer.string(value)
    }
    writer.endArray()
  }

  /// A body as `{"content", "contentType", "encoded"}`: JSON embedded, text as a string, anything else base64.
  private func body(_ body: Body, fallbackType: ContentType?, _ writer: inout JSONWriter) {
    let contentType = body.contentType ?? fallbackType ?? ContentTypeDetector.detect(body.data)
    var object = ObjectWriter(&writer)
    let text = String(validating: body.data, as: UTF8.self)
    let encoded: JSONValue
    if body.data.isEmpty {
      object.field("content", &writer, string: "")
      encoded = false
    } else if contentType.isJSON, body.contentTypeHint != "BINARY", let document = body.json {
      if case .string = document {
        // A bare JSON string would read back as raw text; keep it as JSON text.
        object.field("content", &writer, string: text ?? document.serialized())
        encoded = "JSON"
      } else {
        object.field("content", &writer, value: document)
        encoded = false
      }
    } else if let text, body.contentTypeHint == "TEXT" || (body.contentTypeHint != "BINARY" && contentType.isText) {
      object.field("content", &writer, string: text)
      encoded = false
    } else {
      object.field("content", &writer, string: body.data.base64EncodedString())
      encoded = "base64"
    }
    object.field("contentType", &writer, string: contentType.description)
    if let hint = body.contentTypeHint { object.field("contentTypeHint", &writer, string: hint) }
    object.field("encoded", &writer, value: encoded)
    object.finish(&writer)
  }
}
